package ui

import (
	"strings"
	"testing"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/receipt"
)

// The receipt page is one key from paid: esc goes back to paid, enter or n starts the
// next sale, p prints it.
func TestReceiptFromPaid(t *testing.T) {
	h := tipped(t)
	h.pressUntil("c", phaseIs(checkout.Paid))
	h.press("r")
	if _, onTop := h.m.active().(receipt.Model); !h.m.receipt.IsOpen() || !onTop {
		t.Fatal("r on paid did not open the receipt")
	}
	viewHas(t, h.m, "Receipt · $27.47 with a $2.50 tip", "Corner Café")
	h.press("p")
	if len(h.printed) != 1 || !strings.HasPrefix(h.printed[0], bookIntent+"\n") || !strings.Contains(h.printed[0], "TOTAL WITH TIP") {
		t.Errorf("printed %q", h.printed)
	}
	viewHas(t, h.m, "Receipt written to /var/receipts/receipt-"+bookIntent+".txt.")
	h.press("esc")
	if h.m.receipt.IsOpen() || h.session().Phase != checkout.Paid {
		t.Fatalf("esc: receipt open %v, phase %s", h.m.receipt.IsOpen(), h.session().Phase)
	}
	viewHas(t, h.m, "Paid", "Received $27.47")
	h.press("r", "n")
	if h.m.receipt.IsOpen() || h.m.payment.Active() {
		t.Errorf("n on the receipt: receipt open %v, payment active %v", h.m.receipt.IsOpen(), h.m.payment.Active())
	}
	viewHas(t, h.m, "The cart is empty")
}
