package checkout

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// usRefunds are two refunds of usSale's order: one latte, then the other latte and the
// beans, with what Stripe counts refunded after both.
func usRefunds(t *testing.T) (Session, Payment, Refund, Refund) {
	t.Helper()
	s, p := usSale(t)
	first := Refund{ID: "rf_1", OrderID: s.OrderID, PaymentIntentID: pi, Phase: RefundSucceeded, Status: RefundStatusSucceeded,
		StripeID: "re_1", Lines: []RefundLine{{Line: 0, SKU: "LATTE", Quantity: 1}}, StartedAt: t0.Add(time.Hour)}
	first.Amount, _ = LinesAmount(s.Cart, first.Lines, nil)
	second := Refund{ID: "rf_2", OrderID: s.OrderID, PaymentIntentID: pi, Phase: RefundSucceeded, Status: RefundStatusSucceeded,
		StripeID: "re_2", Reason: "requested_by_customer", Card: Card{Brand: "visa", Last4: "4242"},
		Lines: []RefundLine{{Line: 0, SKU: "LATTE", Quantity: 1}, {Line: 2, SKU: "BEANS", Quantity: 1}}, StartedAt: t0.Add(2 * time.Hour)}
	second.Amount, _ = LinesAmount(s.Cart, second.Lines, first.Lines)
	p.Intent.AmountRefunded = first.Amount.Amount + second.Amount.Amount
	return s, p, first, second
}

// A refund's receipt names the lines given back, each priced as the refund priced it
// (after the earlier refund's units), the card, the reason, and what is left.
func TestRefundReceiptText(t *testing.T) {
	s, p, first, second := usRefunds(t)
	r, err := RefundReceipt(cafeShop, second, &s, []Refund{first, second}, p)
	if err != nil {
		t.Fatal(err)
	}
	var sum int64
	for _, l := range r.Refund.Lines {
		sum += l.Amount
	}
	if sum != second.Amount.Amount || len(r.Refund.Lines) != 2 || r.Refund.Lines[1].Description != "House beans 250g" {
		t.Fatalf("lines %+v add up to %d, not the refund's %d", r.Refund.Lines, sum, second.Amount.Amount)
	}
	goldenWidths(t, r, "receipt_refund_", 32, 42)
	if r.FileName() != "refund-rf_2" || r.Emailable() {
		t.Errorf("file %q, emailable %v", r.FileName(), r.Emailable())
	}
	data, err := json.MarshalIndent(ReceiptJSON(r), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "receipt_refund.json", string(data)+"\n")
}

// A refund of an amount, of a payment this till has no order for, has one line; a
// pending one says so.
func TestRefundReceiptOfAnAmount(t *testing.T) {
	_, p := usSale(t)
	rf := Refund{ID: "rf_9", OrderID: "ord_x", PaymentIntentID: pi, Phase: RefundPending, Amount: usd(500), StartedAt: t0}
	p.Intent.AmountRefunded = 500
	r, err := RefundReceipt(cafeShop, rf, nil, nil, p)
	if err != nil {
		t.Fatal(err)
	}
	text, _ := ReceiptText(r, 42)
	for _, want := range []string{row42("Refund of the payment", "-$5.00"), "REFUND PENDING $5.00", "Visa **** 4242", row42("Left on the payment", "$22.47")} {
		if !strings.Contains(text, want) {
			t.Errorf("no %q in\n%s", want, text)
		}
	}
	if doc := ReceiptJSON(r); doc.Status != "refund_pending" || doc.Kind != "refund" || doc.Refund.Left != 2247 || len(doc.Refund.Lines) != 0 {
		t.Errorf("%+v %+v", doc, doc.Refund)
	}
}

func TestRefundReceiptRefuses(t *testing.T) {
	s, p, first, _ := usRefunds(t)
	for name, tc := range map[string]struct {
		edit func(*Refund)
		want string
	}{
		"failed":            {func(r *Refund) { r.Phase = RefundFailed }, "is failed: nothing was refunded"},
		"canceled":          {func(r *Refund) { r.Phase = RefundCanceled }, "is canceled: nothing was refunded"},
		"under way":         {func(r *Refund) { r.Phase = RefundUnknown }, "is not finished (unknown); check its status first"},
		"another payment":   {func(r *Refund) { r.PaymentIntentID = "pi_2" }, "is of pi_2, not pi_1"},
		"a line never sold": {func(r *Refund) { r.Lines = []RefundLine{{Line: 7, Quantity: 1}} }, "the order has no line 8"},
	} {
		rf := first
		tc.edit(&rf)
		if _, err := RefundReceipt(cafeShop, rf, &s, nil, p); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", name, err, tc.want)
		}
	}
}

// row42 is a receipt row 42 columns wide, left and right.
func row42(left, right string) string {
	return left + strings.Repeat(" ", 42-len(left)-len(right)) + right
}

// A sale's receipt made after refunds says what they took back.
func TestReceiptAfterRefunds(t *testing.T) {
	s, p, first, second := usRefunds(t)
	r, err := NewReceipt(cafeShop, &s, p)
	if err != nil {
		t.Fatal(err)
	}
	text, _ := ReceiptText(r, 42)
	refunded := first.Amount.Amount + second.Amount.Amount
	for _, want := range []string{
		row42("Refunded since", Money{-refunded, "usd"}.String()), row42("Paid after refunds", Money{2747 - refunded, "usd"}.String()),
	} {
		if !strings.Contains(text, want) {
			t.Errorf("no %q in\n%s", want, text)
		}
	}
	if ReceiptJSON(r).Refunded != refunded {
		t.Errorf("JSON refunded = %d, want %d", ReceiptJSON(r).Refunded, refunded)
	}
}

// FindReceipt finds a refund by till's refund id, or by Stripe's (this till's own when
// its metadata names one, else as Stripe has it: one made in the Dashboard), reading
// the payment from Stripe now; Stripe is never asked to email it.
func TestFindRefundReceipt(t *testing.T) {
	s, p, first, second := usRefunds(t)
	dashboard := StripeRefund{ID: "re_dash", Amount: usd(300), Status: RefundStatusSucceeded, PaymentIntentID: pi, Created: t0.Add(3 * time.Hour)}
	g := &receiptStripe{p: p, refunds: []StripeRefund{
		{ID: "re_2", Amount: second.Amount, Status: RefundStatusSucceeded, PaymentIntentID: pi, TillRefundID: "rf_2", OrderID: s.OrderID}, dashboard}}
	records := tillRecords{sessionBook: sessionBook{s.OrderID: s}, refunds: []Refund{first, second}}
	for _, id := range []string{"rf_2", "re_2"} {
		r, err := FindReceipt(context.Background(), g, records, cafeShop, id)
		if err != nil || r.Refund == nil || r.Refund.ID != "rf_2" || len(r.Refund.Lines) != 2 || r.Refund.Refunded.Amount != p.Intent.AmountRefunded {
			t.Fatalf("%s: receipt %+v, %v", id, r.Refund, err)
		}
	}
	r, err := FindReceipt(context.Background(), g, records, cafeShop, "re_dash")
	if err != nil || r.Refund == nil || r.FileName() != "refund-re_dash" || r.Card.Last4 != "4242" || !r.At.Equal(dashboard.Created) {
		t.Fatalf("a Dashboard refund's receipt: %+v, %v", r, err)
	}
	if text, _ := ReceiptText(r, 42); !strings.Contains(text, "REFUND re_dash") || !strings.Contains(text, row42("Refund of the payment", "-$3.00")) ||
		strings.Count(text, "re_dash") != 1 {
		t.Errorf("a Dashboard refund's receipt:\n%s", text)
	}
	// The refund is read from Stripe for its receipt: one Stripe failed since till last
	// looked gave nothing back, whatever till's record still says.
	g.refunds = append(g.refunds, StripeRefund{ID: "re_1", Amount: first.Amount, Status: RefundStatusFailed, PaymentIntentID: pi,
		FailureReason: "expired_or_canceled_card", TillRefundID: "rf_1"})
	for id, want := range map[string]string{
		"rf_1":     "refund rf_1 is failed: nothing was refunded",
		"re_nope":  "cannot read re_nope",
		"anything": `no order or refund "anything"`,
	} {
		if _, err := FindReceipt(context.Background(), g, records, cafeShop, id); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want %q", id, err, want)
		}
	}
	if err := EmailReceipt(context.Background(), g, &journal{}, r, "ana@example.com", func() time.Time { return t0 }); err == nil || len(g.emails) != 0 {
		t.Errorf("a refund receipt was emailed: %v %v", err, g.emails)
	}
}
