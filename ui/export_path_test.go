package ui

import (
	"testing"
	"time"

	"github.com/till-pos/till/checkout"
)

// The screen's own order ids pass checkout's rule, so a charge never starts with one
// ChargeRequested would refuse.
func TestGeneratedOrderIDsAreValid(t *testing.T) {
	gen := orderIDs(time.Now)
	for i := 0; i < 50; i++ {
		if id := gen(); checkout.ValidOrderID(id) != nil {
			t.Fatalf("generated %q", id)
		}
	}
}
