package emulator

import (
	"slices"
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
