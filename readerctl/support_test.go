package readerctl

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/emulator"
)

// clockEmu is the in-process emulator on a clock the test moves.
type clockEmu struct {
	mu  sync.Mutex
	now time.Time
	e   *emulator.Emulator
	url string
}

func (c *clockEmu) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *clockEmu) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func newClockEmu(t *testing.T) *clockEmu {
	t.Helper()
	ce := &clockEmu{now: emuNow}
	e, err := emulator.New(emulator.Options{Seed: true, Now: ce.Now})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(e)
	t.Cleanup(srv.Close)
	ce.e, ce.url = e, srv.URL
	return ce
}

func (ce *clockEmu) client(t *testing.T, edit ...func(*Config)) *Client {
	t.Helper()
	cfg := Config{APIKey: testKey, BaseURL: ce.url, MaxNetworkRetries: -1, Timeout: 5 * time.Second}
	for _, e := range edit {
		e(&cfg)
	}
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func createFor(t *testing.T, c *Client, order, key, reader string) checkout.Intent {
	t.Helper()
	in, err := c.CreateIntent(context.Background(), checkout.CreateIntent{OrderID: order, ReaderID: reader,
		Amount: checkout.Money{Amount: 500, Currency: "usd"}, CaptureMethod: checkout.CaptureManual, Key: key})
	if err != nil {
		t.Fatalf("CreateIntent: %v", err)
	}
	return in
}

// postForm makes a PaymentIntent the way another integration would, bypassing till.
func postForm(t *testing.T, base string, form url.Values) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, base+"/v1/payment_intents", strings.NewReader(form.Encode()))
	req.Header.Set("Authorization", "Bearer "+testKey)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("create: HTTP %d", resp.StatusCode)
	}
}

func TestCreateIntentNamesTheReaderAndTheTill(t *testing.T) {
	ce := newClockEmu(t)
	tests := []struct {
		name, till, reader string
	}{
		{"both", "till-7", "tmr_front"},
		{"no till id", "", "tmr_front"},
		{"no reader", "till-7", ""},
	}
	for i, tt := range tests {
		c := ce.client(t, func(cfg *Config) { cfg.TillID = tt.till })
		in := createFor(t, c, "ord_meta", "key-meta-"+string(rune('a'+i)), tt.reader)
		read, err := c.ReadIntent(context.Background(), in.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, got := range []checkout.Intent{in, read} {
			if got.TillID != tt.till || got.ReaderID != tt.reader || got.OrderID != "ord_meta" {
				t.Errorf("%s: till %q reader %q order %q", tt.name, got.TillID, got.ReaderID, got.OrderID)
			}
		}
	}
}

func TestFindIntentsByOrder(t *testing.T) {
	ce := newClockEmu(t)
	c := ce.client(t)
	a1 := createFor(t, c, "A-1", "k-a1", "")
	a2 := createFor(t, c, "A-1", "k-a2", "")
	createFor(t, c, "B-2", "k-b", "")
	tests := []struct {
		order string
		want  []string
	}{
		{"A-1", []string{a1.ID, a2.ID}},
		{"C-3", nil},
	}
	for _, tt := range tests {
		got, err := c.FindIntentsByOrder(context.Background(), tt.order)
		if err != nil {
			t.Fatalf("%s: %v", tt.order, err)
		}
		var ids []string
		for _, in := range got {
			if in.OrderID != tt.order {
				t.Errorf("%s: found %s of order %q", tt.order, in.ID, in.OrderID)
			}
			ids = append(ids, in.ID)
		}
		sort.Strings(ids)
		sort.Strings(tt.want)
		if strings.Join(ids, ",") != strings.Join(tt.want, ",") {
			t.Errorf("%s: found %v, want %v", tt.order, ids, tt.want)
		}
	}
}

func TestFindIntentsByOrderQuotesTheOrder(t *testing.T) {
	var query string
	c := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		query = r.URL.Query().Get("query")
		writeJSON(w, 200, "req_s", map[string]any{"object": "search_result", "data": []any{}, "has_more": false, "url": "/v1/payment_intents/search"})
	})
	if _, err := c.FindIntentsByOrder(context.Background(), `o'neil\1`); err != nil {
		t.Fatal(err)
	}
	if want := `metadata['order_id']:'o\'neil\\1'`; query != want {
		t.Fatalf("query %q, want %q", query, want)
	}
}

func TestListLocations(t *testing.T) {
	ce := newClockEmu(t)
	got, err := ce.client(t).ListLocations(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || !strings.HasPrefix(got[0].ID, "tml_") || got[0].DisplayName != "till demo shop" {
		t.Fatalf("locations %+v", got)
	}
}

func TestPing(t *testing.T) {
	ce := newClockEmu(t)
	p, err := ce.client(t).Ping(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if p.Latency <= 0 || p.ServerDate.IsZero() || time.Since(p.ServerDate).Abs() > 5*time.Second {
		t.Fatalf("ping %+v", p)
	}
}

func TestPingReadsTheDateHeader(t *testing.T) {
	date := time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)
	var path string
	c := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		path = r.URL.Path + "?" + r.URL.RawQuery
		w.Header().Set("Date", date.Format(http.TimeFormat))
		writeJSON(w, 200, "req_p", map[string]any{"object": "list", "data": []any{}, "has_more": false, "url": "/v1/terminal/locations"})
	})
	p, err := c.Ping(context.Background())
	if err != nil || !p.ServerDate.Equal(date) {
		t.Fatalf("ping %+v, %v", p, err)
	}
	if path != "/v1/terminal/locations?limit=1" {
		t.Fatalf("ping called %s", path)
	}
}

func TestPingFailures(t *testing.T) {
	tests := []struct {
		status int
		body   map[string]any
		want   checkout.Kind
	}{
		{401, stripeError("invalid_request_error", "", "", "Invalid API Key provided"), checkout.KindAuth},
		{500, stripeError("api_error", "", "", "boom"), checkout.KindServer},
	}
	for _, tt := range tests {
		c := newFake(t, func(w http.ResponseWriter, r *http.Request) { writeJSON(w, tt.status, "req_f", tt.body) })
		_, err := c.Ping(context.Background())
		if f := checkout.AsFailure(err); err == nil || f.Kind != tt.want {
			t.Errorf("HTTP %d: %v, want kind %s", tt.status, err, tt.want)
		}
	}
}

func TestKeyMode(t *testing.T) {
	tests := []struct{ key, want string }{
		{"sk_test_abc", "test"},
		{"rk_test_abc", "restricted"},
		{"rk_live_abc", "restricted"},
		{"sk_live_abc", "live"},
	}
	for _, tt := range tests {
		c := &Client{key: tt.key}
		if got := c.KeyMode(); got != tt.want || strings.Contains(got, "abc") {
			t.Errorf("%s: KeyMode() = %q, want %q", tt.key[:8], got, tt.want)
		}
	}
	ce := newClockEmu(t)
	if got := ce.client(t, func(cfg *Config) { cfg.APIKey = "rk_test_x" }).KeyMode(); got != "restricted" {
		t.Errorf("a client built with a restricted key: %q", got)
	}
}
