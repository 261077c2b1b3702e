package checkout

import (
	"fmt"
	"time"
)

// ShiftBook is where a till keeps its shifts: the recorded start of the current one (a
// preference) and the orders' summaries. The store implements it; the screen and `till
// shift` both go through CurrentShift and CloseShift, so they report and close alike.
type ShiftBook interface {
	Pref(key string) (string, error)
	SetPref(key, value string) error
	// Summaries are the orders that started at or after since, oldest first.
	Summaries(since time.Time) ([]Summary, error)
}

// ShiftStartPref is the preference holding when the current shift started (RFC 3339, UTC).
const ShiftStartPref = "shift_started"

// CurrentShift reports from the recorded shift start to now. With no start recorded (no
// shift was ever closed) the shift started with the first order, else now.
func CurrentShift(b ShiftBook, now time.Time) (ShiftReport, error) {
	since, recorded, err := shiftStart(b)
	if err != nil {
		return ShiftReport{}, err
	}
	orders, err := b.Summaries(since)
	if err != nil {
		return ShiftReport{}, err
	}
	if !recorded {
		since = now
		if len(orders) > 0 {
			since = orders[0].StartedAt
		}
	}
	return Report(orders, since, now), nil
}

// CloseShift ends the current shift at now and starts the next one, refused while a
// payment of the shift is unresolved. It reads the shift again rather than trusting a
// report drawn earlier: a payment may have started since. A recorded start that is not
// a time is replaced, once nothing in the whole journal is unresolved. finish, when not
// nil, completes the report (its refunds) and keeps it (the screen's export) before the
// close is recorded; its error leaves the shift open.
func CloseShift(b ShiftBook, now time.Time, finish func(ShiftReport) (ShiftReport, error)) (ShiftReport, error) {
	r, err := CurrentShift(b, now)
	if err != nil {
		orders, serr := b.Summaries(time.Time{})
		if serr != nil {
			return ShiftReport{}, serr
		}
		r = Report(orders, time.Time{}, now)
	}
	if err := r.CanClose(); err != nil {
		return r, err
	}
	if finish != nil {
		if r, err = finish(r); err != nil {
			return r, err
		}
	}
	if err := b.SetPref(ShiftStartPref, now.UTC().Format(time.RFC3339Nano)); err != nil {
		return r, fmt.Errorf("cannot record the close, so the shift is still open: %w", err)
	}
	return r, nil
}

// shiftStart reads the recorded start of the shift; recorded is false when none is.
func shiftStart(b ShiftBook) (since time.Time, recorded bool, err error) {
	text, err := b.Pref(ShiftStartPref)
	if err != nil || text == "" {
		return time.Time{}, false, err
	}
	since, err = time.Parse(time.RFC3339Nano, text)
	if err != nil {
		return time.Time{}, false, fmt.Errorf("the recorded shift start %q is not a time; closing the shift records a new one", text)
	}
	return since, true, nil
}
