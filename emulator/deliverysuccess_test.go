package emulator

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestEventsByDeliverySuccess: pending_webhooks counts the endpoints an event has not
// reached yet, and GET /v1/events?delivery_success= lists by it: true, the events every
// endpoint took (one without endpoints too); false, those still pending or given up at
// one.
func TestEventsByDeliverySuccess(t *testing.T) {
	f := newFixture(t, Options{WebhookBackoff: time.Millisecond})
	c := f.as("", "")
	ok, failing := newReceiver(t, ""), newReceiver(t, "")
	failing.fail.Store(1000)
	epOK := c.ok("POST", "/v1/webhook_endpoints", form("url", ok.srv.URL, "enabled_events[]", "payment_intent.created"))
	c.ok("POST", "/v1/webhook_endpoints", form("url", failing.srv.URL, "enabled_events[]", "payment_intent.canceled"))
	ok.secret = str(epOK, "secret")

	pi := c.ok("POST", "/v1/payment_intents", form("amount", "1000", "currency", "usd"))
	c.ok("POST", "/v1/payment_intents/"+str(pi, "id")+"/cancel", nil)
	created := ok.rawEvents(1)[0]
	if num(created, "pending_webhooks") != 1 {
		t.Fatalf("pending_webhooks when sent: %v", created["pending_webhooks"])
	}
	c.paidOn(f.readers[0], 500, "automatic", "") // its charge.succeeded goes to no endpoint
	ok.rawEvents(1)

	byDelivery := func(success string) []string {
		list := c.ok("GET", "/v1/events", form("delivery_success", success, "limit", "100"))
		var types []string
		for _, ev := range dig(list, "data").([]any) {
			m := ev.(map[string]any)
			types = append(types, fmt.Sprintf("%s/%d", str(m, "type"), num(m, "data", "object", "amount")))
			if (num(m, "pending_webhooks") == 0) != (success == "true") {
				t.Errorf("delivery_success=%s lists %s with pending_webhooks %v", success, str(m, "id"), m["pending_webhooks"])
			}
		}
		return types
	}
	// The deliveries are counted once they arrive: wait for the three attempts to fail.
	deadline := time.Now().Add(5 * time.Second)
	for failing.hits.Load() < webhookAttempts || !slices.Contains(byDelivery("true"), "payment_intent.created/500") {
		if time.Now().After(deadline) {
			t.Fatalf("deliveries not counted: %d attempts, %v", failing.hits.Load(), byDelivery("true"))
		}
		time.Sleep(5 * time.Millisecond)
	}
	if got := byDelivery("true"); !slices.Contains(got, "payment_intent.created/500") || !slices.Contains(got, "payment_intent.created/1000") ||
		!slices.Contains(got, "charge.succeeded/500") || slices.Contains(got, "payment_intent.canceled/1000") {
		t.Errorf("delivery_success=true: %v", got)
	}
	if got := byDelivery("false"); !slices.Equal(got, []string{"payment_intent.canceled/1000"}) {
		t.Errorf("delivery_success=false: %v", got)
	}
	c.fails("GET", "/v1/events", form("delivery_success", "maybe"), 400, "", "delivery_success")
}

// TestBalanceTransactionsByPayout: the emulator makes no payouts, so a payout filter
// names one it does not have: 404, as for any unknown id; the list without it is whole.
func TestBalanceTransactionsByPayout(t *testing.T) {
	f := newFixture(t, Options{})
	c := f.as("", "")
	c.paidOn(f.readers[0], 1000, "automatic", "")
	if list := c.ok("GET", "/v1/balance_transactions", nil); len(dig(list, "data").([]any)) != 1 {
		t.Fatalf("balance transactions: %v", list)
	}
	c.fails("GET", "/v1/balance_transactions", form("payout", "po_1Missing"), 404, "resource_missing", "payout")
}

// TestDeliveryKeptBesideTheEvent: a webhook's arrival appends the event's new
// pending_webhooks to the state file, a line of its own, not the event again; it
// survives a compaction and a restart; and after a restart delivery_success filters
// without decoding the events it does not answer.
func TestDeliveryKeptBesideTheEvent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.jsonl")
	f := newFixture(t, Options{StatePath: path, WebhookBackoff: time.Millisecond})
	c := f.as("", "")
	rc := newReceiver(t, "")
	rc.secret = str(c.ok("POST", "/v1/webhook_endpoints", form("url", rc.srv.URL, "enabled_events[]", "payment_intent.created")), "secret")
	for range 6 {
		c.ok("POST", "/v1/payment_intents", form("amount", "1000", "currency", "usd"))
	}
	evs := rc.rawEvents(6)
	id := str(evs[0], "id")
	deadline := time.Now().Add(5 * time.Second)
	for len(dig(c.ok("GET", "/v1/events", form("delivery_success", "false")), "data").([]any)) > 0 {
		if time.Now().After(deadline) {
			t.Fatal("deliveries not counted")
		}
		time.Sleep(5 * time.Millisecond)
	}

	lines := func() (bodies, counts []string) {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(b), "\n") {
			if !strings.HasPrefix(line, `{"k":"event","id":"`+id+`"`) {
				continue
			}
			if strings.Contains(line, `"v":`) {
				bodies = append(bodies, line)
			} else {
				counts = append(counts, line)
			}
		}
		return bodies, counts
	}
	want := `{"k":"event","id":"` + id + `","pw":0}`
	if bodies, counts := lines(); len(bodies) != 1 || !slices.Equal(counts, []string{want}) {
		t.Fatalf("the state file has %d bodies of %s and %q; want the body once and %s", len(bodies), id, counts, want)
	}
	f.e.file.mu.Lock()
	f.e.file.compactAt = 0
	f.e.file.maybeCompact()
	f.e.file.mu.Unlock()
	f.e.file.wg.Wait()
	if bodies, counts := lines(); len(bodies) != 1 || !slices.Equal(counts, []string{want}) || f.e.file.compacted != 1 {
		t.Fatalf("after %d compactions: %d bodies of %s and %q", f.e.file.compacted, len(bodies), id, counts)
	}

	e2 := reopen(t, f.e, Options{StatePath: path})
	srv := newServer(t, e2)
	_, list := rawCall(t, srv, "GET", "/v1/events", testKey, form("delivery_success", "true", "limit", "2"), nil)
	if got := dig(list, "data").([]any); len(got) != 2 || num(got[0].(map[string]any), "pending_webhooks") != 0 {
		t.Fatalf("delivery_success=true after a restart: %v", list)
	}
	e2.mu.Lock()
	decoded := 0
	for _, en := range e2.st.Events.all() {
		if en.obj != nil {
			decoded++
		}
	}
	e2.mu.Unlock()
	if decoded > 3 { // the page, and the next event for has_more
		t.Errorf("listing 2 of 6 events decoded %d", decoded)
	}
	_, ev := rawCall(t, srv, "GET", "/v1/events/"+id, testKey, nil, nil)
	if num(ev, "pending_webhooks") != 0 {
		t.Errorf("pending_webhooks after a restart: %v", ev["pending_webhooks"])
	}
	_, list = rawCall(t, srv, "GET", "/v1/events", testKey, form("delivery_success", "false"), nil)
	if got := dig(list, "data").([]any); len(got) != 0 {
		t.Errorf("delivery_success=false after a restart: %v", got)
	}
}

// TestSideLinesOfGoneEvents: a pending_webhooks line for an event retired before it
// (a delivery that raced retention) or never recorded is ignored at load and dropped
// by compaction; a live event's newest one survives both.
func TestSideLinesOfGoneEvents(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.jsonl")
	e, err := New(Options{StatePath: path, Seed: true})
	if err != nil {
		t.Fatal(err)
	}
	var id, keep string
	for i := range 2 {
		e.local(true, func(x *txn) {
			pi := &paymentIntent{ID: "pi_x" + string(rune('a'+i)), Object: "payment_intent", Amount: 1000, Currency: "usd"}
			ev := x.emit("payment_intent.created", pi)
			ev.PendingWebhooks = 2
			if i == 0 {
				id = ev.ID
			} else {
				keep = ev.ID
			}
		})
	}
	seq, boots := e.st.Seq, e.st.Boots
	e.Close()
	w := recordWriter{persist: true}
	w.side("event", id, 1)
	w.buf = appendCommit(w.buf, seq, boots)
	w.tombstone("event", id)
	w.buf = appendCommit(w.buf, seq, boots)
	w.side("event", id, 0)
	w.side("event", "evt_nothere", 0)
	w.side("event", keep, 1)
	w.buf = appendCommit(w.buf, seq, boots)
	fh, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	fh.Write(w.buf)
	fh.Close()
	e2, err := New(Options{StatePath: path})
	if err != nil {
		t.Fatal(err)
	}
	e2.mu.Lock()
	_, ok := e2.st.Events.peek(id)
	ev, ok2 := e2.st.Events.peek(keep)
	e2.mu.Unlock()
	if ok || !ok2 || ev.PendingWebhooks != 1 {
		t.Fatalf("at load: retired event found %v, live one found %v with %+v; want pending_webhooks 1", ok, ok2, ev)
	}
	e2.file.mu.Lock()
	e2.file.compactAt = 0
	e2.file.maybeCompact()
	e2.file.mu.Unlock()
	e2.file.wg.Wait()
	b, _ := os.ReadFile(path)
	if bytes.Contains(b, []byte(id)) || bytes.Contains(b, []byte("evt_nothere")) || !bytes.Contains(b, []byte(`"id":"`+keep+`","pw":1}`)) {
		t.Fatalf("after %d compactions, the state file:\n%s", e2.file.compacted, b)
	}
	e2.Close()
	e3, err := New(Options{StatePath: path})
	if err != nil {
		t.Fatal(err)
	}
	e3.mu.Lock()
	ev, _ = e3.st.Events.peek(keep)
	e3.mu.Unlock()
	if ev.PendingWebhooks != 1 {
		t.Fatalf("after compaction and a restart: pending_webhooks %d, want 1", ev.PendingWebhooks)
	}
	e3.Close()
}
