package readerctl

import (
	"context"
	"fmt"
	"net/url"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/till-pos/till/checkout"
)

// authorize takes an intent to requires_capture on a simulated reader.
func authorize(t *testing.T, ce *clockEmu, c *Client, in checkout.Intent, card string) {
	t.Helper()
	reader := ce.e.ReaderIDs()[0]
	if _, err := c.ProcessOnReader(context.Background(), checkout.ProcessOnReader{ReaderID: reader, PaymentIntentID: in.ID, Key: "p-" + in.ID}); err != nil {
		t.Fatal(err)
	}
	if err := ce.e.PresentCard(reader, card); err != nil {
		t.Fatal(err)
	}
}

// Unfinished payments come from a few searches, not from listing the account: the
// authorized ones whoever made them, this till's declined ones, and the other intents of
// their orders; finished ones, other tills' declines and card-not-present ones stay out.
func TestUnfinishedIntentsSearchesInAFewCalls(t *testing.T) {
	ce := newClockEmu(t)
	var mu sync.Mutex
	var calls []Call
	c := ce.client(t, func(cfg *Config) {
		cfg.TillID = "lane-1"
		cfg.OnCall = func(call Call) { mu.Lock(); calls = append(calls, call); mu.Unlock() }
	})
	other := ce.client(t, func(cfg *Config) { cfg.TillID = "lane-2" })
	ctx := context.Background()
	since := ce.Now().Add(-time.Minute)
	// Volume: 150 intents nobody needs to look at (more than a page of 100).
	for i := range 150 {
		createFor(t, other, fmt.Sprintf("ord_v%d", i), fmt.Sprintf("k-v%d", i), "")
	}
	postForm(t, ce.url, url.Values{"amount": {"100"}, "currency": {"usd"}, "payment_method_types[]": {"card"}})

	authorized := createFor(t, other, "ord_auth", "k-auth", "")
	authorize(t, ce, other, authorized, "4242424242424242")
	duplicate := createFor(t, other, "ord_auth", "k-auth-2", "") // a second intent of the same order
	declined := createFor(t, c, "ord_mine", "k-mine", "")
	authorize(t, ce, c, declined, "4000000000000002")
	othersDecline := createFor(t, other, "ord_theirs", "k-theirs", "")
	authorize(t, ce, other, othersDecline, "4000000000000002")

	mu.Lock()
	calls = nil
	mu.Unlock()
	got, err := c.UnfinishedIntents(ctx, since)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, in := range got {
		ids = append(ids, in.ID)
	}
	sort.Strings(ids)
	want := []string{authorized.ID, duplicate.ID, declined.ID}
	sort.Strings(want)
	if fmt.Sprint(ids) != fmt.Sprint(want) {
		t.Fatalf("found %v, want the authorized one, its sibling and this till's decline %v", ids, want)
	}
	for _, in := range got {
		if in.ID == authorized.ID && (in.Card.Last4 != "4242" || in.CaptureBefore.IsZero() || !in.Unfinished()) {
			t.Errorf("the authorized intent lacks its card or expiry: %+v", in)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if len(calls) != 3 {
		t.Fatalf("%d calls, want 3 searches: %+v", len(calls), calls)
	}
	for _, call := range calls {
		if call.Path != "/v1/payment_intents/search" {
			t.Errorf("a call that is not a search: %s %s", call.Method, call.Path)
		}
	}
}

// An old authorization (before since) is left out, as a listing since would.
func TestUnfinishedIntentsSince(t *testing.T) {
	ce := newClockEmu(t)
	c := ce.client(t, func(cfg *Config) { cfg.TillID = "lane-1" })
	old := createFor(t, c, "ord_old", "k-old", "")
	authorize(t, ce, c, old, "4242424242424242")
	ce.advance(2 * time.Hour)
	got, err := c.UnfinishedIntents(context.Background(), ce.Now().Add(-time.Hour))
	if err != nil || len(got) != 0 {
		t.Fatalf("found %+v, %v; want nothing since an hour ago", got, err)
	}
	got, err = c.UnfinishedIntents(context.Background(), ce.Now().Add(-3*time.Hour))
	if err != nil || len(got) != 1 || got[0].ID != old.ID {
		t.Fatalf("found %+v, %v; want the old authorization", got, err)
	}
}
