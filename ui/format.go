package ui

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	"github.com/till-pos/till/checkout"
)

// level says how much a flash message matters.
type level int

const (
	levelWarn level = iota
	levelError
)

// flash is a one-line message about the last key press; the next key clears it.
type flash struct {
	level level
	text  string
}

// sentence starts s with a capital and ends it with a full stop.
func sentence(s string) string {
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

var brands = map[string]string{
	"visa": "Visa", "mastercard": "Mastercard", "amex": "American Express",
	"discover": "Discover", "diners": "Diners Club", "jcb": "JCB",
	"unionpay": "UnionPay", "interac": "Interac", "eftpos_au": "eftpos",
}

// cardText names a card the way a receipt does: "Visa •••• 4242".
func cardText(c checkout.Card) string {
	if c.Last4 == "" {
		return "—"
	}
	brand, ok := brands[c.Brand]
	if !ok {
		brand = c.Brand
	}
	return strings.TrimSpace(brand + " •••• " + c.Last4)
}

// clock formats a duration as mm:ss; the minutes grow past 99 if they must.
func clock(d time.Duration) string {
	if d < 0 {
		d = 0
	}
	s := int(d / time.Second)
	return fmt.Sprintf("%02d:%02d", s/60, s%60)
}

// grouped spaces a card number in fours, as printed on cards.
func grouped(number string) string {
	var b strings.Builder
	for i, r := range number {
		if i > 0 && i%4 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// cell pads or cuts s to exactly w cells, aligned left or right.
func cell(s string, w int, right bool) string {
	s = ansi.Truncate(s, w, "…")
	gap := strings.Repeat(" ", w-ansi.StringWidth(s))
	if right {
		return gap + s
	}
	return s + gap
}

// wrap breaks text into lines of at most w cells.
func wrap(text string, w int) []string {
	return strings.Split(ansi.Wrap(text, w, ""), "\n")
}

// upper is a currency code as people write it.
func upper(s string) string { return strings.ToUpper(s) }
