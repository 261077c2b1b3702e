package main

import (
	"strings"
	"testing"

	"github.com/till-pos/till/emulator"
)

// A read that gets no answer moved nothing: the one-shot commands say Stripe did not
// answer, never that the call may or may not have gone through.
func TestFailedReadsSayOnlyThatStripeDidNotAnswer(t *testing.T) {
	e := newSupportEnv(t, emulator.Options{})
	e.emu.SetFault("", emulator.Fault{DropRate: 1})
	for _, args := range [][]string{{"readers"}, {"doctor"}, {"refund", "pi_123"}, {"reader", "cancel-action", e.readers[0]}} {
		code, out, errOut := e.till(t, args...)
		said := out + errOut
		if code == 0 || !strings.Contains(said, "Stripe did not answer") || strings.Contains(said, "may or may not") {
			t.Errorf("till %v: exit %d\n%s", args, code, said)
		}
	}
}
