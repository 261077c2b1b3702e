package checkout

import (
	"strings"
	"time"
)

// ParseHistoryQuery reads what a cashier typed to find a payment. Words that name days
// set the date range, in loc: a date ("2026-03-14"), a range of dates
// ("2026-03-01..2026-03-14", open at either end: "2026-03-01.." or "..2026-03-14"),
// "today" or "yesterday". Every other word must match the payment (HistoryFilter.Match).
// A later day word narrows what an earlier one set.
func ParseHistoryQuery(text string, now time.Time, loc *time.Location) HistoryFilter {
	var f HistoryFilter
	var words []string
	for _, w := range strings.Fields(text) {
		from, to, ok := dayRange(strings.ToLower(w), now.In(loc), loc)
		if !ok {
			words = append(words, w)
			continue
		}
		if !from.IsZero() && from.After(f.From) {
			f.From = from
		}
		if !to.IsZero() && (f.To.IsZero() || to.Before(f.To)) {
			f.To = to
		}
	}
	f.Text = strings.Join(words, " ")
	return f
}

// dayRange reads a word naming days: the first instant of the first day and the last
// instant of the last; a zero end is open.
func dayRange(w string, now time.Time, loc *time.Location) (from, to time.Time, ok bool) {
	day := func(s string) (time.Time, bool) {
		switch s {
		case "today":
			y, m, d := now.Date()
			return time.Date(y, m, d, 0, 0, 0, 0, loc), true
		case "yesterday":
			y, m, d := now.AddDate(0, 0, -1).Date()
			return time.Date(y, m, d, 0, 0, 0, 0, loc), true
		}
		t, err := time.ParseInLocation("2006-01-02", s, loc)
		return t, err == nil
	}
	end := func(t time.Time) time.Time { return t.AddDate(0, 0, 1).Add(-time.Nanosecond) }
	first, last, isRange := strings.Cut(w, "..")
	if !isRange {
		d, ok := day(w)
		if !ok {
			return time.Time{}, time.Time{}, false
		}
		return d, end(d), true
	}
	if first == "" && last == "" {
		return time.Time{}, time.Time{}, false
	}
	if first != "" {
		if from, ok = day(first); !ok {
			return time.Time{}, time.Time{}, false
		}
	}
	if last != "" {
		d, ok := day(last)
		if !ok {
			return time.Time{}, time.Time{}, false
		}
		if !from.IsZero() && d.Before(from) { // typed backwards: the same days
			from, d = d, from
		}
		to = end(d)
	}
	return from, to, true
}
