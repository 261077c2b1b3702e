package main

import (
	"fmt"

	"github.com/till-pos/till/checkout"
)

// unfinishedRefundRows are this till's refunds whose outcome it has not settled (under
// way, or pending at Stripe), as rows of `till payments --unfinished`: each says where
// it is and how it goes on.
func unfinishedRefundRows(svc *services) ([]paymentRow, error) {
	open, err := svc.store.UnfinishedRefunds()
	if err != nil {
		return nil, err
	}
	rows := make([]paymentRow, 0, len(open))
	for _, r := range open {
		rows = append(rows, refundRow(r, svc.cfg.TillID))
	}
	return rows, nil
}

// refundRow is one refund as a row of the unfinished list.
func refundRow(r checkout.Refund, tillID string) paymentRow {
	resume := fmt.Sprintf("till refund %s --refund-id %s", r.OrderID, r.ID)
	advice := adviceRow{Action: "resume_refund",
		Reason: checkout.ExplainRefund(r) + " The screen resumes it when till starts, or run " + resume + "."}
	if r.Phase == checkout.RefundPending {
		advice = adviceRow{Reason: checkout.ExplainRefund(r) + " " + resume + " checks it again."}
	}
	return paymentRow{PaymentIntent: r.PaymentIntentID, OrderID: r.OrderID, RefundID: r.ID, Status: "refund " + r.Phase.String(),
		Phase: r.Phase.String(), Amount: r.Amount.Amount, Currency: r.Amount.Currency, Created: r.StartedAt, Reader: r.ReaderID,
		TillID: tillID, Source: "till", Advice: advice}
}
