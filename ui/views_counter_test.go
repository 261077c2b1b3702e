package ui

import (
	"testing"
	"time"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/internal/fake"
)

// The counter's screens of issue 9, for the storybook: the café's cart with tax and
// discounts, its fields, the tip on the reader, and the receipt.

// cafeBook is a storybook till selling the café's catalogue, tipping on, on the front
// counter.
func cafeBook(t testing.TB, start time.Time) *harness {
	t.Helper()
	return bookHarnessWith(t, start, Options{ReaderID: frontCounter.ID, Catalogue: fake.Cafe(),
		Tipping:  checkout.TipPolicy{Enabled: true},
		Receipts: checkout.Shop{Name: "Corner Café", Address: []string{"12 Market Street", "Springfield, IL 62701"}, Footer: "Thank you!"}})
}

// cafeSale is the receipt example's sale: two lattes (quick key 2, then +), a
// croissant 10% off (quick key 4), the beans scanned, $1.00 off the order: $24.97.
func (h *harness) cafeSale() {
	h.t.Helper()
	h.press("2", "enter", "+", "4", "enter", "%")
	h.typeText("10%")
	h.press("enter")
	h.typeText("0012345678905")
	h.press("enter", "o")
	h.typeText("1.00")
	h.press("enter", "up")
}

// tipped is the café's sale approved with a $2.50 tip chosen on the reader.
func tipped(t testing.TB) *harness {
	t.Helper()
	h := cafeBook(t, t0.Add(-83*time.Second))
	h.cafeSale()
	h.pressUntil("enter", phaseIs(checkout.Awaiting))
	h.clock.Advance(83 * time.Second)
	h.press("3")
	h.typeText("2.50")
	h.pressUntil("enter", phaseIs(checkout.Approved))
	return h
}

func addCounterBook(t testing.TB, add func(string, *harness)) {
	h := cafeBook(t, t0)
	h.cafeSale()
	add("cart_catalogue", h)

	h = cafeBook(t, t0)
	h.cafeSale()
	h.press("/")
	h.typeText("la")
	add("cart_find", h)

	h = cafeBook(t, t0)
	h.cafeSale()
	h.press("2")
	add("cart_quick_key", h)

	h = cafeBook(t, t0)
	h.cafeSale()
	h.typeText("4006381333931")
	h.press("enter")
	add("cart_scan_unknown", h)

	h = cafeBook(t, t0)
	h.cafeSale()
	h.press("%", "backspace", "backspace", "backspace")
	h.typeText("ten")
	h.press("enter")
	add("cart_discount_error", h)

	h = cafeBook(t, t0)
	h.cafeSale()
	h.press("a")
	h.typeText("Cake slice")
	h.press("tab")
	h.typeText("4.00")
	h.press("tab", "tab")
	h.typeText("bakery")
	h.press("enter")
	add("cart_free_line_taxed", h)

	h = cafeBook(t, t0.Add(-83*time.Second))
	h.cafeSale()
	h.pressUntil("enter", phaseIs(checkout.Awaiting))
	h.clock.Advance(83 * time.Second)
	add("awaiting_tipping", h)
	h.press("3")
	h.typeText("2.50")
	add("awaiting_tip", h)

	h = tipped(t)
	add("approved_tip", h)
	h.pressUntil("c", phaseIs(checkout.Paid))
	add("paid_tip", h)
	h.press("r")
	add("receipt", h)
	h.press("e")
	h.typeText("ana@example")
	h.press("enter")
	add("receipt_email", h)
	h.typeText(".com")
	h.press("enter", "p")
	add("receipt_sent", h)

	h = tipped(t)
	h.pressUntil("c", phaseIs(checkout.Paid))
	h.gw.ReadPaymentFn = func(string) (checkout.Payment, error) {
		return checkout.Payment{}, &checkout.Failure{Kind: checkout.KindNetwork, Message: "dial tcp: connection refused"}
	}
	h.press("r")
	add("receipt_failed", h)
}
