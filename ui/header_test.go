package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/till-pos/till/checkout"
)

// The header's shop name gives way to what the cashier needs: cut with "…" to the room
// the reader (and the order) leave, dropped when not even a few letters fit, and never
// pushing the reader's status out of the line.
func TestHeaderShopGivesWay(t *testing.T) {
	const bakery = "Bäckerei Müller am Marktplatz"
	reader := func(label string) checkout.Reader {
		return checkout.Reader{ID: "tmr_counter", Label: label, DeviceType: "simulated_wisepos_e", Status: "online"}
	}
	window, big := reader("Counter by the front window"), reader("Counter by the big front window")
	door := reader("Counter by the big front window near the door")
	for _, tc := range []struct {
		name   string
		shop   string
		reader checkout.Reader
		paying bool
		width  int
		want   string
	}{
		{"all fits", bakery, window, false, 80, bakery + " · Counter by the front window (online)"},
		{"cut for the reader", bakery, window, false, 60, "Bäckerei Müller am M… · Counter by the front window (online)"},
		{"cut for the order", bakery, frontCounter, true, 60, "Bäckerei Müller am M… · Front counter (online) · order ord_1"},
		{"no room left", bakery, big, true, 60, "Counter by the big front window (online) · order ord_1"},
		{"too little room for a cut", bakery, big, true, 62, "Counter by the big front window (online) · order ord_1"},
		{"room for a cut", bakery, big, true, 63, "Bäcke… · Counter by the big front window (online) · order ord_1"},
		{"cut at a space", "till demo shop", big, true, 63, "till… · Counter by the big front window (online) · order ord_1"},
		{"then the word order", bakery, door, true, 60, "Counter by the big front window near the door (online) · ord_1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, Options{Shop: tc.shop}, tc.reader)
			h.start(nil)
			if tc.paying {
				h.fill()
				h.pressUntil("enter", phaseIs(checkout.Awaiting))
			}
			m := sized(h.m, tc.width, 24)
			got := ansi.Strip(m.header())
			if got != tc.want {
				t.Errorf("header at %d columns:\n got %q\nwant %q", tc.width, got, tc.want)
			}
			if first := strings.SplitN(ansi.Strip(m.View()), "\n", 2)[0]; !strings.Contains(first, "(online)") {
				t.Errorf("the reader's status is pushed out of the header at %d columns: %q", tc.width, first)
			}
		})
	}
}

// On the support screen, a narrow header keeps the cashier's state and whole order id:
// the shop's name goes, then the screen's name (its tabs say it) and the word "order".
func TestSupportHeaderKeepsTheOrder(t *testing.T) {
	const order = "ord_20261129T162302_9f53dc84"
	h := newHarness(t, Options{Shop: "Bäckerei Müller am Marktplatz", NewOrderID: func() string { return order }}, frontCounter)
	h.start(nil)
	h.fill()
	h.pressUntil("enter", phaseIs(checkout.Awaiting))
	h.openSupport(paneReaders)
	for _, tc := range []struct {
		width int
		want  string
	}{
		{100, "Bäckerei Müller am Marktplatz · Support · cashier: awaiting, order " + order},
		{80, "Bäckerei Müll… · Support · cashier: awaiting, order " + order},
		{60, "cashier: awaiting, " + order},
	} {
		if got := ansi.Strip(sized(h.m, tc.width, 24).header()); got != tc.want {
			t.Errorf("at %d columns:\n got %q\nwant %q", tc.width, got, tc.want)
		}
	}
}
