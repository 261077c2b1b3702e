package common

import (
	"testing"

	"github.com/till-pos/till/checkout"
)

// The root asks whose the work on a busy reader is only of a reader_in_use failure; a
// cashier's page names this till's work as support named it, and any other is perhaps
// another till's. Both can be taken over.
func TestInUse(t *testing.T) {
	inUse := &checkout.Failure{Kind: checkout.KindReaderBusy, Code: checkout.CodeReaderInUse, Message: "pi_queued"}
	busy := &checkout.Failure{Kind: checkout.KindReaderBusy, Code: "terminal_reader_busy", Message: "pi_queued"}
	for f, want := range map[*checkout.Failure]string{inUse: "pi_queued", busy: "", nil: ""} {
		if got := InUseBy(f); got != want {
			t.Errorf("InUseBy(%+v) = %q, want %q", f, got, want)
		}
	}
	for mine, want := range map[string]string{
		"order ord_queued": "The reader is taking another payment (pi_queued): this till's order ord_queued, still open. Carry that on or cancel it, use another reader, or take it over.",
		"":                 "The reader is taking another payment (pi_queued), perhaps from another till. Wait for it, use another reader, or take it over.",
	} {
		if got := InUseWords(inUse, mine); got != want {
			t.Errorf("mine %q:\n got %q\nwant %q", mine, got, want)
		}
	}
}
