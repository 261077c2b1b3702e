package checkout

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Money is an amount in the currency's minor unit (cents for USD, yen for JPY).
type Money struct {
	Amount   int64  `json:"amount"`
	Currency string `json:"currency"` // lower-case ISO 4217, as Stripe writes it
}

// MaxAmount is the largest amount till accepts in minor units: Stripe's limit of eight
// digits (999,999.99 in a two-decimal currency, 99,999.999 in a three-decimal one).
const MaxAmount int64 = 99999999

var symbols = map[string]string{"usd": "$", "cad": "CA$", "aud": "A$", "eur": "€", "gbp": "£", "jpy": "¥"}

// String formats the amount for people: $12.34, ¥1,200, CHF 5.00.
func (m Money) String() string {
	cur := strings.ToLower(m.Currency)
	sign := ""
	amount := m.Amount
	if amount < 0 {
		sign, amount = "-", -amount
	}
	d := Decimals(cur)
	var unit int64 = 1
	for i := 0; i < d; i++ {
		unit *= 10
	}
	body := groupThousands(amount / unit)
	if d > 0 {
		body += fmt.Sprintf(".%0*d", d, amount%unit)
	}
	if sym, ok := symbols[cur]; ok {
		return sign + sym + body
	}
	return sign + strings.ToUpper(cur) + " " + body
}

func groupThousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// Add returns m+o; the currencies must match (the caller guarantees it).
func (m Money) Add(o Money) Money { return Money{Amount: m.Amount + o.Amount, Currency: m.Currency} }

// ErrBadAmount is wrapped by every ParseAmount error.
var ErrBadAmount = errors.New("bad amount")

// ParseAmount reads an amount typed by a person in the currency's major unit ("12.34",
// "12", "1200" for JPY) into minor units. It refuses anything that is not a positive
// amount Stripe would accept, with a message that says why.
func ParseAmount(text, currency string) (Money, error) {
	m, err := parseAmount(text, currency)
	if err == nil && m.Amount == 0 {
		return Money{}, fmt.Errorf("%w: the amount must be above zero", ErrBadAmount)
	}
	return m, err
}

// ParseTip reads a tip typed by a person as ParseAmount reads an amount, where zero is
// a tip the customer skipped.
func ParseTip(text, currency string) (Money, error) { return parseAmount(text, currency) }

// parseAmount reads an amount of zero or more (ParseAmount).
func parseAmount(text, currency string) (Money, error) {
	cur := strings.ToLower(strings.TrimSpace(currency))
	if !KnownCurrency(cur) {
		return Money{}, fmt.Errorf("%w: %q is not an ISO 4217 currency code such as usd", ErrBadAmount, currency)
	}
	s := strings.TrimSpace(text)
	if s == "" {
		return Money{}, fmt.Errorf("%w: enter an amount, for example 12.34", ErrBadAmount)
	}
	if strings.HasPrefix(s, "-") {
		return Money{}, fmt.Errorf("%w: %q is negative; enter an amount above zero", ErrBadAmount, text)
	}
	whole, frac, hasDot := strings.Cut(s, ".")
	d := Decimals(cur)
	if !digitsOnly(whole) || (hasDot && !digitsOnly(frac)) || (whole == "" && frac == "") {
		return Money{}, fmt.Errorf("%w: %q is not a number; enter digits like 12.34", ErrBadAmount, text)
	}
	if len(frac) > d {
		if d == 0 {
			return Money{}, fmt.Errorf("%w: %s has no minor unit; enter a whole amount", ErrBadAmount, strings.ToUpper(cur))
		}
		return Money{}, fmt.Errorf("%w: %q has more than %d decimal places", ErrBadAmount, text, d)
	}
	frac += strings.Repeat("0", d-len(frac))
	whole = strings.TrimLeft(whole, "0")
	if len(whole)+len(frac) > 15 {
		return Money{}, fmt.Errorf("%w: %q is more than the largest amount, %s", ErrBadAmount, text, Money{MaxAmount, cur})
	}
	n, err := strconv.ParseInt("0"+whole+frac, 10, 64)
	if err != nil {
		return Money{}, fmt.Errorf("%w: %q is not a number", ErrBadAmount, text)
	}
	if n > MaxAmount {
		return Money{}, fmt.Errorf("%w: %q is more than the largest amount, %s", ErrBadAmount, text, Money{MaxAmount, cur})
	}
	if step := AmountStep(cur); n%step != 0 {
		return Money{}, fmt.Errorf("%w: Stripe takes %s only in steps of %s", ErrBadAmount, strings.ToUpper(cur), Money{step, cur}.Decimal())
	}
	return Money{Amount: n, Currency: cur}, nil
}

func digitsOnly(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
