package checkout

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"time"
)

// Shop is who the receipt is from (configuration).
type Shop struct {
	Name    string   `json:"name"`
	Address []string `json:"address"`
	TaxID   string   `json:"tax_id,omitempty"` // a VAT or sales tax number, when the shop has one
	Footer  string   `json:"footer,omitempty"`
}

// EMV is the chip data card networks ask for on a receipt, from the charge's
// payment_method_details.card_present.receipt. till reads it from Stripe each time it
// makes a receipt and never stores it: the database keeps no card data beyond brand
// and last four.
type EMV struct {
	ApplicationName string `json:"application_name"` // application_preferred_name
	AID             string `json:"aid"`              // dedicated_file_name, EMV tag 84
	ARC             string `json:"arc"`              // authorization_response_code, tag 8A
	TVR             string `json:"tvr"`              // terminal_verification_results, tag 95
	TSI             string `json:"tsi"`              // transaction_status_information, tag 9B
	Cryptogram      string `json:"cryptogram"`       // application_cryptogram, tag 9F26
	CVM             string `json:"cvm"`              // cardholder_verification_method
	AccountType     string `json:"account_type"`     // credit, checking, savings, prepaid, unknown
}

// Payment is a PaymentIntent and its latest charge as a receipt needs them, read from
// Stripe when the receipt is made.
type Payment struct {
	Intent            Intent
	ChargedAt         time.Time // when the card was authorized
	ReadMethod        string    // contact_emv, contactless_emv, ...
	EMV               EMV
	AuthorizationCode string
	ReceiptEmail      string
}

// Receipt is everything a card receipt shows. Render it with ReceiptText or ReceiptJSON.
type Receipt struct {
	Shop              Shop
	OrderID           string
	PaymentIntent     string
	Captured          bool // false: authorized and waiting for capture
	At                time.Time
	Cart              Cart // the order's lines, as sold
	Totals            CartTotals
	Tip               int64
	Charged           int64 // Totals.Total + Tip: what the card pays
	Card              Card
	ReadMethod        string
	EMV               EMV
	AuthorizationCode string
	Cash              *Cash       // a cash sale (CashReceipt): no card, no PaymentIntent
	Refund            *RefundSlip // a refund's receipt (RefundReceipt): no lines sold, no chip data
	Refunded          int64       // a sale's refunds so far, as Stripe counted them when the receipt was made
}

// Emailable reports whether Stripe can email this receipt: a card sale's (WhyNoEmail).
func (r Receipt) Emailable() bool { return r.WhyNoEmail() == "" }

// WhyNoEmail says why Stripe cannot email this receipt, or "" when it can. Stripe emails
// the payment's receipt to receipt_email; it has no cash sale, and emails refund
// receipts itself when the account's Refunds email setting is on.
func (r Receipt) WhyNoEmail() string {
	switch {
	case r.Cash != nil:
		return "a cash sale has no payment at Stripe"
	case r.Refund != nil:
		return "Stripe emails refund receipts itself, when the account's Refunds email setting is on"
	}
	return ""
}

// ErrNoReceipt is wrapped by NewReceipt's errors.
var ErrNoReceipt = errors.New("no receipt")

// NewReceipt makes the receipt of a payment from the order's session (nil for a
// payment this till has no record of, which gets one line for its amount) and the
// payment as Stripe has it now. It refuses a payment that is not authorized or paid,
// and an order whose lines do not add up to what Stripe charged.
func NewReceipt(shop Shop, s *Session, p Payment) (Receipt, error) {
	in := p.Intent
	switch in.Status {
	case IntentSucceeded, IntentRequiresCapture:
	default:
		return Receipt{}, fmt.Errorf("%w: payment %s is %s, not paid or authorized", ErrNoReceipt, in.ID, in.Status)
	}
	r := Receipt{Shop: shop, PaymentIntent: in.ID, OrderID: in.OrderID, Captured: in.Status == IntentSucceeded,
		At: p.ChargedAt, Tip: in.Tip, Refunded: in.AmountRefunded, Card: in.Card, ReadMethod: p.ReadMethod, EMV: p.EMV, AuthorizationCode: p.AuthorizationCode}
	if r.At.IsZero() {
		r.At = in.Created
	}
	orderAmount := in.Amount.Amount - in.Tip
	switch {
	case s != nil && s.PaymentIntentID != "" && s.PaymentIntentID != in.ID:
		return Receipt{}, fmt.Errorf("%w: order %s was paid with %s, not %s", ErrNoReceipt, s.OrderID, s.PaymentIntentID, in.ID)
	case s != nil && !s.Cart.Empty():
		r.Cart, r.OrderID = s.Cart, s.OrderID
	default:
		r.Cart = Cart{Currency: in.Amount.Currency, Lines: []Line{{Description: "Payment", UnitPrice: orderAmount, Quantity: 1}}}
	}
	r.Totals = r.Cart.Totals()
	if r.Totals.Total != orderAmount || !strings.EqualFold(r.Cart.Currency, in.Amount.Currency) {
		return Receipt{}, fmt.Errorf("%w: order %s's lines add up to %s but Stripe has %s before the tip",
			ErrNoReceipt, r.OrderID, r.Cart.Total(), Money{orderAmount, in.Amount.Currency})
	}
	r.Charged = r.Totals.Total + r.Tip
	return r, nil
}

// LineSummary is one line as till pay --json and the JSON receipt give it: the
// discount is the line's own and its share of the order's, so unit_amount × quantity
// − discount (+ tax when prices exclude it) = total, and the totals add up to the
// order's.
type LineSummary struct {
	SKU        string `json:"sku"`
	Name       string `json:"name"`
	Quantity   int64  `json:"quantity"`
	UnitAmount int64  `json:"unit_amount"`
	Discount   int64  `json:"discount"`
	Tax        int64  `json:"tax"`
	Total      int64  `json:"total"`
}

// Summaries lists the cart's lines with their totals.
func Summaries(c Cart, t CartTotals) []LineSummary {
	out := make([]LineSummary, len(c.Lines))
	for i, l := range c.Lines {
		lt := t.Lines[i]
		out[i] = LineSummary{SKU: l.SKU, Name: l.Description, Quantity: l.Quantity, UnitAmount: l.UnitPrice,
			Discount: lt.LineDiscount + lt.OrderDiscount, Tax: lt.Tax, Total: lt.Total}
	}
	return out
}

// ReceiptEmailKey is the Idempotency-Key of setting receipt_email: fixed by the payment
// and the address (which it does not show), so asking twice sends one email.
func ReceiptEmailKey(paymentIntent, addr string) string {
	sum := sha256.Sum256([]byte(strings.ToLower(addr)))
	return "till_" + paymentIntent + "_receipt_email_" + hex.EncodeToString(sum[:6])
}

// ErrBadEmail is wrapped by ParseEmail's errors.
var ErrBadEmail = errors.New("bad email address")

// ParseEmail checks an address typed for an email receipt: one bare address, like
// name@example.com, with no display name.
func ParseEmail(text string) (string, error) {
	s := strings.TrimSpace(text)
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || a.Name != "" || len(s) > 254 || !strings.Contains(s[strings.LastIndex(s, "@")+1:], ".") {
		return "", fmt.Errorf("%w: %q is not an email address like name@example.com", ErrBadEmail, text)
	}
	return s, nil
}
