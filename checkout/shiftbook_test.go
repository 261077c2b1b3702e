package checkout

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// book is a ShiftBook in memory.
type book struct {
	prefs   map[string]string
	orders  []Summary
	failSet error
}

func (b *book) Pref(key string) (string, error) { return b.prefs[key], nil }
func (b *book) SetPref(key, value string) error {
	if b.failSet != nil {
		return b.failSet
	}
	b.prefs[key] = value
	return nil
}
func (b *book) Summaries(since time.Time) ([]Summary, error) {
	var out []Summary
	for _, s := range b.orders {
		if !s.StartedAt.Before(since) {
			out = append(out, s)
		}
	}
	return out, nil
}

func newBook(orders ...Summary) *book { return &book{prefs: map[string]string{}, orders: orders} }

func started(order string, p Phase, at time.Time) Summary {
	return Summary{OrderID: order, Phase: p, Amount: usd(100), StartedAt: at}
}

func TestCurrentShift(t *testing.T) {
	now := t0.Add(8 * time.Hour)
	t.Run("never closed: from the first session", func(t *testing.T) {
		b := newBook(started("a", Paid, t0.Add(time.Hour)), started("b", Paid, t0.Add(2*time.Hour)))
		r, err := CurrentShift(b, now)
		if err != nil || !r.Since.Equal(t0.Add(time.Hour)) || r.Totals[0].Paid != 2 {
			t.Fatalf("report %+v, %v; want since the first session with 2 paid", r, err)
		}
	})
	t.Run("never closed and empty: from now", func(t *testing.T) {
		r, err := CurrentShift(newBook(), now)
		if err != nil || !r.Since.Equal(now) || len(r.Totals) != 0 {
			t.Fatalf("report %+v, %v", r, err)
		}
	})
	t.Run("closed: from the recorded start", func(t *testing.T) {
		b := newBook(started("a", Paid, t0.Add(time.Hour)), started("b", Paid, t0.Add(3*time.Hour)))
		b.prefs[ShiftStartPref] = t0.Add(2 * time.Hour).Format(time.RFC3339Nano)
		r, err := CurrentShift(b, now)
		if err != nil || !r.Since.Equal(t0.Add(2*time.Hour)) || r.Totals[0].Paid != 1 {
			t.Fatalf("report %+v, %v; want only b", r, err)
		}
	})
	t.Run("a recorded start that is not a time", func(t *testing.T) {
		b := newBook()
		b.prefs[ShiftStartPref] = "yesterday"
		if _, err := CurrentShift(b, now); err == nil || !strings.Contains(err.Error(), `"yesterday" is not a time`) {
			t.Fatalf("err %v, want it to name the bad start", err)
		}
	})
}

func TestCloseShift(t *testing.T) {
	now := t0.Add(8 * time.Hour)
	t.Run("refused while a payment is unresolved", func(t *testing.T) {
		b := newBook(started("a", Paid, t0), started("open", Approved, t0.Add(time.Hour)))
		if _, err := CloseShift(b, now, nil); err == nil || !strings.Contains(err.Error(), "open") {
			t.Fatalf("err %v, want a refusal naming the order", err)
		}
		if b.prefs[ShiftStartPref] != "" {
			t.Fatal("the refused close recorded a start")
		}
	})
	t.Run("closes and reports the closed shift", func(t *testing.T) {
		b := newBook(started("a", Paid, t0))
		r, err := CloseShift(b, now, nil)
		if err != nil || r.Totals[0].Paid != 1 {
			t.Fatalf("report %+v, %v", r, err)
		}
		if got := b.prefs[ShiftStartPref]; got != now.UTC().Format(time.RFC3339Nano) {
			t.Fatalf("recorded %q", got)
		}
		if next, _ := CurrentShift(b, now.Add(time.Minute)); len(next.Totals) != 0 {
			t.Fatalf("the next shift has %+v", next.Totals)
		}
	})
	t.Run("a bad recorded start is replaced when nothing is unresolved", func(t *testing.T) {
		b := newBook(started("a", Paid, t0))
		b.prefs[ShiftStartPref] = "garbage"
		if _, err := CloseShift(b, now, nil); err != nil || b.prefs[ShiftStartPref] == "garbage" {
			t.Fatalf("err %v, start %q", err, b.prefs[ShiftStartPref])
		}
	})
	t.Run("a failed write says the shift is still open", func(t *testing.T) {
		b := newBook(started("a", Paid, t0))
		b.failSet = errors.New("disk full")
		if _, err := CloseShift(b, now, nil); err == nil || !strings.Contains(err.Error(), "still open") {
			t.Fatalf("err %v", err)
		}
	})
}
