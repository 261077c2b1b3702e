package main

import (
	"strings"
	"testing"

	"github.com/till-pos/till/emulator"
)

// refused runs a till command that must be refused before anything reaches Stripe: it
// exits 2, says why on stderr (each of wants), and the emulator holds no PaymentIntent.
func (e *supportEnv) refused(t *testing.T, wants []string, args ...string) {
	t.Helper()
	code, out, errOut := e.till(t, args...)
	if code != 2 {
		t.Errorf("%q: exit %d, want 2 (stdout %q stderr %q)", args, code, out, errOut)
	}
	for _, w := range wants {
		if !strings.Contains(errOut, w) {
			t.Errorf("%q: stderr %q does not say %q", args, errOut, w)
		}
	}
	if pis := e.emu.PaymentIntents(); len(pis) != 0 {
		t.Errorf("%q: %d PaymentIntents reached Stripe: %+v", args, len(pis), pis)
	}
}

// Issue 11 defect 8: KWD 12.34 went out as 1234 (KWD 1.234) and printed "Paid KWD
// 12.34"; xyz was charged as if it were a currency.
func TestPayRefusesCurrenciesStripeTerminalCannotTake(t *testing.T) {
	e := newSupportEnv(t, emulator.Options{})
	e.refused(t, []string{"Stripe Terminal cannot take KWD", "usd"}, "pay", "--amount", "12.34", "--currency", "kwd")
	e.refused(t, []string{"Stripe Terminal cannot take BHD"}, "pay", "--amount", "1", "--currency", "BHD")
	e.refused(t, []string{`"xyz" is not an ISO 4217 currency code`}, "pay", "--amount", "1", "--currency", "xyz")
	e.refused(t, []string{"more than 2 decimal places", "Nothing was sent"}, "pay", "--amount", "12.345", "--currency", "eur")
}
