package checkout

import "time"

// Timings of the reader's cart display.
const (
	// DisplayDebounce is how long the cart must stay unchanged before it goes to the
	// reader: a cashier typing a quantity sends one update, not one per key.
	DisplayDebounce = 500 * time.Millisecond
	// DisplayRetry is how long a cart that could not be shown (the reader was busy or
	// did not answer) waits before the next try.
	DisplayRetry = 5 * time.Second
)

// DisplaySync decides when the cart goes to the reader's screen and when it comes off.
// It is a value the cart screen keeps: Update after every change to the session or the
// chosen reader, Due when its timer fires (and after Update), Start before carrying
// out the effect Due returned and Done with PerformDisplay's result.
//
// The rule: while the cart is being built and a reader is chosen, the reader shows the
// cart, DisplayDebounce after its last change. An emptied cart (the sale abandoned) is
// cleared at once, and so is the old reader when the cashier picks another. Once the
// payment starts, process_payment_intent replaces the cart on the screen, so nothing
// is shown or cleared until the next sale. PerformDisplay never puts a cart over a
// payment and clears only the cart till put there.
type DisplaySync struct {
	ReaderID  string    // the reader the cart is for; "" when none is chosen
	Want      *Display  // what that reader should show; nil: nothing
	ChangedAt time.Time // when Want last changed
	ShownOn   string    // the reader showing till's cart, as far as till knows; "" none
	Shown     *Display  // the cart it shows
	InFlight  bool      // a display call is being made
	RetryAt   time.Time // after a failed or skipped show, not before this
}

// Update takes the session and the reader the cashier has chosen.
func (d DisplaySync) Update(s Session, readerID string, at time.Time) DisplaySync {
	var want *Display
	if s.Phase == Building && readerID != "" {
		if disp, ok := DisplayOf(s.Cart); ok {
			want = &disp
		}
	}
	if s.Phase != Building {
		// The payment is going to the reader, which replaces the cart with it: there
		// is nothing to clear (and a clear now could only race the payment).
		d.ShownOn, d.Shown = "", nil
	}
	if readerID != d.ReaderID || !sameDisplay(want, d.Want) {
		d.ReaderID, d.Want, d.ChangedAt, d.RetryAt = readerID, want, at, time.Time{}
	}
	return d
}

// Due is the display call to make now, if any, and otherwise how long until one may
// be due (0: none is pending; call Due again after the next Update).
func (d DisplaySync) Due(now time.Time) (DisplayEffect, time.Duration) {
	if d.InFlight {
		return nil, 0
	}
	if d.ShownOn != "" && (d.ShownOn != d.ReaderID || d.Want == nil) {
		return ClearDisplay{ReaderID: d.ShownOn, Display: *d.Shown}, 0
	}
	if d.Want == nil || (d.ShownOn == d.ReaderID && sameDisplay(d.Want, d.Shown)) {
		return nil, 0
	}
	at := d.ChangedAt.Add(DisplayDebounce)
	if d.RetryAt.After(at) {
		at = d.RetryAt
	}
	if wait := at.Sub(now); wait > 0 {
		return nil, wait
	}
	return ShowCart{ReaderID: d.ReaderID, Display: *d.Want}, 0
}

// Start marks a call in flight, so Due returns nothing until Done.
func (d DisplaySync) Start() DisplaySync {
	d.InFlight = true
	return d
}

// Done takes the result of the call Due returned.
func (d DisplaySync) Done(res DisplayResult) DisplaySync {
	d.InFlight = false
	switch e := res.Effect.(type) {
	case ShowCart:
		if res.Outcome == DisplayShown {
			shown := e.Display
			d.ShownOn, d.Shown = e.ReaderID, &shown
			return d
		}
		d.RetryAt = res.At.Add(DisplayRetry)
	case ClearDisplay:
		// A clear that failed is not tried again: the next payment on that reader
		// replaces the cart anyway, and trying for ever would only add calls.
		if d.ShownOn == e.ReaderID {
			d.ShownOn, d.Shown = "", nil
		}
	}
	return d
}

func sameDisplay(a, b *Display) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.equal(*b)
}
