package ui

import (
	"testing"
	"time"

	"github.com/till-pos/till/checkout"
)

// cashOrder is a cash sale of this morning: $4.50 for $10, $5.50 change.
const cashOrder = "ord_20260314151500_ca54ca"

// withCashSale puts this morning's cash sale in the history's fixture.
func (h *harness) withCashSale() {
	cart := checkout.Cart{Currency: "usd", Lines: []checkout.Line{{Description: "Muffin", UnitPrice: 450, Quantity: 1}}}
	h.st.Put(checkout.Session{OrderID: cashOrder, Phase: checkout.Paid, Cart: cart, Amount: usd(450), StartedAt: t0.Add(-5 * time.Minute),
		UpdatedAt: t0.Add(-5 * time.Minute), Cash: &checkout.Cash{Due: usd(450), Given: usd(1000), Change: usd(550)}})
}

// A cashier looking for this morning's cash sale finds it by its order, its amount or
// the word cash, opens it, and gets its receipt; r says in plain words that cash goes
// back from the drawer, and no refund starts.
func TestHistoryFindsACashSale(t *testing.T) {
	h := historyHarness(t)
	h.withCashSale()
	h.openHistory()
	viewHas(t, h.m, "6 payments", "14 Mar 15:04 $4.50 — — paid", cashOrder+" · cash")
	for _, find := range []string{"ca54ca", "4.50", "cash"} {
		h.find(find)
		if row, ok := h.m.history.Selected(); !ok || row.OrderID != cashOrder {
			t.Fatalf("find %q: %+v", find, row)
		}
		viewHas(t, h.m, "1 payment found of 6")
		h.press("esc")
	}
	h.find("ca54ca")
	h.press("enter")
	viewHas(t, h.m, "Cash sale of $4.50", "Paid in cash $4.50", "Given $10.00", "Change $5.50", "given back from the drawer")
	h.press("r")
	if h.m.refund.IsOpen() {
		t.Fatal("r started a refund of a cash sale")
	}
	viewHas(t, h.m, "Order "+cashOrder+" was paid in cash: give the $4.50 back from the drawer")
	h.press("v")
	viewHas(t, h.m, "PAID IN CASH $4.50", "Change $5.50")
	h.press("esc")
	viewHas(t, h.m, "Cash sale of $4.50")
}

// h on the cart opens the history on the newest payment: the cursor stayed on the row
// opened last time, so after the next sale enter opened the previous customer's payment.
func TestHistoryOpensOnTheNewest(t *testing.T) {
	h := historyHarness(t)
	h.withCashSale()
	h.openHistory()
	newest, _ := h.m.history.Selected()
	h.press("down", "down", "enter")
	if row, _ := h.m.history.Selected(); row.OrderID == newest.OrderID {
		t.Fatal("down did not move the cursor")
	}
	h.press("esc", "esc")
	if h.m.history.IsOpen() {
		t.Fatal("esc twice did not leave the history")
	}
	h.openHistory()
	if row, ok := h.m.history.Selected(); !ok || row.OrderID != newest.OrderID {
		t.Fatalf("the history opens on %s, not the newest, %s", row.OrderID, newest.OrderID)
	}
}
