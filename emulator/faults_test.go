package emulator

import (
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stripe/stripe-go/v76"
)

func TestOfflineReader(t *testing.T) {
	f := newFixture(t, Options{})
	pi := f.createPI(1000, "manual")
	f.e.SetFault(f.readers[0], Fault{Offline: true})
	r, err := f.sc.TerminalReaders.Get(f.readers[0], nil)
	if err != nil || r.Status != "offline" {
		t.Fatalf("offline reader = %+v, %v", r, err)
	}
	var raw struct {
		LastSeenAt int64 `json:"last_seen_at"`
	}
	decodeRaw(t, r.LastResponse.RawJSON, &raw)
	if stale := f.clock.Now().Add(-2 * time.Minute).UnixMilli(); raw.LastSeenAt > stale {
		t.Errorf("last_seen_at %d is not stale (want <= %d)", raw.LastSeenAt, stale)
	}
	_, err = f.sc.TerminalReaders.ProcessPaymentIntent(f.readers[0], &stripe.TerminalReaderProcessPaymentIntentParams{PaymentIntent: stripe.String(pi.ID)})
	wantErr(t, err, http.StatusBadRequest, stripe.ErrorTypeInvalidRequest, stripe.ErrorCodeTerminalReaderOffline, "")
	_, err = f.sc.TerminalReaders.CancelAction(f.readers[0], nil)
	wantErr(t, err, http.StatusBadRequest, stripe.ErrorTypeInvalidRequest, stripe.ErrorCodeTerminalReaderOffline, "")
	// The other reader is untouched.
	f.process(f.readers[1], pi.ID)
	list := f.sc.TerminalReaders.List(&stripe.TerminalReaderListParams{Status: stripe.String("offline")})
	var offline []string
	for list.Next() {
		offline = append(offline, list.TerminalReader().ID)
	}
	if len(offline) != 1 || offline[0] != f.readers[0] {
		t.Errorf("offline filter = %v", offline)
	}
	f.e.ClearFaults()
	if r, _ := f.sc.TerminalReaders.Get(f.readers[0], nil); r.Status != "online" {
		t.Errorf("after ClearFaults: %s", r.Status)
	}
}

func TestCommandTimeout(t *testing.T) {
	for _, tc := range []struct {
		variant  string
		received bool
	}{{TimeoutLost, false}, {TimeoutDelivered, true}} {
		t.Run(tc.variant, func(t *testing.T) {
			f := newFixture(t, Options{})
			pi := f.createPI(1000, "manual")
			f.e.SetFault("", Fault{Timeout: tc.variant})
			_, err := f.sc.TerminalReaders.ProcessPaymentIntent(f.readers[0], &stripe.TerminalReaderProcessPaymentIntentParams{PaymentIntent: stripe.String(pi.ID)})
			wantErr(t, err, http.StatusBadRequest, stripe.ErrorTypeInvalidRequest, stripe.ErrorCodeTerminalReaderTimeout, "")
			_, _, got, ok := f.e.ReaderAction(f.readers[0])
			if ok != tc.received || (ok && got != pi.ID) {
				t.Fatalf("reader got the command: %v (%s), want %v", ok, got, tc.received)
			}
		})
	}
}

func TestConnectionErrorDuringAuthorization(t *testing.T) {
	for _, tc := range []struct {
		variant string
		status  stripe.PaymentIntentStatus
	}{
		{ConnectionNotAuthorized, stripe.PaymentIntentStatusRequiresPaymentMethod},
		{ConnectionAuthorized, stripe.PaymentIntentStatusRequiresCapture},
	} {
		t.Run(tc.variant, func(t *testing.T) {
			f := newFixture(t, Options{})
			pi := f.createPI(1000, "manual")
			f.process(f.readers[0], pi.ID)
			f.e.SetFault(f.readers[0], Fault{ConnectionError: tc.variant})
			r := f.present(f.readers[0], "")
			if r.Action.Status != "failed" || r.Action.FailureCode != "connection_error" || r.Action.FailureMessage != "Could not connect to Stripe." {
				t.Fatalf("action = %+v", r.Action)
			}
			if got := f.getPI(pi.ID); got.Status != tc.status {
				t.Fatalf("PI = %s, want %s", got.Status, tc.status)
			}
		})
	}
}

func TestReaderDisconnectsMidPayment(t *testing.T) {
	f := newFixture(t, Options{})
	pi := f.createPI(1000, "manual")
	f.process(f.readers[0], pi.ID)
	events := f.e.st.Events.size()
	f.e.SetFault(f.readers[0], Fault{Disconnect: true})
	_, err := f.presentErr(f.readers[0], "")
	wantErr(t, err, http.StatusBadRequest, stripe.ErrorTypeInvalidRequest, stripe.ErrorCodeTerminalReaderTimeout, "")
	f.clock.Advance(10 * time.Minute)
	r, err := f.sc.TerminalReaders.Get(f.readers[0], nil)
	if err != nil || r.Action == nil || r.Action.Status != "in_progress" || r.Status != "offline" {
		t.Fatalf("disconnected reader = %+v, %v", r, err)
	}
	if n := len(f.e.PaymentIntents()); n != 1 || f.getPI(pi.ID).Status != stripe.PaymentIntentStatusRequiresPaymentMethod {
		t.Fatalf("PI changed")
	}
	if r, err := f.sc.TerminalReaders.CancelAction(f.readers[0], nil); err != nil || r.Action != nil {
		t.Fatalf("cancel_action on a disconnected reader = %+v, %v", r, err)
	}
	f.e.mu.Lock()
	got := f.e.st.Events.size()
	f.e.mu.Unlock()
	if got != events {
		t.Errorf("%d events emitted for a disconnected reader", got-events)
	}
}

func TestCustomerCancel(t *testing.T) {
	f := newFixture(t, Options{})
	f.e.SetFault("", Fault{CustomerCancel: true})
	pi := f.createPI(1000, "manual")
	_, err := f.sc.TerminalReaders.ProcessPaymentIntent(f.readers[0], &stripe.TerminalReaderProcessPaymentIntentParams{
		PaymentIntent: stripe.String(pi.ID),
		ProcessConfig: &stripe.TerminalReaderProcessPaymentIntentProcessConfigParams{EnableCustomerCancellation: stripe.Bool(true)},
	})
	if err != nil {
		t.Fatal(err)
	}
	r := f.present(f.readers[0], "")
	if r.Action.Status != "failed" || r.Action.FailureCode != "customer_canceled" {
		t.Fatalf("action = %+v", r.Action)
	}
	if got := f.getPI(pi.ID); got.Status != stripe.PaymentIntentStatusRequiresPaymentMethod || got.LatestCharge != nil {
		t.Fatalf("PI after customer cancel = %s", got.Status)
	}
	// Without enable_customer_cancellation the reader shows no cancel button.
	f.process(f.readers[0], pi.ID)
	if r := f.present(f.readers[0], ""); r.Action.Status != "succeeded" {
		t.Fatalf("without the button: %+v", r.Action)
	}
}

func TestLatency(t *testing.T) {
	f := newFixture(t, Options{})
	f.e.SetFault("", Fault{Latency: 30 * time.Millisecond, Jitter: 10 * time.Millisecond})
	start := time.Now()
	if _, err := f.sc.TerminalReaders.Get(f.readers[0], nil); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d < 30*time.Millisecond {
		t.Fatalf("request took %v, want >= 30ms", d)
	}
}

func TestServerErrorsAndDrops(t *testing.T) {
	for _, tc := range []struct {
		name    string
		fault   Fault
		created int
	}{
		{"500 before", Fault{ErrorRate: 1}, 0},
		{"500 after", Fault{ErrorRate: 1, AfterMutation: true}, 1},
		{"drop before", Fault{DropRate: 1}, 0},
		{"drop after", Fault{DropRate: 1, AfterMutation: true}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t, Options{})
			f.e.SetFault("", tc.fault)
			p := &stripe.PaymentIntentParams{Amount: stripe.Int64(1000), Currency: stripe.String("usd")}
			p.SetIdempotencyKey("create-1")
			_, err := f.sc.PaymentIntents.New(p)
			if err == nil {
				t.Fatal("the request succeeded")
			}
			if tc.fault.ErrorRate > 0 {
				wantErr(t, err, http.StatusInternalServerError, stripe.ErrorTypeAPI, "", "")
			}
			if n := len(f.e.PaymentIntents()); n != tc.created {
				t.Fatalf("%d PaymentIntents created, want %d", n, tc.created)
			}
			f.e.ClearFaults()
			pi, err := f.sc.PaymentIntents.New(p)
			if err != nil {
				t.Fatal(err)
			}
			if all := f.e.PaymentIntents(); len(all) != 1 || all[0].ID != pi.ID {
				t.Fatalf("retry with the same key: %v, want exactly %s", all, pi.ID)
			}
		})
	}
}

func TestRateLimit(t *testing.T) {
	f := newFixture(t, Options{})
	f.e.SetFault("", Fault{RateLimit: true})
	for i := 0; i < 25; i++ {
		if _, err := f.sc.TerminalReaders.Get(f.readers[0], nil); err != nil {
			t.Fatalf("request %d: %v", i+1, err)
		}
	}
	_, err := f.sc.TerminalReaders.Get(f.readers[0], nil)
	wantErr(t, err, http.StatusTooManyRequests, stripe.ErrorTypeInvalidRequest, stripe.ErrorCodeRateLimit, "")
	f.clock.Advance(time.Second)
	if _, err := f.sc.TerminalReaders.Get(f.readers[0], nil); err != nil {
		t.Fatalf("next second: %v", err)
	}
}

func TestAuthorizingWindow(t *testing.T) {
	f := newFixture(t, Options{AuthorizeDelay: 2 * time.Second})
	pi := f.createPI(1000, "manual")
	f.process(f.readers[0], pi.ID)
	if r := f.present(f.readers[0], ""); r.Action.Status != "in_progress" {
		t.Fatalf("during the window: %+v", r.Action)
	}
	_, err := f.sc.TerminalReaders.CancelAction(f.readers[0], nil)
	wantErr(t, err, http.StatusBadRequest, stripe.ErrorTypeInvalidRequest, stripe.ErrorCodeTerminalReaderBusy, "")
	_, err = f.sc.TerminalReaders.ProcessPaymentIntent(f.readers[0], &stripe.TerminalReaderProcessPaymentIntentParams{PaymentIntent: stripe.String(pi.ID)})
	wantErr(t, err, http.StatusBadRequest, stripe.ErrorTypeInvalidRequest, stripe.ErrorCodeTerminalReaderBusy, "")
	_, err = f.presentErr(f.readers[0], "")
	wantErr(t, err, http.StatusBadRequest, stripe.ErrorTypeInvalidRequest, stripe.ErrorCodeTerminalReaderBusy, "")
	if s, _ := f.e.PaymentIntentStatus(pi.ID); s != "requires_payment_method" {
		t.Fatalf("PI during the window = %s", s)
	}
	f.clock.Advance(2 * time.Second)
	r, err := f.sc.TerminalReaders.Get(f.readers[0], nil)
	if err != nil || r.Action.Status != "succeeded" {
		t.Fatalf("after the window: %+v, %v", r, err)
	}
	if s, _ := f.e.PaymentIntentStatus(pi.ID); s != "requires_capture" {
		t.Fatalf("PI after the window = %s", s)
	}
}

func TestIdempotencyKeyInUse(t *testing.T) {
	f := newFixture(t, Options{})
	f.e.SetFault("", Fault{Latency: 600 * time.Millisecond}) // the first is still in flight, even on a loaded machine
	form := url.Values{"amount": {"1000"}, "currency": {"usd"}}
	key := map[string]string{"Idempotency-Key": "slow"}
	statuses := make([]int, 2)
	var wg sync.WaitGroup
	for i := range statuses {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if i == 1 {
				time.Sleep(100 * time.Millisecond)
			}
			res, _ := rawCall(t, f.srv.URL, http.MethodPost, "/v1/payment_intents", testKey, form, key)
			statuses[i] = res.StatusCode
		}()
	}
	wg.Wait()
	if statuses[0] != 200 || statuses[1] != http.StatusConflict {
		t.Fatalf("statuses = %v, want [200 409]", statuses)
	}
}

func TestAdminAPI(t *testing.T) {
	f := newFixture(t, Options{})
	reader := f.readers[0]
	post := func(path, body string) (*http.Response, map[string]any) {
		t.Helper()
		return adminCall(t, f.srv.URL, http.MethodPost, path, body)
	}
	res, body := post("/_emulator/readers/"+reader+"/faults", `{"offline":true,"latency":"1ms"}`)
	if res.StatusCode != 200 || body[reader] == nil {
		t.Fatalf("set reader fault: %d %v", res.StatusCode, body)
	}
	if r, _ := f.sc.TerminalReaders.Get(reader, nil); r.Status != "offline" {
		t.Fatalf("reader after admin fault = %s", r.Status)
	}
	if got := f.e.Faults()[reader]; !got.Offline || got.Latency != time.Millisecond {
		t.Fatalf("Faults() = %+v", got)
	}
	for _, tc := range []struct{ path, body string }{
		{"/_emulator/faults", `{"timeout":"sometimes"}`},
		{"/_emulator/faults", `{"latency":"soon"}`},
		{"/_emulator/faults", `{"error_rate":2}`},
		{"/_emulator/faults", `{"colour":"red"}`},
		{"/_emulator/faults", `not json`},
	} {
		if res, body := post(tc.path, tc.body); res.StatusCode != http.StatusBadRequest || errField(body, "message") == "" {
			t.Errorf("%s %s: %d %v", tc.path, tc.body, res.StatusCode, body)
		}
	}
	if res, _ := post("/_emulator/readers/tmr_nope/faults", `{"offline":true}`); res.StatusCode != http.StatusNotFound {
		t.Errorf("unknown reader: %d", res.StatusCode)
	}
	res, _ = adminCall(t, f.srv.URL, http.MethodDelete, "/_emulator/readers/"+reader+"/faults", "")
	if res.StatusCode != 200 || len(f.e.Faults()) != 0 {
		t.Fatalf("delete reader fault: %d %v", res.StatusCode, f.e.Faults())
	}
	post("/_emulator/faults", `{"rate_limit":true}`)
	adminCall(t, f.srv.URL, http.MethodDelete, "/_emulator/faults", "")
	if len(f.e.Faults()) != 0 {
		t.Fatalf("DELETE /_emulator/faults left %v", f.e.Faults())
	}

	pi := f.createPI(1000, "manual")
	f.process(reader, pi.ID)
	res, body = post("/_emulator/readers/"+reader+"/present", `{"number":"4000000000000002"}`)
	if res.StatusCode != 200 {
		t.Fatalf("admin present: %d %v", res.StatusCode, body)
	}
	res, body = adminCall(t, f.srv.URL, http.MethodGet, "/_emulator/state", "")
	pis, _ := body["payment_intents"].([]any)
	readers, _ := body["readers"].([]any)
	if res.StatusCode != 200 || len(pis) != 1 || len(readers) != 2 {
		t.Fatalf("state = %d %v", res.StatusCode, body)
	}
	if first, _ := pis[0].(map[string]any); first["status"] != "requires_payment_method" {
		t.Errorf("state PI = %v", first)
	}
	if res, _ := post("/_emulator/readers/"+reader+"/present", ""); res.StatusCode != http.StatusBadRequest {
		t.Errorf("present with nothing in progress: %d", res.StatusCode)
	}
}

func adminCall(t *testing.T, base, method, path, body string) (*http.Response, map[string]any) {
	t.Helper()
	req, err := http.NewRequest(method, base+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var m map[string]any
	decodeBody(t, res, &m)
	return res, m
}
