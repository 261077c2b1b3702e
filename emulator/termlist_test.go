package emulator

import (
	"slices"
	"strings"
	"testing"
)

// TestTermListWritesTheQueryTerms: the terms an object is indexed under are the ones
// a search or filter looks up (fieldTerm, metadataTerm), sorted; equal reports a
// change in any of them; no terms are nil.
func TestTermListWritesTheQueryTerms(t *testing.T) {
	var l termList
	pi := &intentRec{Obj: paymentIntent{Status: "requires_capture", Currency: "usd", Customer: strPtr("cus_1"),
		Metadata: map[string]string{"order_id": "o-7", "lane": "2", "a]=b": "x:y"}}}
	l.reset()
	intentTerms(pi, &l)
	l.sort()
	want := []string{fieldTerm("status", "requires_capture"), fieldTerm("currency", "usd"), fieldTerm("customer", "cus_1"),
		metadataTerm("order_id", "o-7"), metadataTerm("lane", "2"), metadataTerm("a]=b", "x:y")}
	slices.Sort(want)
	if got := l.strings(); !slices.Equal(got, want) {
		t.Fatalf("terms %q, want %q", got, want)
	}
	if !l.equal(want) {
		t.Fatal("equal to its own terms: false")
	}
	changed := slices.Clone(want)
	changed[len(changed)-1] += "!"
	if l.equal(changed) || l.equal(want[1:]) || l.equal(nil) {
		t.Fatal("a changed, shorter or empty list is equal")
	}
	l.reset()
	l.sort()
	if l.strings() != nil || !l.equal(nil) {
		t.Fatal("no terms are not nil")
	}
}

// TestSharedTermsAreNotConfused: a kind with few term lists shares them between its
// objects, and lists whose terms run together the same way stay apart.
func TestSharedTermsAreNotConfused(t *testing.T) {
	st := &state{tracking: true, logf: t.Logf}
	tb := newTable(st, kind[note]{name: "note", fewTerms: true,
		terms: func(n *note, l *termList) {
			for _, term := range strings.Split(n.Tag, "|") {
				l.term(term)
			}
		},
	})
	tb.putNext("a", &note{Tag: "x:1|y:2"})
	tb.putNext("b", &note{Tag: "x:1y:2"})
	tb.putNext("c", &note{Tag: "y:2|x:1"})
	commitTable(st, Retention{})
	a, b, c := tb.byID["a"].terms, tb.byID["b"].terms, tb.byID["c"].terms
	if !slices.Equal(a, []string{"x:1", "y:2"}) || !slices.Equal(b, []string{"x:1y:2"}) {
		t.Fatalf("terms a %q, b %q", a, b)
	}
	if &a[0] != &c[0] {
		t.Error("a and c have the same terms but two lists")
	}
	if got := ids(tb.withTerm("x:1")); !slices.Equal(got, []string{"a", "c"}) {
		t.Errorf("x:1 lists %v", got)
	}
}
