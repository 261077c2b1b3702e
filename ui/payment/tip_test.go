package payment

import (
	"strings"
	"testing"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/common"
	"github.com/till-pos/till/ui/internal/fake"
)

// cafeCart is two lattes and a bag of beans: $21.99 before tax, $1.56 tax.
func cafeCart(t *testing.T) checkout.Cart {
	t.Helper()
	c, err := fake.Cafe().CartOf([]string{"LATTE:2", "BEANS"})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// chargeOn charges a cart on the front counter and waits for the card.
func (r *rig) chargeOn(c checkout.Cart) {
	r.t.Helper()
	m, cmd := r.m.Charge(c, fake.FrontCounter.ID)
	r.m = m
	r.settle(fakeRun(cmd), func() bool { return r.m.Session().Phase == checkout.Awaiting })
	if r.m.Session().Phase != checkout.Awaiting {
		r.t.Fatalf("phase %s, want awaiting", r.m.Session().Phase)
	}
}

var fakeRun = fake.Run

// words is the page as one line of words.
func words(m Model) string {
	return strings.Join(strings.Fields(m.View(common.Screen{Width: 80})), " ")
}

// Issue 9: the TUI sent no tipping settings. Each charge tells the reader the shop's
// policy: skip the tip screen, or work percentages out on the total before tax.
func TestChargeCarriesTheShopsTipping(t *testing.T) {
	cart := cafeCart(t)
	tt := cart.Totals()
	for _, tc := range []struct {
		name   string
		policy checkout.TipPolicy
		want   checkout.Tipping
	}{
		{"tipping off: the reader skips the tip screen", checkout.TipPolicy{}, checkout.Tipping{Skip: true}},
		{"on, pre-tax: percentages of the total before tax", checkout.TipPolicy{Enabled: true}, checkout.Tipping{AmountEligible: tt.Total - tt.Tax}},
		{"on, of the total: nothing to say", checkout.TipPolicy{Enabled: true, Base: checkout.TipTotal}, checkout.Tipping{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := newRig(t, fake.FrontCounter)
			r.m.opts.Tipping = tc.policy
			r.chargeOn(cart)
			if got := r.gw.Tipping(); got == nil || *got != tc.want {
				t.Errorf("the reader was told %+v, want %+v", got, tc.want)
			}
			if k := helpKeys(r.m); strings.Contains(k, "3") != tc.policy.Enabled {
				t.Errorf("keys %q: the tip key is there only when the reader offers a tip", k)
			}
		})
	}
}

// Issue 9: a customer who tipped $2.50 on a $10.00 sale paid $12.50 while till showed
// $10.00. The approved and paid screens show the tip and what was received, and the
// capture takes all of it.
func TestTipOnTheReaderIsShownAndCapturedInFull(t *testing.T) {
	r := tipping(t)
	if !r.m.Typing() {
		t.Fatal("3 did not open the tip field")
	}
	for _, k := range []string{"a", "b", "c"} {
		r.step(fake.Key(k))
	}
	r.settle(r.step(fake.Key("enter")), nil)
	if v := words(r.m); !strings.Contains(v, `Tip: "abc" is not a number`) || r.m.tip.input.Value() != "abc" {
		t.Fatalf("a bad tip is not said, or not kept:\n%s", v)
	}
	r.m.tip = newTipForm()
	for _, k := range []string{"2", ".", "5", "0"} {
		r.step(fake.Key(k))
	}
	r.settle(r.step(fake.Key("enter")), func() bool { return r.m.Session().Phase == checkout.Approved })
	s := r.m.Session()
	if s.Phase != checkout.Approved || s.Tip != 250 || s.Amount.Amount != 1000 || s.AmountCapturable != 1250 {
		t.Fatalf("after the tip: %s, tip %d, amount %d, capturable %d", s.Phase, s.Tip, s.Amount.Amount, s.AmountCapturable)
	}
	if !strings.Contains(strings.Join(r.log.Calls(), "\n"), "present tip 250 "+"4242424242424242") {
		t.Errorf("the card was not presented with the tip: %v", r.log.Calls())
	}
	if v := words(r.m); !strings.Contains(v, "$12.50") || !strings.Contains(v, "Sale $10.00") || !strings.Contains(v, "Tip $2.50, chosen on the reader") {
		t.Errorf("approved does not show the tip:\n%s", v)
	}
	r.settle(r.step(fake.Key("c")), func() bool { return r.m.Session().Phase == checkout.Paid })
	if in := r.gw.Intent(); in.AmountReceived != 1250 {
		t.Errorf("the capture took %d, want all 1250", in.AmountReceived)
	}
	v := words(r.m)
	for _, want := range []string{"Received $12.50", "Sale $10.00", "Tip $2.50"} {
		if !strings.Contains(v, want) {
			t.Errorf("paid lacks %q:\n%s", want, v)
		}
	}
	if msgs := r.step(fake.Key("r")); len(msgs) != 1 || msgs[0].(ReceiptMsg).Session.OrderID != s.OrderID {
		t.Errorf("r on paid asked for %v, want the receipt of %s", msgs, s.OrderID)
	}
}

// A reader told to skip tipping has no tip screen: no tip key, and the paid screen
// says nothing of tips.
func TestNoTipWhenTippingIsOff(t *testing.T) {
	r := newRig(t, fake.FrontCounter)
	r.chargeOn(cafeCart(t))
	r.settle(r.step(fake.Key("3")), nil)
	if r.m.Typing() {
		t.Fatal("3 opened a tip field on a reader told to skip tipping")
	}
	r.settle(r.step(fake.Key("1")), func() bool { return r.m.Session().Phase == checkout.Approved })
	if v := words(r.m); strings.Contains(v, "Tip") {
		t.Errorf("approved speaks of a tip:\n%s", v)
	}
}

// The customer may skip the tip on the reader's tip screen: 0 in the tip field presents
// the approving card with no tip, rather than refusing it as an amount not above zero.
func TestZeroTipIsNoTip(t *testing.T) {
	for _, typed := range []string{"0", "0.00", ".0"} {
		r := tipping(t)
		for _, k := range typed {
			r.step(fake.Key(string(k)))
		}
		r.settle(r.step(fake.Key("enter")), func() bool { return r.m.Session().Phase == checkout.Approved })
		if s := r.m.Session(); s.Phase != checkout.Approved || s.Tip != 0 || s.AmountCapturable != 1000 {
			t.Errorf("%q: %s, tip %d, capturable %d", typed, s.Phase, s.Tip, s.AmountCapturable)
		}
		if calls := strings.Join(r.log.Calls(), "\n"); strings.Contains(calls, "present tip") {
			t.Errorf("%q: presented with a tip: %v", typed, calls)
		}
	}
}

// tipping is a $10.00 lunch charged on a reader that asks for tips, with 3 pressed: the
// tip field open.
func tipping(t *testing.T) *rig {
	t.Helper()
	r := newRig(t, fake.FrontCounter)
	r.m.opts.Tipping = checkout.TipPolicy{Enabled: true}
	cart, err := checkout.Cart{Currency: "usd"}.Add(checkout.Line{Description: "Lunch", UnitPrice: 1000, Quantity: 1})
	if err != nil {
		t.Fatal(err)
	}
	r.chargeOn(cart)
	r.settle(r.step(fake.Key("3")), nil)
	return r
}
