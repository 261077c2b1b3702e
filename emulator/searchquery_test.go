package emulator

import (
	"reflect"
	"strings"
	"testing"

	"github.com/stripe/stripe-go/v76"
)

// The query language as Stripe's docs give it: whitespace joins clauses with AND, AND
// and OR in any case, quoted values with spaces and escaped quotes.
func TestParseQueryReadsStripesLanguage(t *testing.T) {
	fields := searchFields{"status": nil, "amount": nil, "metadata": nil}
	for _, tc := range []struct {
		query string
		want  []clause
		or    bool
	}{
		{"status:'succeeded'", []clause{{field: "status", op: ":", value: "succeeded"}}, false},
		{"status:'succeeded' amount>100", []clause{{field: "status", op: ":", value: "succeeded"}, {field: "amount", op: ">", value: "100"}}, false},
		{"status:'succeeded' and amount>100", []clause{{field: "status", op: ":", value: "succeeded"}, {field: "amount", op: ">", value: "100"}}, false},
		{"status:'a' or status:\"b\"", []clause{{field: "status", op: ":", value: "a"}, {field: "status", op: ":", value: "b"}}, true},
		{"  metadata['note']:'blue shirt, size M'\t", []clause{{field: "metadata", key: "note", op: ":", value: "blue shirt, size M"}}, false},
		{`metadata["cashier's note"]:"it's \"fine\""`, []clause{{field: "metadata", key: "cashier's note", op: ":", value: `it's "fine"`}}, false},
		{`metadata['a\'b']:'c\\d'`, []clause{{field: "metadata", key: "a'b", op: ":", value: `c\d`}}, false},
		{"-status:'canceled' OR amount<=5", []clause{{neg: true, field: "status", op: ":", value: "canceled"}, {field: "amount", op: "<=", value: "5"}}, true},
	} {
		got, or, err := parseQuery(tc.query, "payment_intent", fields)
		if err != nil || or != tc.or || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%q: %+v or=%v, %v; want %+v or=%v", tc.query, got, or, err, tc.want, tc.or)
		}
	}
	for query, want := range map[string]string{
		"":                                    "must not be empty",
		"   ":                                 "must not be empty",
		"status:'open":                        "quote (') is not closed",
		`metadata["a]:'b'`:                    `quote (") is not closed`,
		"AND status:'a'":                      "must stand between two clauses",
		"status:'a' AND":                      "ends with AND",
		"status:'a' AND OR status:'b'":        "must stand between two clauses",
		"status:'a' AND amount>1 OR amount<5": "cannot be combined",
		"status:'a'b":                         "Invalid search query clause",
		"status 'a'":                          "Invalid search query clause",
		"colour:'red'":                        `Field "colour" is not supported`,
	} {
		_, _, err := parseQuery(query, "payment_intent", fields)
		if err == nil || !strings.Contains(err.fields.Message, want) {
			t.Errorf("%q: %v; want an error saying %q", query, err, want)
		}
	}
}

// A search through stripe-go finds a PaymentIntent by a metadata value with spaces,
// clauses joined by a space.
func TestSearchFindsValuesWithSpaces(t *testing.T) {
	f := newFixture(t, Options{})
	want := f.createPI(1200, "manual", func(p *stripe.PaymentIntentParams) { p.AddMetadata("note", "blue shirt, size M") })
	f.createPI(1200, "manual", func(p *stripe.PaymentIntentParams) { p.AddMetadata("note", "blue shirt") })
	var got []string
	it := f.sc.PaymentIntents.Search(&stripe.PaymentIntentSearchParams{SearchParams: stripe.SearchParams{
		Query: "metadata['note']:'blue shirt, size M' status:'requires_payment_method'"}})
	for it.Next() {
		got = append(got, it.PaymentIntent().ID)
	}
	if it.Err() != nil || len(got) != 1 || got[0] != want.ID {
		t.Fatalf("found %v, %v; want %s", got, it.Err(), want.ID)
	}
}

// FuzzSearchQuery: any query parses or is refused with a Stripe error, never a panic;
// and any metadata key and value, quoted with their quotes and backslashes escaped,
// reads back as themselves.
func FuzzSearchQuery(f *testing.F) {
	f.Add("metadata['order_id']:'ord_1' AND status:'succeeded'", "note", "blue shirt")
	f.Add(`-amount>=5 or currency:"usd"`, `it's`, `say "hi" \ bye`)
	f.Add("status:'a", "", "")
	fields := searchFields{"status": nil, "amount": nil, "currency": nil, "metadata": nil}
	f.Fuzz(func(t *testing.T, query, key, value string) {
		if clauses, _, err := parseQuery(query, "payment_intent", fields); err != nil {
			if err.status != 400 || err.fields.Message == "" {
				t.Fatalf("%q refused without a Stripe error: %+v", query, err)
			}
		} else if len(clauses) == 0 {
			t.Fatalf("%q: no clause and no error", query)
		}
		if strings.ContainsAny(key+value, "\n") {
			return // a newline ends a quoted value's match (no client sends one)
		}
		esc := strings.NewReplacer(`\`, `\\`, `'`, `\'`)
		q := "metadata['" + esc.Replace(key) + "']:'" + esc.Replace(value) + "'"
		clauses, _, err := parseQuery(q, "payment_intent", fields)
		if err != nil || len(clauses) != 1 || clauses[0].key != key || clauses[0].value != value {
			t.Fatalf("%s: %+v, %v; want key %q value %q", q, clauses, err, key, value)
		}
	})
}
