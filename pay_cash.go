package main

import (
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/store"
)

// cashResult is what `till pay --cash --json` prints: the card result's fields with
// tender "cash" and status "paid", and the cash: amount due after rounding, given and
// change, in minor units.
type cashResult struct {
	payResult
	Due    int64 `json:"due"`
	Given  int64 `json:"given"`
	Change int64 `json:"change"`
}

// payCash records a sale paid in cash: no reader, no Stripe. Re-running with the same
// --order prints the sale again and records nothing twice.
func payCash(cfg Config, cart checkout.Cart, amount checkout.Money, givenText, orderID string, asJSON bool, stdout, stderr io.Writer) int {
	given, err := checkout.ParseAmount(givenText, cfg.Currency)
	if err != nil {
		fmt.Fprintf(stderr, "till pay: --cash: %v. Nothing was recorded.\n", err)
		return 2
	}
	st, err := store.Open(cfg.DBPath, store.Options{Timeout: time.Second})
	if err != nil {
		return explainSetup(stderr, err)
	}
	defer st.Close()
	if orderID == "" {
		orderID = newOrderID()
	}
	if err := checkOrderID(st, orderID); err != nil {
		fmt.Fprintf(stderr, "till pay: --order %v. Nothing was recorded.\n", err)
		return 2
	}
	s, found, err := st.Session(orderID)
	switch {
	case err != nil:
		fmt.Fprintf(stderr, "till pay: cannot read order %s: %v. Nothing was recorded.\n", orderID, err)
		return 1
	case found && s.Cash == nil && s.Phase != checkout.Building:
		fmt.Fprintf(stderr, "till pay: order %s is a card payment (%s); use another --order for the cash sale. Nothing was recorded.\n", orderID, s.Phase)
		return 2
	case found && s.Cash != nil && (s.Amount != amount || s.Cash.Given != given):
		fmt.Fprintf(stderr, "till pay: order %s was paid in cash already: %s, given %s; use another --order. Nothing was recorded.\n",
			orderID, s.Amount, s.Cash.Given)
		return 2
	case !found || s.Cash == nil:
		if !found {
			s = checkout.Session{Cart: cart}
		}
		paid, err := checkout.RecordCash(st, s, checkout.CashTendered{OrderID: orderID, Amount: amount, Given: given,
			Increment: cfg.CashIncrement, At: time.Now()})
		var notKept *checkout.ErrCashNotKept
		switch {
		case errors.As(err, &notKept):
			fmt.Fprintf(stderr, "till pay: %v\n", err)
			return 1
		case err != nil:
			fmt.Fprintf(stderr, "till pay: %v. Nothing was recorded.\n", err)
			return 2
		}
		s = paid
	}
	res := cashResult{payResult: resultOf(s, checkout.Reader{}), Due: s.Cash.Due.Amount, Given: s.Cash.Given.Amount, Change: s.Cash.Change.Amount}
	res.Status, res.Message, res.Livemode = "paid", cashWords(s), cfg.Live
	if asJSON {
		writeJSONLine(stdout, res)
		return 0
	}
	fmt.Fprintf(stdout, "%s\norder %s · tender cash\n", res.Message, res.OrderID)
	return 0
}

// cashWords say the sale and the change for the cashier.
func cashWords(s checkout.Session) string {
	c := s.Cash
	msg := "Paid " + s.Amount.String() + " in cash"
	if c.Due != s.Amount {
		msg += " (rounded to " + c.Due.String() + ")"
	}
	return msg + fmt.Sprintf(". Given %s — change due %s.", c.Given, c.Change)
}
