package checkout

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Rate is a percentage held exactly, in parts per million: 8.875% is 88750, 20% is
// 200000. Tax rates and percent discounts are Rates; no float ever holds one.
type Rate int64

// RateScale is 100%.
const RateScale Rate = 1_000_000

// rateDecimals is how many digits after the point a percentage may have: 1/10000 of
// a percent, the finest step of a Rate.
const rateDecimals = 4

// ErrBadRate is wrapped by every ParseRate error.
var ErrBadRate = errors.New("bad rate")

// ParseRate reads a percentage such as "8.875%", "20" or "7.5 %" (the % sign is
// optional) into a Rate. It refuses negatives, more than four decimal places, and
// anything above 100%.
func ParseRate(text string) (Rate, error) {
	s := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(text), "%"))
	whole, frac, hasDot := strings.Cut(s, ".")
	switch {
	case s == "":
		return 0, fmt.Errorf("%w: enter a percentage, for example 8.25%%", ErrBadRate)
	case strings.HasPrefix(s, "-"):
		return 0, fmt.Errorf("%w: %q is negative", ErrBadRate, text)
	case !digitsOnly(whole) || (hasDot && !digitsOnly(frac)) || (whole == "" && frac == ""):
		return 0, fmt.Errorf("%w: %q is not a percentage like 8.25%%", ErrBadRate, text)
	case len(frac) > rateDecimals:
		return 0, fmt.Errorf("%w: %q has more than %d decimal places", ErrBadRate, text, rateDecimals)
	}
	whole = strings.TrimLeft(whole, "0")
	if len(whole) > 3 {
		return 0, fmt.Errorf("%w: %q is more than 100%%", ErrBadRate, text)
	}
	n, err := strconv.ParseInt("0"+whole+frac+strings.Repeat("0", rateDecimals-len(frac)), 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%w: %q is not a percentage", ErrBadRate, text)
	}
	r := Rate(n)
	if r > RateScale {
		return 0, fmt.Errorf("%w: %q is more than 100%%", ErrBadRate, text)
	}
	return r, nil
}

// String writes the rate as people do: 8.875%, 20%, 0%.
func (r Rate) String() string {
	whole, frac := int64(r)/10_000, int64(r)%10_000
	if frac == 0 {
		return strconv.FormatInt(whole, 10) + "%"
	}
	return strings.TrimRight(fmt.Sprintf("%d.%04d", whole, frac), "0") + "%"
}

// Of is the rate applied to an amount, rounded half up: 10% of 1005 is 101.
func (r Rate) Of(amount int64) int64 { return divRound(amount*int64(r), int64(RateScale)) }

// divRound divides n by d (d > 0) rounding half away from zero: the exact rational
// n/d, rounded once. Every rounding of money in checkout goes through it.
func divRound(n, d int64) int64 {
	if n < 0 {
		return -divRound(-n, d)
	}
	q, r := n/d, n%d
	if r >= d-r {
		q++
	}
	return q
}
