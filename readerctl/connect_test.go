package readerctl

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"sync"
	"testing"

	"github.com/till-pos/till/checkout"
)

// A live key is taken only with Live set, and then only a live one.
func TestLiveModeTakesOnlyLiveKeys(t *testing.T) {
	for _, tt := range []struct {
		key  string
		live bool
		ok   bool
	}{
		{"sk_live_51Habcdefghijklmnop", true, true},
		{"rk_live_51Habcdefghijklmnop", true, true},
		{"sk_test_51Habcdefghijklmnop", true, false},
		{"sk_live_51Habcdefghijklmnop", false, false},
	} {
		_, err := New(Config{APIKey: tt.key, Live: tt.live})
		if (err == nil) != tt.ok || (err != nil && !errors.Is(err, ErrNotTestKey)) {
			t.Errorf("%.8s live=%v: %v", tt.key, tt.live, err)
		}
	}
}

// Connect: every call goes to the connected account (Stripe-Account), and the
// application fee is set on creation and again, on what was authorized, at capture.
func TestConnectAccountAndApplicationFee(t *testing.T) {
	var mu sync.Mutex
	type seen struct {
		path, account string
		form          url.Values
	}
	var got []seen
	c := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		mu.Lock()
		got = append(got, seen{r.URL.Path, r.Header.Get("Stripe-Account"), r.Form})
		mu.Unlock()
		switch {
		case r.URL.Path == "/v1/terminal/readers":
			writeJSON(w, 200, "req_1", map[string]any{"object": "list", "data": []any{}, "has_more": false})
		default:
			writeJSON(w, 200, "req_1", map[string]any{"id": "pi_1", "object": "payment_intent", "status": "requires_capture"})
		}
	}, func(cfg *Config) { cfg.Account, cfg.ApplicationFee = "acct_1Connected", checkout.Fee{BasisPoints: 250} })
	ctx := context.Background()
	if _, err := c.CreateIntent(ctx, checkout.CreateIntent{OrderID: "o", Amount: checkout.Money{Amount: 1234, Currency: "usd"}, Key: "k1"}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.CaptureIntent(ctx, checkout.CaptureIntent{PaymentIntentID: "pi_1", Key: "k2", Capturable: 1500}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.ListReaders(ctx); err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 {
		t.Fatalf("%d calls", len(got))
	}
	for _, s := range got {
		if s.account != "acct_1Connected" {
			t.Errorf("%s sent Stripe-Account %q", s.path, s.account)
		}
	}
	if fee := got[0].form.Get("application_fee_amount"); fee != "31" {
		t.Errorf("create: fee %q, want 31 (2.5%% of 12.34)", fee)
	}
	if fee := got[1].form.Get("application_fee_amount"); fee != "38" {
		t.Errorf("capture: fee %q, want 38 (2.5%% of 15.00 authorized)", fee)
	}
}

func TestNoConnectNoHeaderNoFee(t *testing.T) {
	c, last := recorder(t, map[string]any{"id": "pi_1", "object": "payment_intent", "status": "requires_capture"})
	if _, err := c.CaptureIntent(context.Background(), checkout.CaptureIntent{PaymentIntentID: "pi_1", Key: "k", Capturable: 100}); err != nil {
		t.Fatal(err)
	}
	if _, ok := last().Form["application_fee_amount"]; ok {
		t.Fatal("a fee without Connect")
	}
}

func TestAccountIDIsChecked(t *testing.T) {
	for _, bad := range []string{"acct_1\r\nX-Evil: 1", "cus_1", "acct_"} {
		if _, err := New(Config{APIKey: testKey, Account: bad}); err == nil {
			t.Errorf("account %q accepted", bad)
		}
	}
}
