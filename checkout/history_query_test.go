package checkout

import (
	"strings"
	"testing"
	"time"
)

func TestParseHistoryQuery(t *testing.T) {
	loc := time.FixedZone("EST", -5*3600)
	now := time.Date(2026, 3, 14, 10, 0, 0, 0, loc)
	day := func(d int) time.Time { return time.Date(2026, 3, d, 0, 0, 0, 0, loc) }
	endOf := func(d int) time.Time { return day(d + 1).Add(-time.Nanosecond) }
	for _, tc := range []struct {
		text     string
		want     string
		from, to time.Time
	}{
		{"4242", "4242", time.Time{}, time.Time{}},
		{"2026-03-12", "", day(12), endOf(12)},
		{"visa 2026-03-01..2026-03-12 12.50", "visa 12.50", day(1), endOf(12)},
		{"2026-03-10..", "", day(10), time.Time{}},
		{"..2026-03-10 ord_7", "ord_7", time.Time{}, endOf(10)},
		{"Today", "", day(14), endOf(14)},
		{"yesterday 4242", "4242", day(13), endOf(13)},
		{"2026-03-01..2026-03-31 yesterday", "", day(13), endOf(13)}, // the later word narrows
		{"..", "..", time.Time{}, time.Time{}},
		{"2026-03-12..2026-03-10", "", day(10), endOf(12)},                     // backwards: the same days
		{"2026-13-01 2026-03", "2026-13-01 2026-03", time.Time{}, time.Time{}}, // not dates: words to match
	} {
		f := ParseHistoryQuery(tc.text, now, loc)
		if f.Text != tc.want || !f.From.Equal(tc.from) || !f.To.Equal(tc.to) {
			t.Errorf("%q: text %q from %v to %v; want %q from %v to %v", tc.text, f.Text, f.From, f.To, tc.want, tc.from, tc.to)
		}
	}
	// A payment at noon on the 12th is found by its day, not by the day after.
	row := HistoryRow{At: time.Date(2026, 3, 12, 12, 0, 0, 0, loc), Amount: usd(1250)}
	if !ParseHistoryQuery("2026-03-12 12.5", now, loc).Match(row) || ParseHistoryQuery("2026-03-13", now, loc).Match(row) {
		t.Error("the date range does not find the payment of its day")
	}
}

// FuzzParseHistoryQuery: whatever is typed, the query keeps every word it does not read
// as days, in order, and its range is never backwards for one day word.
func FuzzParseHistoryQuery(f *testing.F) {
	for _, s := range []string{"4242", "2026-03-01..2026-03-12 visa", "..", "today yesterday", "2026-02-30", "…..2026-03-01", "2026-03-12..2026-03-10"} {
		f.Add(s)
	}
	now := time.Date(2026, 3, 14, 10, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, text string) {
		q := ParseHistoryQuery(text, now, time.UTC)
		words, i := strings.Fields(text), 0
		for _, w := range strings.Fields(q.Text) { // every kept word was typed, in order
			for i < len(words) && words[i] != w {
				i++
			}
			if i == len(words) {
				t.Fatalf("%q kept %q, which was not typed", text, w)
			}
			i++
		}
		if len(strings.Fields(text)) == 1 && !q.From.IsZero() && !q.To.IsZero() && q.To.Before(q.From) {
			t.Fatalf("%q: range %v..%v is backwards", text, q.From, q.To)
		}
	})
}
