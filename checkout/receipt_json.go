package checkout

import "time"

// ReceiptDoc is the receipt as JSON (till receipt --json). Amounts are minor units;
// total is the order's before the tip, as everywhere else, and total_with_tip is what
// the card pays.
type ReceiptDoc struct {
	Shop              Shop          `json:"shop"`
	OrderID           string        `json:"order_id"`
	PaymentIntent     string        `json:"payment_intent"`
	Kind              string        `json:"kind"`   // sale, or refund (the receipt of a refund)
	Status            string        `json:"status"` // paid, authorized (not yet captured), refunded or refund_pending
	Created           time.Time     `json:"created"`
	Currency          string        `json:"currency"`
	TaxInclusive      bool          `json:"tax_inclusive"`
	Lines             []LineSummary `json:"lines"`
	Subtotal          int64         `json:"subtotal"`
	Discount          int64         `json:"discount"`
	Tax               int64         `json:"tax"`
	Taxes             []TaxLine     `json:"taxes"`
	Total             int64         `json:"total"`
	Tip               int64         `json:"tip"`
	TotalWithTip      int64         `json:"total_with_tip"`
	Card              CardDoc       `json:"card"`
	EMV               EMV           `json:"emv"`
	AuthorizationCode string        `json:"authorization_code"`
	Tender            string        `json:"tender"`         // card or cash
	Cash              *CashDoc      `json:"cash,omitempty"` // a cash sale's cash
	Refunded          int64         `json:"refunded"`       // a sale's refunds so far, when the receipt was made
	Refund            *RefundDoc    `json:"refund,omitempty"`
}

// CashDoc is a cash sale's cash: due (after cash rounding), given and change.
type CashDoc struct {
	Due    int64 `json:"due"`
	Given  int64 `json:"given"`
	Change int64 `json:"change"`
}

// CardDoc is the card as a receipt names it.
type CardDoc struct {
	Brand      string `json:"brand"`
	Last4      string `json:"last4"`
	ReadMethod string `json:"read_method"`
}

// ReceiptJSON is the receipt's JSON document.
func ReceiptJSON(r Receipt) ReceiptDoc {
	status := "paid"
	if !r.Captured {
		status = "authorized"
	}
	taxes, shop := r.Totals.Taxes, r.Shop
	if taxes == nil {
		taxes = []TaxLine{}
	}
	if shop.Address == nil {
		shop.Address = []string{}
	}
	tender, cash := "card", (*CashDoc)(nil)
	if c := r.Cash; c != nil {
		tender, cash = "cash", &CashDoc{Due: c.Due.Amount, Given: c.Given.Amount, Change: c.Change.Amount}
	}
	kind, refund := "sale", (*RefundDoc)(nil)
	if rf := r.Refund; rf != nil {
		kind, refund, status = "refund", refundDoc(rf), "refunded"
		if rf.Status == RefundStatusPending {
			status = "refund_pending"
		}
	}
	return ReceiptDoc{Kind: kind, Refund: refund, Refunded: r.Refunded, Tender: tender, Cash: cash, Shop: shop, OrderID: r.OrderID, PaymentIntent: r.PaymentIntent, Status: status, Created: r.At,
		Currency: r.Totals.Currency, TaxInclusive: r.Totals.Inclusive, Lines: Summaries(r.Cart, r.Totals),
		Subtotal: r.Totals.Subtotal, Discount: r.Totals.Discount, Tax: r.Totals.Tax, Taxes: taxes,
		Total: r.Totals.Total, Tip: r.Tip, TotalWithTip: r.Charged,
		Card: CardDoc{Brand: r.Card.Brand, Last4: r.Card.Last4, ReadMethod: r.ReadMethod},
		EMV:  r.EMV, AuthorizationCode: r.AuthorizationCode}
}
