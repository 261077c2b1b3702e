package readerctl

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/till-pos/till/checkout"
)

// answer is one HTTP answer as a broken or hostile Stripe could send it.
type answer struct {
	status int
	header http.Header
	body   []byte
}

// scripted answers each request with the next of its answers, then with an empty last
// page, so a listing always ends; no network is involved.
type scripted struct {
	mu      sync.Mutex
	answers []answer
}

func (s *scripted) RoundTrip(r *http.Request) (*http.Response, error) {
	s.mu.Lock()
	a := answer{status: 200, body: []byte(`{"object":"list","data":[],"has_more":false}`)}
	if len(s.answers) > 0 {
		a, s.answers = s.answers[0], s.answers[1:]
	}
	s.mu.Unlock()
	h := a.header.Clone()
	if h == nil {
		h = http.Header{}
	}
	if r.Body != nil {
		_, _ = io.Copy(io.Discard, r.Body)
		_ = r.Body.Close()
	}
	return &http.Response{StatusCode: a.status, Status: http.StatusText(a.status), Header: h, Request: r,
		Body: io.NopCloser(bytes.NewReader(a.body)), ContentLength: int64(len(a.body)), ProtoMajor: 1, ProtoMinor: 1}, nil
}

// knownKinds are the failure kinds checkout knows what to do with.
var knownKinds = map[checkout.Kind]bool{
	checkout.KindDeclined: true, checkout.KindCustomerCanceled: true, checkout.KindReaderBusy: true,
	checkout.KindReaderOffline: true, checkout.KindReaderTimeout: true, checkout.KindConnectionError: true,
	checkout.KindInvalidState: true, checkout.KindNotFound: true, checkout.KindAuth: true, checkout.KindRateLimit: true,
	checkout.KindInvalidRequest: true, checkout.KindNetwork: true, checkout.KindServer: true, checkout.KindUnknown: true,
}

// clientCalls are every call of the Client, each with plausible arguments.
var clientCalls = []struct {
	name string
	do   func(context.Context, *Client) error
}{
	{"ListReaders", func(ctx context.Context, c *Client) error { _, err := c.ListReaders(ctx); return err }},
	{"ListLocations", func(ctx context.Context, c *Client) error { _, err := c.ListLocations(ctx); return err }},
	{"ListReadersWithIntents", func(ctx context.Context, c *Client) error { _, _, err := c.ListReadersWithIntents(ctx); return err }},
	{"UnfinishedIntents", func(ctx context.Context, c *Client) error {
		_, err := c.UnfinishedIntents(ctx, time.Unix(0, 0))
		return err
	}},
	{"ReadReaderStatus", func(ctx context.Context, c *Client) error { _, _, err := c.ReadReaderStatus(ctx, "tmr_1"); return err }},
	{"FindIntentsByOrder", func(ctx context.Context, c *Client) error { _, err := c.FindIntentsByOrder(ctx, "ord_1"); return err }},
	{"Ping", func(ctx context.Context, c *Client) error { _, err := c.Ping(ctx); return err }},
	{"ReadReader", func(ctx context.Context, c *Client) error { _, err := c.ReadReader(ctx, "tmr_1"); return err }},
	{"ReadIntent", func(ctx context.Context, c *Client) error { _, err := c.ReadIntent(ctx, "pi_1"); return err }},
	{"CreateIntent", func(ctx context.Context, c *Client) error {
		_, err := c.CreateIntent(ctx, checkout.CreateIntent{OrderID: "ord_1", ReaderID: "tmr_1", Amount: checkout.Money{Amount: 100, Currency: "usd"}, Key: "k1"})
		return err
	}},
	{"ProcessOnReader", func(ctx context.Context, c *Client) error {
		_, err := c.ProcessOnReader(ctx, checkout.ProcessOnReader{ReaderID: "tmr_1", PaymentIntentID: "pi_1", Key: "k2"})
		return err
	}},
	{"CaptureIntent", func(ctx context.Context, c *Client) error {
		_, err := c.CaptureIntent(ctx, checkout.CaptureIntent{PaymentIntentID: "pi_1", Key: "k3"})
		return err
	}},
	{"CancelIntent", func(ctx context.Context, c *Client) error {
		_, err := c.CancelIntent(ctx, checkout.CancelIntent{PaymentIntentID: "pi_1", Reason: "abandoned", Key: "k4"})
		return err
	}},
	{"CancelReaderAction", func(ctx context.Context, c *Client) error { _, err := c.CancelReaderAction(ctx, "tmr_1"); return err }},
	{"PresentCard", func(ctx context.Context, c *Client) error {
		_, err := c.PresentCard(ctx, "tmr_1", "4242424242424242")
		return err
	}},
	{"SearchPayments", func(ctx context.Context, c *Client) error {
		_, _, err := c.SearchPayments(ctx, time.Unix(0, 0), 200)
		return err
	}},
	{"ReadPayment", func(ctx context.Context, c *Client) error { _, err := c.ReadPayment(ctx, "pi_1"); return err }},
	{"CreateRefund", func(ctx context.Context, c *Client) error {
		_, err := c.CreateRefund(ctx, checkout.CreateRefund{RefundID: "rf_1", OrderID: "ord_1", PaymentIntentID: "pi_1",
			Amount: checkout.Money{Amount: 100, Currency: "usd"}, Key: "k5"})
		return err
	}},
	{"ReadRefund", func(ctx context.Context, c *Client) error { _, err := c.ReadRefund(ctx, "re_1"); return err }},
	{"FindRefund", func(ctx context.Context, c *Client) error { _, err := c.FindRefund(ctx, "pi_1", "rf_1"); return err }},
	{"ListRefunds", func(ctx context.Context, c *Client) error { _, err := c.ListRefunds(ctx, "pi_1"); return err }},
	{"RefundsSince", func(ctx context.Context, c *Client) error {
		_, err := c.RefundsSince(ctx, time.Unix(0, 0), 500)
		return err
	}},
	{"ListWebhookEndpoints", func(ctx context.Context, c *Client) error { _, err := c.ListWebhookEndpoints(ctx); return err }},
}

// scriptedClient is a client whose every request is answered by script.
func scriptedClient(t testing.TB, script *scripted) *Client {
	c, err := New(Config{APIKey: testKey, MaxNetworkRetries: -1, Timeout: 2 * time.Second, HTTPClient: &http.Client{Transport: script}})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// checkOutcome: every error is a *checkout.Failure of a known kind, and no failure
// carries the key.
func checkOutcome(t testing.TB, call string, err error) {
	if err == nil {
		return
	}
	var f *checkout.Failure
	switch {
	case !errors.As(err, &f):
		t.Errorf("%s: %T %v is not a *checkout.Failure", call, err, err)
	case !knownKinds[f.Kind]:
		t.Errorf("%s: unknown kind %q", call, f.Kind)
	case strings.Contains(err.Error(), testKey) || strings.Contains(checkout.Explain(f), testKey):
		t.Errorf("%s: the key is in %q", call, err)
	}
}

// everyCall makes each of the client's calls on a fresh script of answers and checks
// what comes back (checkOutcome); nothing may panic.
func everyCall(t testing.TB, answers ...answer) {
	for _, call := range clientCalls {
		c := scriptedClient(t, &scripted{answers: append([]answer(nil), answers...)})
		checkOutcome(t, call.name, call.do(context.Background(), c))
	}
}

func jsonAnswer(status int, body string) answer {
	return answer{status: status, header: http.Header{"Content-Type": {"application/json"}, "Request-Id": {"req_1"}}, body: []byte(body)}
}

// Issue 11 defect 5: {"data":[],"has_more":true} panicked inside stripe-go's list
// iterator (reflect: call of reflect.Value.Elem on zero Value), in till pay, readers,
// payments, doctor and the screen. No answer may crash till.
func TestHostileAnswersNeverPanic(t *testing.T) {
	reader := `{"id":"tmr_1","object":"terminal.reader","status":"online"}`
	for name, answers := range map[string][]answer{
		"empty page that has more":      {jsonAnswer(200, `{"object":"list","data":[],"has_more":true}`)},
		"page of nulls that has more":   {jsonAnswer(200, `{"object":"list","data":[null],"has_more":true}`)},
		"second page empty, has more":   {jsonAnswer(200, `{"object":"list","data":[`+reader+`],"has_more":true}`), jsonAnswer(200, `{"object":"list","data":[],"has_more":true}`)},
		"page without data":             {jsonAnswer(200, `{"object":"list","has_more":true}`)},
		"data not a list":               {jsonAnswer(200, `{"object":"list","data":{"id":"x"},"has_more":true}`)},
		"null":                          {jsonAnswer(200, `null`)},
		"empty body":                    {jsonAnswer(200, ``)},
		"truncated":                     {jsonAnswer(200, `{"id":"pi_1","status":"requ`)},
		"an array":                      {jsonAnswer(200, `[1,2,3]`)},
		"wrong types":                   {jsonAnswer(200, `{"id":5,"status":[],"amount":"ten","metadata":7,"latest_charge":9,"action":"x","location":[]}`)},
		"html error page":               {{status: 502, header: http.Header{"Content-Type": {"text/html"}}, body: []byte("<html>bad gateway</html>")}},
		"error without an error":        {jsonAnswer(400, `{}`)},
		"error that is a string":        {jsonAnswer(402, `{"error":"card_declined"}`)},
		"error with odd types":          {jsonAnswer(400, `{"error":{"type":5,"code":[],"message":{"a":1}}}`)},
		"error echoing the key":         {jsonAnswer(401, `{"error":{"type":"invalid_request_error","message":"Invalid API Key provided: `+testKey+`"}}`)},
		"status zero":                   {jsonAnswer(0, `{}`)},
		"status 999":                    {jsonAnswer(999, `{}`)},
		"informational":                 {jsonAnswer(100, `{}`)},
		"deleted reader":                {jsonAnswer(200, `{"id":"tmr_1","object":"terminal.reader","deleted":true}`)},
		"reader action of every oddity": {jsonAnswer(200, `{"id":"tmr_1","object":"terminal.reader","action":{"type":"process_payment_intent","process_payment_intent":{"payment_intent":{"id":null}},"collect_payment_method":{"payment_intent":[]}}}`)},
		"huge numbers":                  {jsonAnswer(200, `{"id":"pi_1","object":"payment_intent","amount":1e400,"created":-99999999999999999999}`)},
	} {
		t.Run(name, func(t *testing.T) { everyCall(t, answers...) })
	}
}

// A has_more that never ends stops at maxListed items, with a failure, not at the
// deadline with a full memory.
func TestEndlessListsEnd(t *testing.T) {
	page := make([]map[string]any, 100)
	for i := range page {
		page[i] = map[string]any{"id": "tml_x", "object": "terminal.location"}
	}
	var n int
	c := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		n++
		writeJSON(w, 200, "req", map[string]any{"object": "list", "has_more": true, "data": page})
	}, func(c *Config) { c.Timeout = time.Minute })
	if _, err := c.ListLocations(context.Background()); err == nil || !strings.Contains(err.Error(), "could not be read") {
		t.Fatalf("err = %v", err)
	}
	if want := maxListed/len(page) + 1; n != want {
		t.Fatalf("%d pages read, want %d", n, want)
	}
}
