package ui

import (
	"errors"
	"testing"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/picker"
)

func TestChargeWithoutReaderOpensPicker(t *testing.T) {
	h := newHarness(t, Options{}, frontCounter, backCounter)
	h.start(nil)
	if h.m.picker.IsOpen() {
		t.Fatal("the picker is open at start: the cart should open first")
	}
	h.addLine("Tea", "3.00", "1")
	h.press("enter")
	if !h.m.picker.IsOpen() || h.session().Phase != checkout.Building {
		t.Fatalf("picker open %v, phase %s: want the picker and no charge", h.m.picker.IsOpen(), h.session().Phase)
	}
	viewHas(t, h.m, "Choose a reader for this payment.")
	h.pressUntil("enter", phaseIs(checkout.Awaiting)) // choosing the reader carries on with the charge
	if h.session().ReaderID != backCounter.ID {
		t.Errorf("charged on %q, want the first listed (Back counter)", h.session().ReaderID)
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
		flash      string
	}{
		{"configured reader", backCounter.ID, frontCounter.ID, []checkout.Reader{frontCounter, backCounter}, nil, backCounter.ID, ""},
		{"remembered reader", "", backCounter.ID, []checkout.Reader{frontCounter, backCounter}, nil, backCounter.ID, ""},
		{"the only reader", "", "", []checkout.Reader{frontCounter}, nil, frontCounter.ID, ""},
		{"two readers, no choice", "", "", []checkout.Reader{frontCounter, backCounter}, nil, "", ""},
		{"remembered reader gone", "", "tmr_gone", []checkout.Reader{frontCounter, backCounter}, nil, "", ""},
		{"configured reader missing", "tmr_gone", "", []checkout.Reader{frontCounter, backCounter}, nil, "", "Reader tmr_gone is not among this account's readers"},
		{"no readers", "", "", nil, nil, "", "No readers found"},
		{"listing fails", "", "", nil, &checkout.Failure{Kind: checkout.KindAuth, HTTPStatus: 401}, "",
			"Could not list the readers: " + checkout.Explain(&checkout.Failure{Kind: checkout.KindAuth})},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := newHarness(t, Options{ReaderID: c.configured}, c.readers...)
			_ = h.st.SetPref(picker.PrefReader, c.pref)
			if c.listErr != nil {
				h.gw.ListReadersFn = func() ([]checkout.Reader, error) { return nil, c.listErr }
			}
			h.start(nil)
			if h.m.picker.Chosen() != c.want || h.m.picker.IsOpen() {
				t.Errorf("reader %q picker %v, want %q and no picker", h.m.picker.Chosen(), h.m.picker.IsOpen(), c.want)
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
