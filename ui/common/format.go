package common

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	"github.com/till-pos/till/checkout"
)

// NothingDoneUnread says a step was not taken because the read before it failed, with
// what the network said: "Nothing canceled: could not read Front counter: Stripe did
// not answer (…)." Support compares before it acts, so the failed read sent nothing.
func NothingDoneUnread(nothing, what string, f *checkout.Failure) string {
	return nothing + ": could not read " + what + ": " + Sentence(checkout.ExplainReadWithDetail(f))
}

// Sentence starts s with a capital and ends it with a full stop.
func Sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	s = string(unicode.ToUpper(r)) + s[n:]
	if !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "?") && !strings.HasSuffix(s, "!") {
		s += "."
	}
	return s
}

// Strip drops a sentinel's text from the front of an error that wraps it: the
// sentinel names the kind of error, the rest says what to do.
func Strip(err, sentinel error) string {
	return strings.TrimPrefix(err.Error(), sentinel.Error()+": ")
}

// CardText names a card the way a receipt does: "Visa •••• 4242".
func CardText(c checkout.Card) string {
	if c.Last4 == "" {
		return "—"
	}
	return strings.TrimSpace(c.BrandName() + " •••• " + c.Last4)
}

// Clock formats a duration as mm:ss; the minutes grow past 99 if they must.
func Clock(d time.Duration) string {
	if d < 0 {
		d = 0
	}
	s := int(d / time.Second)
	return fmt.Sprintf("%02d:%02d", s/60, s%60)
}

// Age words a duration the short way: 45s, 3m05s, 2h10m, 3d4h.
func Age(d time.Duration) string {
	if d < 0 {
		d = 0
	}
	s := int(d / time.Second)
	switch {
	case s < 60:
		return fmt.Sprintf("%ds", s)
	case s < 3600:
		return fmt.Sprintf("%dm%02ds", s/60, s%60)
	case s < 86400:
		return fmt.Sprintf("%dh%02dm", s/3600, s%3600/60)
	}
	return fmt.Sprintf("%dd%dh", s/86400, s%86400/3600)
}

// Grouped spaces a card number in fours, as printed on cards.
func Grouped(number string) string {
	var b strings.Builder
	for i, r := range number {
		if i > 0 && i%4 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Plural words a count: "1 payment", "2 payments".
func Plural(n int, one, many string) string {
	return strconv.Itoa(n) + " " + ForCount(n, one, many)
}

// ForCount is the word that goes with a count, without it: "it" of one refund, "them"
// of two.
func ForCount(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// OrDash is s, or a dash when it is empty.
func OrDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// Upper is a currency code as people write it.
func Upper(s string) string { return strings.ToUpper(s) }

// ReaderStatus is a reader's status in brackets, green when online.
func (st *Styles) ReaderStatus(status string) string {
	switch status {
	case "online":
		return st.Success.Render("(online)")
	case "":
		return ""
	}
	return st.Error.Render("(" + status + ")")
}

// MinCut is the fewest cells a cut name (a shop's, a reader's) is shown in, "…"
// included: fewer say nothing a cashier can read.
const MinCut = 6

// CutName is name in room cells: whole, or cut at the room with "…" (no space before
// it); false when it does not fit even cut in MinCut.
func CutName(name string, room int) (string, bool) {
	switch {
	case ansi.StringWidth(name) <= room:
		return name, true
	case room >= MinCut:
		return strings.TrimRight(ansi.Truncate(name, room-1, ""), " ") + "…", true
	}
	return "", false
}
