package ui

import (
	"strings"
	"testing"

	"github.com/till-pos/till/checkout"
)

// TestTimelineKeepsTheChosenOrder: an order chosen in the Timeline stays on it while
// support looks at another pane and comes back; leaving the support screen forgets it,
// so the next visit starts from the cashier's order again.
func TestTimelineKeepsTheChosenOrder(t *testing.T) {
	h := historyHarness(t)
	h.openSupport(paneTimeline)
	if v := h.m.View(); !strings.Contains(v, "No order on screen") {
		t.Fatalf("with an empty cart the Timeline shows an order:\n%s", v)
	}
	h.press("o", "enter")
	viewHas(t, h.m, "Order ord_")
	chosen := h.m.View()
	h.press(paneReaders, paneTimeline)
	if got := h.m.View(); got != chosen {
		t.Fatalf("back from the Readers pane the Timeline shows:\n%s\nnot the order chosen:\n%s", got, chosen)
	}
	h.press("esc", "ctrl+s", paneTimeline)
	if v := h.m.View(); !strings.Contains(v, "No order on screen") {
		t.Fatalf("after leaving support the Timeline still shows the order chosen before:\n%s", v)
	}
}

// TestTimelineNowSaysRefunded: the Timeline's "Now" line of a paid order this till
// refunded says so, as the order list and the history do.
func TestTimelineNowSaysRefunded(t *testing.T) {
	h := historyHarness(t)
	h.refundAll("c0ffee", checkout.RefundSucceeded)
	h.press("enter", "t") // the history's payment, then its timeline
	viewHas(t, h.m, "Now refunded · "+cafeIntent)
}
