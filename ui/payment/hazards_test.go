package payment

import (
	"strings"
	"testing"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/common"
	"github.com/till-pos/till/ui/internal/fake"
)

func screen(m Model) string {
	return strings.Join(strings.Fields(m.View(common.Screen{Width: 80})), " ")
}

// Issue 8: x while awaiting canceled at once. It asks first; n leaves the payment be.
func TestCancelWhileAwaitingAsksFirst(t *testing.T) {
	r := newRig(t, fake.FrontCounter).with(awaiting())
	r.step(fake.Key("x"))
	if q := r.m.Question(); !strings.Contains(q, "Cancel the payment?") || len(r.log.Calls()) != 0 {
		t.Fatalf("x: question %q, calls %v", q, r.log.Calls())
	}
	if got := helpKeys(r.m); got != "y n" {
		t.Errorf("while asking the keys are %q, want y n", got)
	}
	r.step(fake.Key("n"))
	if r.m.Question() != "" || r.m.Session().Phase != checkout.Awaiting || len(r.log.Calls()) != 0 {
		t.Errorf("n: question %q, phase %s, calls %v", r.m.Question(), r.m.Session().Phase, r.log.Calls())
	}
}

// Issue 8: a canceled payment offers its cart back for a new attempt.
func TestCanceledPaymentGivesItsCartBack(t *testing.T) {
	s := withIntent(live(checkout.Canceled), checkout.IntentCanceled)
	s.Cart = checkout.Cart{Currency: "usd", Lines: []checkout.Line{{Description: "Tea", UnitPrice: 300, Quantity: 2}}}
	r := newRig(t, fake.FrontCounter).with(s)
	msgs := r.step(fake.Key("r"))
	if len(msgs) != 1 {
		t.Fatalf("r gave %v", msgs)
	}
	back, ok := msgs[0].(BackToCartMsg)
	if !ok || len(back.Cart.Lines) != 1 || back.Cart.Lines[0].Description != "Tea" || back.Failure != nil {
		t.Errorf("r gave %+v, want the cart back", msgs[0])
	}
	if r.m.Active() {
		t.Errorf("the canceled payment is still on screen (%s)", r.m.Session().Phase)
	}
}

// Issue 8: a resumed payment showed a stale "reader busy, take it over" when it had
// been paid meanwhile. Until Stripe answers, a resumed payment shows only that it is
// being checked, and offers no key that acts on what may be stale.
func TestResumedPaymentIsCheckedBeforeItIsShown(t *testing.T) {
	stale := inUse() // how the journal last saw it: the reader was taking another payment
	r := newRig(t, fake.FrontCounter)
	r.st.UnfinishedFn = func() ([]checkout.Session, error) { return []checkout.Session{stale}, nil }
	paid := checkout.Intent{ID: stale.PaymentIntentID, Status: checkout.IntentSucceeded, Amount: stale.Amount,
		Card: checkout.Card{Brand: "visa", Last4: "4242"}}
	r.gw.ReadIntentFn = func(string) (checkout.Intent, error) { return paid, nil }
	msgs := r.step(unfinishedFromInit(t, r)) // the resume, its check held back
	v := screen(r.m)
	for _, stalePart := range []string{"taking another payment", "take it over", "Payment not completed"} {
		if strings.Contains(v, stalePart) {
			t.Errorf("before the check the screen says %q:\n%s", stalePart, v)
		}
	}
	if !strings.Contains(v, "Checking the payment left open at 15:07") || helpKeys(r.m) != "" {
		t.Errorf("before the check: keys %q\n%s", helpKeys(r.m), v)
	}
	r.settle(msgs, nil)
	if r.m.Session().Phase != checkout.Paid || !strings.Contains(screen(r.m), "Paid") {
		t.Errorf("after the check: %s\n%s", r.m.Session().Phase, screen(r.m))
	}
}

// unfinishedFromInit runs Init's read of the journal and returns its message.
func unfinishedFromInit(t *testing.T, r *rig) unfinishedMsg {
	t.Helper()
	msgs := runInit(r)
	if len(msgs) != 1 {
		t.Fatalf("Init gave %v", msgs)
	}
	return msgs[0].(unfinishedMsg)
}

// Issue 8: on a simulated reader, an amount ending in a Stripe test amount is declined
// whatever card is presented. The awaiting screen says so before a card is presented.
func TestTestAmountHintOnSimulatedReaders(t *testing.T) {
	said := func(m checkout.Money) string {
		if m.Amount%100 == 75 {
			return "Test amount: ends in 75, the simulated reader declines it (pin_try_exceeded)."
		}
		return ""
	}
	coffee := awaiting()
	coffee.Amount = usd(275)
	tipped := coffee
	tipped.Tipping = &checkout.Tipping{}
	const tipSays = "A tip the customer adds changes the total"
	for _, tc := range []struct {
		name          string
		s             checkout.Session
		reader        checkout.Reader
		want, wantTip bool
	}{
		{"a test amount on a simulated reader", coffee, fake.FrontCounter, true, false},
		{"a test amount the customer may tip on", tipped, fake.FrontCounter, true, true},
		{"an ordinary amount", awaiting(), fake.FrontCounter, false, false},
		{"a real reader", coffee, fake.RealReader, false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.s.ReaderID = tc.reader.ID
			r := newRig(t, tc.reader).with(tc.s)
			r.m.opts.TestAmount = said
			view := strings.Join(strings.Fields(screen(r.m)), " ")
			if got := strings.Contains(view, "Test amount: ends in 75, the simulated reader declines it (pin_try_exceeded)."); got != tc.want {
				t.Errorf("hint shown %v, want %v:\n%s", got, tc.want, screen(r.m))
			}
			if got := strings.Contains(view, tipSays); got != tc.wantTip {
				t.Errorf("tip caveat shown %v, want %v:\n%s", got, tc.wantTip, screen(r.m))
			}
		})
	}
}
