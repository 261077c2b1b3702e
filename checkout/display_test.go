package checkout

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestDisplayOfTheCart(t *testing.T) {
	if _, ok := DisplayOf(Cart{Currency: "usd"}); ok {
		t.Fatal("an empty cart has a display")
	}
	c := mustAdd(t, Cart{Currency: "usd"},
		Line{Description: "Latte", UnitPrice: 450, Quantity: 2, TaxClass: "prepared", TaxRate: 82500},
		Line{Description: "Croissant", UnitPrice: 325, Quantity: 1, TaxClass: "prepared", TaxRate: 82500})
	c, _ = c.SetLineDiscount(1, &Discount{Percent: 100000})
	d, ok := DisplayOf(c)
	want := Display{Currency: "usd", Tax: 98, Total: 1290, Lines: []DisplayLine{
		{Description: "Latte", Amount: 900, Quantity: 2},
		{Description: "Croissant (-$0.33)", Amount: 292, Quantity: 1},
	}}
	if !ok || !reflect.DeepEqual(d, want) {
		t.Fatalf("%+v", d)
	}
	// The reader adds nothing up: what it shows must add up to what is charged.
	if d.Lines[0].Amount+d.Lines[1].Amount+d.Tax != d.Total || d.Total != c.Total().Amount {
		t.Fatal("the display does not add up to the cart's total")
	}
}

func building(lines ...Line) Session {
	c := Cart{Currency: "usd"}
	for _, l := range lines {
		c, _ = c.Add(l)
	}
	return Session{Cart: c}
}

var coffee = Line{Description: "Coffee", UnitPrice: 300, Quantity: 1}

func TestDisplaySyncDebouncesAndClears(t *testing.T) {
	var d DisplaySync
	now := t0
	step := func(s Session, readerID string, after time.Duration) {
		now = now.Add(after)
		d = d.Update(s, readerID, now)
	}
	due := func() (DisplayEffect, time.Duration) { return d.Due(now) }
	carry := func(outcome DisplayOutcome) {
		eff, _ := due()
		if eff == nil {
			t.Fatal("nothing due")
		}
		d = d.Start()
		if again, _ := due(); again != nil {
			t.Fatal("a second call while one is in flight")
		}
		d = d.Done(DisplayResult{Effect: eff, Outcome: outcome, At: now})
	}

	// No reader chosen: nothing to show.
	step(building(coffee), "", 0)
	if eff, wait := due(); eff != nil || wait != 0 {
		t.Fatalf("no reader: %v %v", eff, wait)
	}
	// Typing: each change restarts the wait.
	step(building(coffee), reader, 0)
	step(building(coffee, coffee), reader, 300*time.Millisecond)
	if eff, wait := due(); eff != nil || wait != DisplayDebounce {
		t.Fatalf("while typing: %v %v", eff, wait)
	}
	now = now.Add(DisplayDebounce)
	eff, _ := due()
	show, ok := eff.(ShowCart)
	if !ok || show.ReaderID != reader || show.Display.Total != 600 {
		t.Fatalf("after the pause: %#v", eff)
	}
	carry(DisplayShown)
	if eff, wait := due(); eff != nil || wait != 0 {
		t.Fatalf("shown, unchanged: %v %v", eff, wait)
	}
	// An update with the same cart changes nothing.
	step(building(coffee, coffee), reader, time.Second)
	if eff, _ := due(); eff != nil {
		t.Fatalf("same cart pushed again: %v", eff)
	}
	// The cashier picks another reader: the old one is cleared at once, then the new
	// one shows the cart after the pause.
	step(building(coffee, coffee), "tmr_2", 0)
	if eff, _ := due(); !reflect.DeepEqual(eff, ClearDisplay{ReaderID: reader, Display: show.Display}) {
		t.Fatalf("reader changed: %#v", eff)
	}
	carry(DisplayCleared)
	now = now.Add(DisplayDebounce)
	if eff, _ := due(); eff == nil || eff.reader() != "tmr_2" {
		t.Fatalf("new reader: %#v", eff)
	}
	carry(DisplayShown)
	// The cart is emptied (the sale abandoned): cleared without waiting.
	step(building(), "tmr_2", 0)
	if eff, _ := due(); eff == nil || eff.reader() != "tmr_2" {
		t.Fatalf("abandoned: %#v", eff)
	}
	carry(DisplayCleared)
	if eff, _ := due(); eff != nil {
		t.Fatalf("cleared: %#v", eff)
	}
}

func TestDisplaySyncLeavesThePaymentAlone(t *testing.T) {
	var d DisplaySync
	s := building(coffee)
	d = d.Update(s, reader, t0)
	eff, _ := d.Due(t0.Add(DisplayDebounce))
	d = d.Start().Done(DisplayResult{Effect: eff, Outcome: DisplayShown, At: t0})
	for _, p := range []Phase{Creating, Sending, Awaiting, Approved, Paid} {
		s.Phase = p
		d = d.Update(s, reader, t0.Add(time.Second))
		if eff, wait := d.Due(t0.Add(time.Hour)); eff != nil || wait != 0 {
			t.Fatalf("%s: %#v", p, eff)
		}
	}
	// The next sale starts from an empty cart: nothing to clear, the payment replaced it.
	d = d.Update(Session{}, reader, t0.Add(time.Hour))
	if eff, _ := d.Due(t0.Add(time.Hour)); eff != nil {
		t.Fatalf("next sale: %#v", eff)
	}
}

func TestDisplaySyncRetriesLater(t *testing.T) {
	var d DisplaySync
	d = d.Update(building(coffee), reader, t0)
	now := t0.Add(DisplayDebounce)
	eff, _ := d.Due(now)
	d = d.Start().Done(DisplayResult{Effect: eff, Outcome: DisplaySkipped, At: now})
	if eff, wait := d.Due(now); eff != nil || wait != DisplayRetry {
		t.Fatalf("skipped: %#v %v", eff, wait)
	}
	if eff, _ := d.Due(now.Add(DisplayRetry)); eff == nil {
		t.Fatal("no retry")
	}
	// A change of cart tries again after the usual pause, not the retry's.
	d = d.Update(building(coffee, coffee), reader, now.Add(time.Second))
	if _, wait := d.Due(now.Add(time.Second)); wait != DisplayDebounce {
		t.Fatalf("after a change: %v", wait)
	}
}

// fakeDisplay is a reader for PerformDisplay.
type fakeDisplay struct {
	r               Reader
	readErr, setErr error
	calls           []string
}

func (f *fakeDisplay) ReadReader(context.Context, string) (Reader, error) {
	f.calls = append(f.calls, "read")
	return f.r, f.readErr
}

func (f *fakeDisplay) SetReaderDisplay(_ context.Context, _ string, d Display) (Reader, error) {
	f.calls = append(f.calls, "set")
	f.r.Action = &ReaderAction{Type: "set_reader_display", Status: ActionInProgress, Display: &d}
	return f.r, f.setErr
}

func (f *fakeDisplay) CancelReaderAction(context.Context, string) (Reader, error) {
	f.calls = append(f.calls, "cancel")
	f.r.Action = nil
	return f.r, nil
}

func TestPerformDisplayComparesFirst(t *testing.T) {
	now := func() time.Time { return t0 }
	ours := Display{Currency: "usd", Total: 300, Lines: []DisplayLine{{"Coffee", 300, 1}}}
	theirs := Display{Currency: "usd", Total: 500, Lines: []DisplayLine{{"Tea", 500, 1}}}
	tests := []struct {
		name   string
		action *ReaderAction
		eff    DisplayEffect
		want   DisplayOutcome
		calls  string
	}{
		{"idle reader shows the cart", nil, ShowCart{reader, ours}, DisplayShown, "read set"},
		{"a cart replaces a cart", &ReaderAction{Type: "set_reader_display", Status: ActionInProgress, Display: &theirs}, ShowCart{reader, ours}, DisplayShown, "read set"},
		{"a failed payment is over", &ReaderAction{Type: "process_payment_intent", Status: ActionFailed, PaymentIntentID: pi}, ShowCart{reader, ours}, DisplayShown, "read set"},
		{"a payment in progress is never replaced", &ReaderAction{Type: "process_payment_intent", Status: ActionInProgress, PaymentIntentID: pi}, ShowCart{reader, ours}, DisplaySkipped, "read"},
		{"nor a refund", &ReaderAction{Type: "refund_payment", Status: ActionInProgress}, ShowCart{reader, ours}, DisplaySkipped, "read"},
		{"our cart is cleared", &ReaderAction{Type: "set_reader_display", Status: ActionInProgress, Display: &ours}, ClearDisplay{reader, ours}, DisplayCleared, "read cancel"},
		{"another till's cart is left", &ReaderAction{Type: "set_reader_display", Status: ActionInProgress, Display: &theirs}, ClearDisplay{reader, ours}, DisplayCleared, "read"},
		{"a payment is never cleared", &ReaderAction{Type: "process_payment_intent", Status: ActionInProgress, PaymentIntentID: pi}, ClearDisplay{reader, ours}, DisplayCleared, "read"},
		{"an idle reader has nothing to clear", nil, ClearDisplay{reader, ours}, DisplayCleared, "read"},
	}
	for _, tc := range tests {
		f := &fakeDisplay{r: Reader{ID: reader, Action: tc.action}}
		res := PerformDisplay(context.Background(), f, tc.eff, now)
		if res.Outcome != tc.want || strings.Join(f.calls, " ") != tc.calls || res.At != t0 {
			t.Errorf("%s: %s after %q, want %s after %q", tc.name, res.Outcome, strings.Join(f.calls, " "), tc.want, tc.calls)
		}
	}
	f := &fakeDisplay{readErr: &Failure{Kind: KindNetwork}}
	if res := PerformDisplay(context.Background(), f, ShowCart{reader, ours}, now); res.Outcome != DisplayFailed || res.Failure == nil || strings.Join(f.calls, " ") != "read" {
		t.Errorf("unreadable reader: %+v %v", res, f.calls)
	}
	f = &fakeDisplay{setErr: errors.New("boom")}
	if res := PerformDisplay(context.Background(), f, ShowCart{reader, ours}, now); res.Outcome != DisplayFailed || res.Failure.Kind != KindUnknown {
		t.Errorf("failed set: %+v", res)
	}
}
