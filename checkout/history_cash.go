package checkout

import "fmt"

// Tenders a history row is paid with.
const (
	TenderCard = "card"
	TenderCash = "cash"
)

// cashRow is a cash sale as the history shows it: what went into the drawer (the
// amount due in cash, rounded as the currency's coins are), found in this till's
// journal only: Stripe never saw it.
func cashRow(s Summary) HistoryRow {
	c := *s.Cash
	zero := Money{Currency: c.Due.Currency}
	return HistoryRow{At: s.StartedAt, OrderID: s.OrderID, Amount: c.Due, Tip: zero, Refunded: zero,
		Status: HistoryPaid, Source: SourceTill, Tender: TenderCash, Cash: &c}
}

// Key names the row's payment: its PaymentIntent, or a cash sale's order (which has
// none).
func (r HistoryRow) Key() string {
	if r.Cash != nil {
		return "order " + r.OrderID
	}
	return r.PaymentIntentID
}

// ReceiptID is what FindReceipt takes for the row's receipt: the PaymentIntent, or a
// cash sale's order.
func (r HistoryRow) ReceiptID() string {
	if r.Cash != nil {
		return r.OrderID
	}
	return r.PaymentIntentID
}

// CashNotRefunded says why till does not refund a cash sale, and what to do instead:
// a refund goes through Stripe, which never had the cash.
func CashNotRefunded(r HistoryRow) string {
	return fmt.Sprintf("order %s was paid in cash: give the %s back from the drawer. till refunds only card payments, through Stripe, "+
		"and keeps no record of cash given back, so the shift report still counts this sale.", r.OrderID, r.Amount)
}

// cashSale is FindPayment's answer for a cash sale: there is no payment to refund
// (errors.Is(err, ErrNoPayment) holds).
type cashSale struct{ words string }

func (e cashSale) Error() string { return e.words }
func (e cashSale) Unwrap() error { return ErrNoPayment }

// errCashSale refuses a refund of the cash sale s, in CashNotRefunded's words.
func errCashSale(s Session) error { return cashSale{words: CashNotRefunded(cashRow(s.Summary()))} }
