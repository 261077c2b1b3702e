package emulator

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stripe/stripe-go/v76"
)

// bruteSearch is the search answered by checking every object of a table, newest first.
func bruteSearch[T any](t *testing.T, e *Emulator, tb *table[T], fields searchFields, obj func(*T) (any, string), query string) []string {
	t.Helper()
	clauses, useOr, err := parseQuery(query, "", fields)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	e.mu.Lock()
	defer e.mu.Unlock()
	tb.scan(func(r *T) bool {
		if o, id := obj(r); queryMatches(o, clauses, useOr, fields) {
			ids = append(ids, id)
		}
		return true
	})
	slices.Reverse(ids)
	return ids
}

// indexedSearch pages through a Search API (3 at a time).
func indexedSearch(t *testing.T, base, path, query string) []string {
	t.Helper()
	var ids []string
	form := url.Values{"query": {query}, "limit": {"3"}}
	for {
		res, body := rawCall(t, base, http.MethodGet, path, testKey, form, nil)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d %v", query, res.StatusCode, body)
		}
		for _, d := range body["data"].([]any) {
			ids = append(ids, d.(map[string]any)["id"].(string))
		}
		if body["has_more"] != true {
			return ids
		}
		form.Set("page", body["next_page"].(string))
	}
}

// TestSearchIndexAgreesWithAScan: whatever the PaymentIntents went through (payments,
// declines, cancels, metadata changes, a restart), searches through the index find
// exactly what checking every PaymentIntent finds, in the same order.
func TestSearchIndexAgreesWithAScan(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	f := newFixture(t, Options{StatePath: path})
	rng := rand.New(rand.NewPCG(7, 11))
	var someIntent string
	for i := range 40 {
		cur := []string{"usd", "eur"}[rng.IntN(2)]
		pi := f.createPI(int64(500+rng.IntN(5)*250), "manual", func(p *stripe.PaymentIntentParams) {
			p.Currency = stripe.String(cur)
			p.AddMetadata("order_id", fmt.Sprint([]string{"o-", "O-"}[i%2], i%25)) // Stripe matches either case
			if i%3 == 0 {
				p.AddMetadata("lane", fmt.Sprint("l", i%2))
			}
		})
		switch rng.IntN(6) {
		case 0:
			f.process(f.readers[0], pi.ID)
			f.present(f.readers[0], "")
			someIntent = pi.ID
		case 5:
			f.process(f.readers[0], pi.ID)
			f.present(f.readers[0], "4000000000000002") // declined: a failed charge
		case 1:
			f.process(f.readers[0], pi.ID)
			f.present(f.readers[0], "")
			if _, err := f.sc.PaymentIntents.Capture(pi.ID, nil); err != nil {
				t.Fatal(err)
			}
		case 2:
			if _, err := f.sc.PaymentIntents.Cancel(pi.ID, nil); err != nil {
				t.Fatal(err)
			}
		case 3:
			p := &stripe.PaymentIntentParams{}
			p.AddMetadata("order_id", "")
			p.AddMetadata("lane", "l9")
			if _, err := f.sc.PaymentIntents.Update(pi.ID, p); err != nil {
				t.Fatal(err)
			}
		}
	}
	queries := []string{
		"status:'requires_capture'", "status:'succeeded'", "status:'canceled'", "status:'requires_payment_method'",
		"metadata['order_id']:'o-3'", "metadata['lane']:'l9'", "metadata['lane']:'l0' AND currency:'eur'",
		"currency:'usd' AND status:'requires_payment_method'", "status:'succeeded' OR status:'canceled'",
		"metadata['order_id']:'o-1' OR metadata['lane']:'l9'", "amount>1000", "amount>=750 AND currency:'eur'",
		"-status:'canceled' AND currency:'usd'", "status:'canceled' OR amount<600", "metadata['order_id']:'nobody'",
		"currency:'EUR' AND amount<=1000", "metadata['order_id']:'O-4'", "metadata['order_id']:'o-5'",
		"status:'SUCCEEDED' and metadata['order_id']:'o-3'", "metadata['order_id']:'O-6' OR metadata['order_id']:'o-7'",
	}
	chargeQueries := []string{
		"status:'succeeded'", "status:'failed'", "currency:'eur' AND amount>700", "payment_intent:'" + someIntent + "'",
		"refunded:'false' AND currency:'usd'", "-status:'succeeded'", "status:'failed' OR currency:'eur'",
		"payment_intent:'" + strings.ToUpper(someIntent) + "'",
	}
	intentOf := func(r *intentRec) (any, string) { return &r.Obj, r.Obj.ID }
	chargeOf := func(c *charge) (any, string) { return c, c.ID }
	check := func(e *Emulator, base, when string) {
		for _, q := range queries {
			want, got := bruteSearch(t, e, e.st.Intents, piSearchFields, intentOf, q), indexedSearch(t, base, "/v1/payment_intents/search", q)
			if !slices.Equal(want, got) {
				t.Errorf("%s: %s: index found %v, a scan %v", when, q, got, want)
			}
		}
		for _, q := range chargeQueries {
			want, got := bruteSearch(t, e, e.st.Charges, chargeSearchFields, chargeOf, q), indexedSearch(t, base, "/v1/charges/search", q)
			if !slices.Equal(want, got) {
				t.Errorf("%s: charges %s: index found %v, a scan %v", when, q, got, want)
			}
		}
	}
	check(f.e, f.srv.URL, "in memory")
	e2 := reopen(t, f.e, Options{StatePath: path, Now: f.clock.Now})
	check(e2, newServer(t, e2), "after a restart")
}

// TestSearchMatchesTokensInAnyCase: Stripe's search query language matches a token
// (status, currency, metadata values) exactly but in any case, and takes AND and OR in
// any case; a field name is as the query fields spell it, and an id as it is.
func TestSearchMatchesTokensInAnyCase(t *testing.T) {
	f := newFixture(t, Options{})
	c := f.as("", "")
	pi := c.ok("POST", "/v1/payment_intents", form("amount", "1000", "currency", "usd", "customer", "cus_AbC", "metadata[order_id]", "Ord-7"))
	other := c.ok("POST", "/v1/payment_intents", form("amount", "1000", "currency", "usd", "metadata[order_id]", "ord-8"))
	for q, want := range map[string]string{
		"metadata['order_id']:'ord-7'":                            str(pi, "id"),
		"metadata['order_id']:'ORD-7'":                            str(pi, "id"),
		"metadata['order_id']:'Ord-7'":                            str(pi, "id"),
		"metadata['order_id']:'ORD-8'":                            str(other, "id"),
		"customer:'cus_AbC' and status:'REQUIRES_PAYMENT_METHOD'": str(pi, "id"),
		"currency:'USD' AND metadata['order_id']:'oRD-7'":         str(pi, "id"),
		"customer:'cus_abc'":                                      "",
	} {
		got := c.ok("GET", "/v1/payment_intents/search", form("query", q))
		data := dig(got, "data").([]any)
		if want == "" && len(data) != 0 || want != "" && (len(data) != 1 || str(data[0].(map[string]any), "id") != want) {
			t.Errorf("%s: %v, want %q", q, data, want)
		}
	}
	c.fails("GET", "/v1/payment_intents/search", form("query", "STATUS:'succeeded'"), 400, "", "-")
}

// TestSearchFindsInAnyCaseWhatAnOlderEmulatorIndexed: a state file written before
// metadata values had folded terms still answers a search in another case than the
// value's, as a scan would, for objects never changed since.
func TestSearchFindsInAnyCaseWhatAnOlderEmulatorIndexed(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	f := newFixture(t, Options{StatePath: path})
	pi := f.as("", "").ok("POST", "/v1/payment_intents", form("amount", "1000", "currency", "usd", "metadata[order_id]", "Ord-7"))
	if err := f.e.Close(); err != nil {
		t.Fatal(err)
	}
	// As an older emulator wrote it: the value's own term only.
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	folded := []byte(`,"~metadata[order_id]=ord-7"`)
	if !bytes.Contains(data, folded) {
		t.Fatalf("no folded term in the state file:\n%s", data)
	}
	if err := os.WriteFile(path, bytes.ReplaceAll(data, folded, nil), 0o600); err != nil {
		t.Fatal(err)
	}
	e2, err := New(Options{StatePath: path, Now: f.clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e2.Close() })
	base := newServer(t, e2)
	for _, q := range []string{"metadata['order_id']:'ord-7'", "metadata['order_id']:'ORD-7'", "metadata['order_id']:'Ord-7'"} {
		if ids := indexedSearch(t, base, "/v1/payment_intents/search", q); len(ids) != 1 || ids[0] != str(pi, "id") {
			t.Errorf("%s: %v, want [%s]", q, ids, str(pi, "id"))
		}
	}
}

// TestSearchIndexFoldsCaseAsTheScanDoes: a value whose letters fold to another's only
// by Unicode's case folding (ſ and s, Σ and ς) is found alike through the index and by
// a scan of every object (an OR with a range reads no index).
func TestSearchIndexFoldsCaseAsTheScanDoes(t *testing.T) {
	f := newFixture(t, Options{})
	c := f.as("", "")
	for _, v := range []string{"ſtall", "ΣΑΣ", "Ⅻ"} {
		c.ok("POST", "/v1/payment_intents", form("amount", "1000", "currency", "usd", "metadata[tag]", v))
	}
	for _, q := range []string{"stall", "STALL", "σασ", "ςας", "ⅻ", "Ⅻ"} {
		indexed := indexedSearch(t, f.srv.URL, "/v1/payment_intents/search", "metadata['tag']:'"+q+"'")
		scanned := indexedSearch(t, f.srv.URL, "/v1/payment_intents/search", "metadata['tag']:'"+q+"' OR amount<0")
		if !slices.Equal(indexed, scanned) {
			t.Errorf("%s: the index finds %v, a scan %v", q, indexed, scanned)
		}
	}
}
