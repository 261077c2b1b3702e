package checkout

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Fee is a Connect platform's application fee on each payment: a fixed amount in the
// currency's minor unit, or a share of the amount in basis points (hundredths of a
// percent). The zero Fee is none.
type Fee struct {
	Fixed       int64
	BasisPoints int64
}

// ErrBadFee is wrapped by every ParseFee error.
var ErrBadFee = errors.New("bad application fee")

// ParseFee reads a fee as a person writes it: "2.5%" (at most two decimals) or an
// amount in the currency's major unit, "0.30". "" is no fee.
func ParseFee(text, currency string) (Fee, error) {
	s := strings.TrimSpace(text)
	if s == "" {
		return Fee{}, nil
	}
	pct, isPct := strings.CutSuffix(s, "%")
	if !isPct {
		m, err := ParseAmount(s, currency)
		if err != nil {
			return Fee{}, fmt.Errorf("%w: %q is neither a percentage like 2.5%% nor an amount like 0.30 (%v)", ErrBadFee, text, err)
		}
		return Fee{Fixed: m.Amount}, nil
	}
	whole, frac, _ := strings.Cut(strings.TrimSpace(pct), ".")
	if whole == "" || !digitsOnly(whole) || !digitsOnly(frac) || len(frac) > 2 || len(whole) > 3 {
		return Fee{}, fmt.Errorf("%w: %q is not a percentage like 2.5%% (at most two decimals)", ErrBadFee, text)
	}
	frac += strings.Repeat("0", 2-len(frac))
	bp, _ := strconv.ParseInt(whole+frac, 10, 64) // at most 5 digits, checked above
	if bp <= 0 || bp > 10000 {
		return Fee{}, fmt.Errorf("%w: %q must be above 0%% and at most 100%%", ErrBadFee, text)
	}
	return Fee{BasisPoints: bp}, nil
}

// IsZero reports no fee.
func (f Fee) IsZero() bool { return f.Fixed == 0 && f.BasisPoints == 0 }

// On is the fee on amount (minor units): the fixed amount, or the share rounded half
// up; never more than the amount itself.
func (f Fee) On(amount int64) int64 {
	if amount <= 0 {
		return 0
	}
	fee := f.Fixed
	if f.BasisPoints > 0 {
		// amount ≤ MaxAmount in practice; the division first keeps any int64 exact.
		fee = amount/10000*f.BasisPoints + (amount%10000*f.BasisPoints+5000)/10000
	}
	return min(fee, amount)
}

// String is the fee for people: 2.5% or $0.30.
func (f Fee) String(currency string) string {
	if f.BasisPoints > 0 {
		s := strconv.FormatInt(f.BasisPoints/100, 10)
		if r := f.BasisPoints % 100; r != 0 {
			s += strings.TrimRight(fmt.Sprintf(".%02d", r), "0")
		}
		return s + "%"
	}
	return Money{Amount: f.Fixed, Currency: currency}.String()
}

// capturable is what a capture of the session takes: amount_capturable once Stripe has
// said, else the amount charged, the customer's tip included.
func (s Session) capturable() int64 {
	if s.AmountCapturable > 0 {
		return s.AmountCapturable
	}
	return s.Summary().WithTip().Amount
}
