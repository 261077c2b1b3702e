package ui

import (
	"bytes"
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/internal/fake"
)

// Issue 9's "done when", on the screen: a sale of three catalogue items with tax and a
// discount, tipped on the reader, paid, its receipt shown — the same total on the cart,
// on the reader's display (read back from the emulator), on the receipt, in what Stripe
// captured and in the shift report.
func TestFlowCafeSaleTippedWithReceipt(t *testing.T) {
	var mu sync.Mutex
	var printed []string
	f := newFlowWith(t, true, func(o *Options, d *Deps) {
		o.Catalogue, o.Tipping = fake.Cafe(), checkout.TipPolicy{Enabled: true}
		o.Receipts = checkout.Shop{Name: "Corner Café", Address: []string{"12 Market Street"}}
		d.Print = func(_ context.Context, pi, text string) (string, error) {
			mu.Lock()
			defer mu.Unlock()
			printed = append(printed, text)
			return "written to receipt-" + pi + ".txt", nil
		}
	})
	f.wait("Quick keys")
	// Two lattes (quick key 2, then +), a croissant 10% off, the beans scanned, $1.00
	// off the order: $24.97 with tax at 8.25% and 1%.
	for _, k := range []string{"2", "enter", "+", "4", "enter", "%"} {
		f.key(k)
	}
	f.wait("Discount on line 2, Croissant")
	f.tm.Type("10%")
	f.key("enter")
	f.wait("10% off")
	f.tm.Type("0012345678905")
	f.key("enter")
	f.wait("House beans 250g")
	f.tm.Type("o")
	f.wait("Discount on the whole order")
	f.tm.Type("1.00")
	f.key("enter")
	f.waitAll("Order discount, $1.00 off", "$24.97")

	// The reader shows the cart once it stopped changing.
	display := f.readerDisplay(2497)
	if len(display.Lines) != 3 || display.Tax != 106 {
		t.Errorf("the reader shows %+v, want three lines and $1.06 tax", display)
	}

	f.key("enter")
	f.wait("Ask the customer")
	f.tm.Type("3")
	f.wait("The customer's tip")
	f.tm.Type("2.50")
	f.key("enter")
	f.waitAll("ready to capture", "$27.47")
	f.tm.Type("c")
	f.wait("Received        $27.47")
	f.tm.Type("r")
	f.wait("Receipt · $27.47 with a $2.50 tip")
	f.tm.Type("p")
	f.wait("Receipt written to")
	f.tm.Type("n")
	f.wait("The cart is empty")
	f.quit()

	pi := f.onlyIntent()
	if pi.Status != "succeeded" || pi.Amount != 2747 || pi.AmountReceived != 2747 {
		t.Errorf("Stripe has %+v, want the sale and the tip captured in full: 2747", pi)
	}
	s := f.saved(pi.OrderID, checkout.Paid)
	if s.Amount.Amount != 2497 || s.Tip != 250 || s.AmountReceived != 2747 || s.Cart.Total().Amount != 2497 {
		t.Errorf("saved: amount %d, tip %d, received %d, cart %d", s.Amount.Amount, s.Tip, s.AmountReceived, s.Cart.Total().Amount)
	}
	mu.Lock()
	receipt := strings.Join(printed, "")
	mu.Unlock()
	for _, want := range []string{"TOTAL                               $24.97", "Tip                                  $2.50",
		"TOTAL WITH TIP                      $27.47", "Tax (prepared food) 8.25%"} {
		if !strings.Contains(receipt, want) {
			t.Errorf("the printed receipt lacks %q:\n%s", want, receipt)
		}
	}
	report, err := checkout.CurrentShift(f.st, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if len(report.Totals) != 1 || report.Totals[0].Captured.Amount != 2497 || report.Totals[0].Tips.Amount != 250 {
		t.Errorf("the shift report has %+v, want $24.97 of sales and $2.50 of tips", report.Totals)
	}
}

// waitAll blocks until one stretch of output shows every text: what changes in one
// frame is drawn together, and what one wait reads the next does not see again.
func (f *flow) waitAll(texts ...string) {
	f.t.Helper()
	teatest.WaitFor(f.t, f.tm.Output(), func(b []byte) bool {
		for _, text := range texts {
			if !bytes.Contains(b, []byte(text)) {
				return false
			}
		}
		return true
	}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
}

// readerDisplay waits for the front counter to show a cart of total, as the emulator
// holds it, and returns it.
func (f *flow) readerDisplay(total int64) checkout.Display {
	f.t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		r, err := f.gw.ReadReader(context.Background(), f.front())
		if err != nil {
			f.t.Fatal(err)
		}
		if a := r.Action; a != nil && a.Display != nil && a.Display.Total == total {
			return *a.Display
		}
		if time.Now().After(deadline) {
			f.t.Fatalf("the reader shows %+v, want a cart of %d", r.Action, total)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
