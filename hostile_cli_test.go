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

// Issue 11 defect 7: an unknown flag or a bad flag value exited 2 and printed nothing,
// on every command.
func TestEveryCommandSaysWhatIsWrongWithItsFlags(t *testing.T) {
	e := newSupportEnv(t, emulator.Options{})
	commands := [][]string{
		{}, {"tui"}, {"pay", "--amount", "1"}, {"readers"}, {"reader", "cancel-action", "tmr_1"}, {"payments", "--unfinished"},
		{"payments", "capture", "pi_1"}, {"payments", "cancel", "pi_1"}, {"shift", "report"}, {"shift", "close"},
		{"doctor"}, {"emulator"},
	}
	for _, cmd := range commands {
		name := "till " + strings.Join(cmd, " ")
		code, out, errOut := e.till(t, append(append([]string{}, cmd...), "--bogus")...)
		if code != 2 || !strings.Contains(errOut, "unknown flag: --bogus") || !strings.Contains(errOut, "--help") {
			t.Errorf("%s --bogus: exit %d, stdout %q, stderr %q", name, code, out, errOut)
		}
	}
	for _, args := range [][]string{
		{"pay", "--amount", "1", "--wait", "soon"},
		{"payments", "--unfinished", "--days", "x"},
		{"readers", "--json=maybe"},
		{"emulator", "--readers", "two"},
	} {
		code, _, errOut := e.till(t, args...)
		if code != 2 || !strings.Contains(errOut, "invalid argument") {
			t.Errorf("%q: exit %d, stderr %q", args, code, errOut)
		}
	}
	for _, args := range [][]string{{"readers", "extra"}, {"payments", "capture"}} {
		code, _, errOut := e.till(t, args...)
		if code != 2 || !strings.Contains(errOut, "argument") || !strings.Contains(errOut, "Usage:") {
			t.Errorf("%q: exit %d, stderr %q", args, code, errOut)
		}
	}
}

// Issue 11 defect 7: an invalid --card was found out only after the PaymentIntent was
// created and sent to the reader, which then stayed blocked for the whole --wait.
func TestPayChecksTheCardBeforeAnythingIsSent(t *testing.T) {
	e := newSupportEnv(t, emulator.Options{})
	e.refused(t, []string{`--card "123" is not a card number`, "Nothing was sent"}, "pay", "--amount", "1", "--card", "123")
	e.refused(t, []string{"4242424242424241"}, "pay", "--amount", "1", "--card", "4242424242424241")
}
