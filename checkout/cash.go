package checkout

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Cash is how a sale paid in cash was settled. A cash sale is a session like any other
// (its own order id, in the journal and the shift report) with no PaymentIntent: it
// goes straight from the cart to Paid.
type Cash struct {
	// Due is what the customer owed in cash: the sale's amount rounded to the smallest
	// amount the currency's cash comes in (CashIncrement), or the amount itself.
	Due    Money `json:"due"`
	Given  Money `json:"given"`
	Change Money `json:"change"`
}

// CashTendered records a sale paid in cash: the customer handed over Given for a sale
// of Amount.
type CashTendered struct {
	OrderID string
	Amount  Money
	Given   Money
	// Increment is the smallest cash amount in minor units (CashIncrement); 0 or 1
	// means the amount is paid exactly.
	Increment int64
	At        time.Time
}

func (CashTendered) event() {}

// ErrBadCash is wrapped by every error from a CashTendered that cannot be recorded.
var ErrBadCash = errors.New("cannot take the cash")

// Tender names how the sale was paid: "cash", or "card" for a Stripe payment.
func (s Session) Tender() string {
	if s.Cash != nil {
		return "cash"
	}
	return "card"
}

// cashIncrements are the currencies whose smallest coin is larger than their minor
// unit, so cash totals are rounded (Canada and Australia dropped their 1-cent coins,
// Switzerland has no coin below 5 centimes, New Zealand none below 10 cents). A shop
// elsewhere that rounds sets cash.rounding.
var cashIncrements = map[string]int64{"cad": 5, "aud": 5, "chf": 5, "nzd": 10}

// CashIncrement is the smallest cash amount of the currency in minor units: 1 unless the
// currency's cash is rounded (cashIncrements).
func CashIncrement(currency string) int64 {
	if n, ok := cashIncrements[strings.ToLower(currency)]; ok {
		return n
	}
	return 1
}

// RoundCash rounds an amount to the nearest multiple of increment (minor units), a half
// rounding up: with 5-cent rounding 10.02 is 10.00 and 10.03 is 10.05.
func RoundCash(m Money, increment int64) Money {
	if increment <= 1 {
		return m
	}
	r := m.Amount % increment
	m.Amount -= r
	if 2*r >= increment {
		m.Amount += increment
	}
	return m
}

// cash records a cash sale: the cart (if any) is paid, with the change worked out.
func cash(s Session, ev CashTendered, invalid func() (Session, []Effect, error)) (Session, []Effect, error) {
	if s.Phase != Building {
		return invalid()
	}
	bad := func(format string, args ...any) (Session, []Effect, error) {
		return s, nil, fmt.Errorf("%w: "+format, append([]any{ErrBadCash}, args...)...)
	}
	switch {
	case ev.OrderID == "":
		return bad("the order has no id")
	case ev.Amount.Amount <= 0 || ev.Amount.Amount > MaxAmount:
		return bad("the amount must be above zero and at most %s", Money{MaxAmount, ev.Amount.Currency})
	case len(ev.Amount.Currency) != 3:
		return bad("%q is not a currency code", ev.Amount.Currency)
	case !strings.EqualFold(ev.Given.Currency, ev.Amount.Currency):
		return bad("the cash given is in %s, the sale in %s", strings.ToUpper(ev.Given.Currency), strings.ToUpper(ev.Amount.Currency))
	case ev.Given.Amount <= 0 || ev.Given.Amount > MaxAmount:
		return bad("the cash given must be above zero and at most %s", Money{MaxAmount, ev.Amount.Currency})
	case !s.Cart.Empty() && s.Cart.Total() != ev.Amount:
		return bad("the amount, %s, is not the cart's total, %s", ev.Amount, s.Cart.Total())
	}
	due := RoundCash(ev.Amount, ev.Increment)
	given := Money{Amount: ev.Given.Amount, Currency: ev.Amount.Currency}
	if given.Amount < due.Amount {
		return bad("%s is %s short of the %s due", given, Money{due.Amount - given.Amount, due.Currency}, due)
	}
	s.OrderID, s.Amount, s.Phase, s.Failure = ev.OrderID, ev.Amount, Paid, nil
	s.Cash = &Cash{Due: due, Given: given, Change: Money{Amount: given.Amount - due.Amount, Currency: due.Currency}}
	s.StartedAt, s.UpdatedAt = ev.At, ev.At
	return s, nil, nil
}

// addCash counts a cash sale of amount in the shift's totals.
func (t *Totals) addCash(c Cash, amount Money) {
	t.Cash = t.Cash.Add(c.Due)
	t.CashRounding.Amount += c.Due.Amount - amount.Amount
	t.CashCount++
}
