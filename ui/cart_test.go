package ui

import (
	"errors"
	"strings"
	"testing"

	"github.com/till-pos/till/checkout"
)

func TestAddLineForm(t *testing.T) {
	parseErr := func(text string) string {
		_, err := checkout.ParseAmount(text, "usd")
		return strip(err, checkout.ErrBadAmount)
	}
	addErr := func(l checkout.Line) string {
		_, err := checkout.Cart{Currency: "usd"}.Add(l)
		return strip(err, checkout.ErrBadLine)
	}
	cases := []struct {
		name, desc, price, qty string
		wantErr                string // "" means the line is added
	}{
		{"good line", "Coffee", "3.50", "2", ""},
		{"whole amount", "Bagel", "4", "1", ""},
		{"letters", "Coffee", "abc", "1", parseErr("abc")},
		{"negative", "Coffee", "-1", "1", parseErr("-1")},
		{"zero", "Coffee", "0", "1", parseErr("0")},
		{"three decimals", "Coffee", "12.345", "1", parseErr("12.345")},
		{"too large", "Coffee", "99999999999", "1", parseErr("99999999999")},
		{"empty price", "Coffee", "", "1", parseErr("")},
		{"quantity not a number", "Coffee", "3.50", "two", "Quantity: enter a whole number"},
		{"quantity zero", "Coffee", "3.50", "0", addErr(checkout.Line{Description: "Coffee", UnitPrice: 350})},
		{"no description", "", "3.50", "1", addErr(checkout.Line{UnitPrice: 350, Quantity: 1})},
		{"total too large", "Gold", "999999.99", "2", addErr(checkout.Line{Description: "Gold", UnitPrice: 99999999, Quantity: 2})},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := newHarness(t, Options{ReaderID: frontCounter.ID}, frontCounter)
			h.start(nil)
			h.addLine(c.desc, c.price, c.qty)
			lines := h.m.session.Cart.Lines
			if c.wantErr == "" {
				if len(lines) != 1 || h.m.overlay != overlayNone {
					t.Fatalf("line not added: %d lines, form error %q", len(lines), h.m.form.err)
				}
				price, _ := checkout.ParseAmount(c.price, "usd")
				if lines[0].UnitPrice != price.Amount || lines[0].Description != c.desc {
					t.Errorf("added %+v", lines[0])
				}
				return
			}
			if len(lines) != 0 || h.m.overlay != overlayForm {
				t.Fatalf("bad line accepted: %d lines, overlay %d", len(lines), h.m.overlay)
			}
			if !strings.Contains(strings.ToLower(h.m.form.err), strings.ToLower(strings.TrimSuffix(c.wantErr, "."))) {
				t.Errorf("form says %q, want it to say %q", h.m.form.err, c.wantErr)
			}
			f := h.m.form.inputs
			if f[fieldDescription].Value() != c.desc || f[fieldPrice].Value() != c.price || f[fieldQuantity].Value() != c.qty {
				t.Errorf("the form lost what was typed: %q %q %q", f[0].Value(), f[1].Value(), f[2].Value())
			}
			viewHas(t, h.m, h.m.form.err)
			for _, call := range h.log.calls() {
				if !strings.HasPrefix(call, "list_readers") {
					t.Errorf("bad input reached Stripe: %s", call)
				}
			}
		})
	}
}

func TestFormKeys(t *testing.T) {
	h := newHarness(t, Options{ReaderID: frontCounter.ID}, frontCounter)
	h.start(nil)
	h.press("a")
	if h.m.form.focus != fieldDescription || h.m.form.inputs[fieldQuantity].Value() != "" {
		t.Fatalf("form opens on field %d with quantity %q", h.m.form.focus, h.m.form.inputs[fieldQuantity].Value())
	}
	h.press("shift+tab")
	if h.m.form.focus != fieldQuantity {
		t.Errorf("shift+tab from the first field went to %d, want the last", h.m.form.focus)
	}
	h.press("tab")
	if h.m.form.focus != fieldDescription {
		t.Errorf("tab from the last field went to %d, want the first", h.m.form.focus)
	}
	h.typeText("q") // typing, not quitting
	h.press("esc")
	if h.m.overlay != overlayNone || len(h.m.session.Cart.Lines) != 0 {
		t.Errorf("esc left overlay %d and %d lines", h.m.overlay, len(h.m.session.Cart.Lines))
	}
}

func TestCartKeys(t *testing.T) {
	h := newHarness(t, Options{ReaderID: frontCounter.ID}, frontCounter)
	h.start(nil)
	h.press("enter")
	viewHas(t, h.m, "The cart is empty. Press a to add a line.")
	if h.m.session.Phase != checkout.Building {
		t.Fatal("an empty cart was charged")
	}
	h.addLine("A", "1.00", "1")
	h.addLine("B", "2.00", "1")
	h.addLine("C", "3.00", "1")
	if h.m.cursor != 2 {
		t.Errorf("cursor %d after adding, want the new line", h.m.cursor)
	}
	h.press("up", "up", "up")
	if h.m.cursor != 0 {
		t.Errorf("cursor %d after going up past the top", h.m.cursor)
	}
	h.press("down", "d")
	if got := descriptions(h.m.session.Cart); got != "A C" {
		t.Errorf("after removing the second line: %s", got)
	}
	h.press("down", "d", "d")
	if got := descriptions(h.m.session.Cart); got != "" || h.m.cursor != 0 {
		t.Errorf("after removing the rest: %q, cursor %d", got, h.m.cursor)
	}
	viewHas(t, h.m, "a add line • enter charge • p reader • q quit")
}

func descriptions(c checkout.Cart) string {
	var out []string
	for _, l := range c.Lines {
		out = append(out, l.Description)
	}
	return strings.Join(out, " ")
}

func TestChargeWithoutReaderOpensPicker(t *testing.T) {
	h := newHarness(t, Options{}, frontCounter, backCounter)
	h.start(nil)
	if h.m.overlay != overlayNone {
		t.Fatalf("overlay %d at start: the cart should open first", h.m.overlay)
	}
	h.addLine("Tea", "3.00", "1")
	h.press("enter")
	if h.m.overlay != overlayPicker || h.m.session.Phase != checkout.Building {
		t.Fatalf("overlay %d, phase %s: want the picker and no charge", h.m.overlay, h.m.session.Phase)
	}
	viewHas(t, h.m, "Choose a reader for this payment.")
	h.pressUntil("enter", phaseIs(checkout.Awaiting)) // choosing the reader carries on with the charge
	if h.m.session.ReaderID != backCounter.ID {
		t.Errorf("charged on %q, want the first listed (Back counter)", h.m.session.ReaderID)
	}
}

func TestReaderChoiceAtStart(t *testing.T) {
	cases := []struct {
		name       string
		configured string
		pref       string
		readers    []checkout.Reader
		listErr    error
		want       string
		picker     bool
		flash      string
	}{
		{"configured reader", backCounter.ID, frontCounter.ID, []checkout.Reader{frontCounter, backCounter}, nil, backCounter.ID, false, ""},
		{"remembered reader", "", backCounter.ID, []checkout.Reader{frontCounter, backCounter}, nil, backCounter.ID, false, ""},
		{"the only reader", "", "", []checkout.Reader{frontCounter}, nil, frontCounter.ID, false, ""},
		{"two readers, no choice", "", "", []checkout.Reader{frontCounter, backCounter}, nil, "", false, ""},
		{"remembered reader gone", "", "tmr_gone", []checkout.Reader{frontCounter, backCounter}, nil, "", false, ""},
		{"configured reader missing", "tmr_gone", "", []checkout.Reader{frontCounter, backCounter}, nil, "", false, "Reader tmr_gone is not among this account's readers"},
		{"no readers", "", "", nil, nil, "", false, "No readers found"},
		{"listing fails", "", "", nil, &checkout.Failure{Kind: checkout.KindAuth, HTTPStatus: 401}, "", false,
			"Could not list the readers: " + checkout.Explain(&checkout.Failure{Kind: checkout.KindAuth})},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := newHarness(t, Options{ReaderID: c.configured}, c.readers...)
			h.st.prefs[prefReader] = c.pref
			if c.listErr != nil {
				h.gw.ListReadersFn = func() ([]checkout.Reader, error) { return nil, c.listErr }
			}
			h.start(nil)
			if h.m.readerID != c.want || (h.m.overlay == overlayPicker) != c.picker {
				t.Errorf("reader %q picker %v, want %q %v", h.m.readerID, h.m.overlay == overlayPicker, c.want, c.picker)
			}
			if c.flash != "" {
				viewHas(t, h.m, c.flash)
			}
		})
	}
}

func TestUnfinishedReadError(t *testing.T) {
	h := newHarness(t, Options{ReaderID: frontCounter.ID}, frontCounter)
	h.st.UnfinishedFn = func() ([]checkout.Session, error) { return nil, errors.New("database corrupt") }
	h.start(nil)
	viewHas(t, h.m, "Could not read unfinished payments: database corrupt")
}

// The quantity field starts empty (its placeholder says 1): typing 2 means 2, and
// leaving it empty means 1.
func TestQuantityDefaultsToOne(t *testing.T) {
	h := newHarness(t, Options{ReaderID: frontCounter.ID}, frontCounter)
	h.start(nil)
	h.addLine("Tea", "3.00", "2")
	h.addLine("Cake", "4.00", "")
	lines := h.m.session.Cart.Lines
	if len(lines) != 2 || lines[0].Quantity != 2 || lines[1].Quantity != 1 {
		t.Fatalf("lines %+v, want quantities 2 and 1", lines)
	}
}
