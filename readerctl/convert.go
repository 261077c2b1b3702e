package readerctl

import (
	"encoding/json"
	"strings"
	"time"
	"unicode"

	"github.com/stripe/stripe-go/v76"
	"github.com/till-pos/till/checkout"
)

// toIntent converts a PaymentIntent. The card comes from latest_charge when it was
// expanded; of the card, till keeps only brand and last4.
func toIntent(pi *stripe.PaymentIntent, key string) checkout.Intent {
	in := checkout.Intent{
		ID:                 pi.ID,
		Status:             checkout.IntentStatus(pi.Status),
		Amount:             checkout.Money{Amount: pi.Amount, Currency: string(pi.Currency)},
		AmountCapturable:   pi.AmountCapturable,
		AmountReceived:     pi.AmountReceived,
		CaptureMethod:      checkout.CaptureMethod(pi.CaptureMethod),
		OrderID:            orderIDOf(pi.Metadata["order_id"]),
		ReaderID:           plainText(pi.Metadata["till_reader"]),
		TillID:             plainText(pi.Metadata["till_id"]),
		CancellationReason: string(pi.CancellationReason),
	}
	if pi.Created != 0 {
		in.Created = time.Unix(pi.Created, 0).UTC()
	}
	if pi.LastPaymentError != nil {
		in.LastError = lastError(pi.LastPaymentError, key)
	}
	if d := pi.AmountDetails; d != nil && d.Tip != nil {
		in.Tip = d.Tip.Amount
	}
	if ch := pi.LatestCharge; ch != nil {
		in.AmountRefunded = ch.AmountRefunded
		if ch.PaymentMethodDetails != nil {
			in.Card, in.CaptureBefore = cardOf(ch.PaymentMethodDetails)
		}
	}
	return in
}

// orderIDOf trusts metadata[order_id] only when it is a valid order id: anyone with the
// account's keys can write metadata, and till puts order ids in file names, keys and
// searches. Anything else is no order of till's and reads as none.
func orderIDOf(v string) string {
	if checkout.ValidOrderID(v) != nil {
		return ""
	}
	return v
}

// plainText drops a metadata value with control characters, which no till writes and
// which would reach the terminal as escape sequences.
func plainText(v string) string {
	if strings.IndexFunc(v, unicode.IsControl) >= 0 {
		return ""
	}
	return v
}

// cardOf reads brand, last4 and the authorization's expiry from a charge's
// card_present (or, for Interac, interac_present) details.
func cardOf(d *stripe.ChargePaymentMethodDetails) (checkout.Card, time.Time) {
	switch {
	case d.CardPresent != nil:
		var before time.Time
		if d.CardPresent.CaptureBefore != 0 {
			before = time.Unix(d.CardPresent.CaptureBefore, 0).UTC()
		}
		return checkout.Card{Brand: string(d.CardPresent.Brand), Last4: d.CardPresent.Last4}, before
	case d.InteracPresent != nil:
		return checkout.Card{Brand: d.InteracPresent.Brand, Last4: d.InteracPresent.Last4}, time.Time{}
	}
	return checkout.Card{}, time.Time{}
}

// lastError converts a PaymentIntent's last_payment_error. It describes a failed
// attempt, so anything not more specific counts as a decline.
func lastError(se *stripe.Error, key string) *checkout.Failure {
	f := fromStripeError(se, key)
	if f.Kind == checkout.KindUnknown {
		f.Kind = checkout.KindDeclined
	}
	return f
}

// rawReader holds the reader fields stripe-go v76 does not model, read from the
// response's raw JSON.
type rawReader struct {
	ID         string `json:"id"`
	LastSeenAt int64  `json:"last_seen_at"` // milliseconds, unlike other timestamps
	Action     *struct {
		APIError *struct {
			Type        string `json:"type"`
			Code        string `json:"code"`
			DeclineCode string `json:"decline_code"`
		} `json:"api_error"` // reader software 2.42+, API 2026-05-27+
		CollectPaymentMethod *rawIntentRef `json:"collect_payment_method"`
		ConfirmPaymentIntent *rawIntentRef `json:"confirm_payment_intent"`
	} `json:"action"`
}

type rawIntentRef struct {
	PaymentIntent json.RawMessage `json:"payment_intent"` // an id, or the expanded object
}

// id reads the PaymentIntent id whether or not it was expanded.
func (r *rawIntentRef) id() string {
	if r == nil {
		return ""
	}
	var id string
	if json.Unmarshal(r.PaymentIntent, &id) == nil {
		return id
	}
	var obj struct {
		ID string `json:"id"`
	}
	_ = json.Unmarshal(r.PaymentIntent, &obj) // absent or malformed: no id
	return obj.ID
}

// rawOfReader reads the extra fields of a single reader response. A missing or
// unreadable body only loses the extras.
func rawOfReader(r *stripe.TerminalReader) rawReader {
	var raw rawReader
	if r.LastResponse != nil {
		_ = json.Unmarshal(r.LastResponse.RawJSON, &raw)
	}
	return raw
}

// rawOfReaderList reads the extra fields of every reader in one list page, by id.
func rawOfReaderList(l *stripe.TerminalReaderList) map[string]rawReader {
	var page struct {
		Data []rawReader `json:"data"`
	}
	if l != nil && l.LastResponse != nil {
		_ = json.Unmarshal(l.LastResponse.RawJSON, &page)
	}
	byID := make(map[string]rawReader, len(page.Data))
	for _, r := range page.Data {
		byID[r.ID] = r
	}
	return byID
}

// toReader converts a reader, completing it with the fields read from raw JSON.
func toReader(r *stripe.TerminalReader, raw rawReader) checkout.Reader {
	out := checkout.Reader{
		ID:              r.ID,
		Label:           r.Label,
		DeviceType:      string(r.DeviceType),
		Status:          r.Status,
		SerialNumber:    r.SerialNumber,
		SoftwareVersion: r.DeviceSwVersion,
	}
	if r.Location != nil {
		out.Location = r.Location.ID
	}
	if raw.LastSeenAt > 0 {
		out.LastSeenAt = time.UnixMilli(raw.LastSeenAt).UTC()
	}
	if r.Action != nil {
		out.Action = toAction(r.Action, raw)
	}
	return out
}

// toAction converts the reader's action. Only actions that take a payment name their
// PaymentIntent: a refund_payment on an intent must never look like its payment.
func toAction(a *stripe.TerminalReaderAction, raw rawReader) *checkout.ReaderAction {
	out := &checkout.ReaderAction{
		Type:           string(a.Type),
		Status:         checkout.ActionStatus(a.Status),
		FailureCode:    a.FailureCode,
		FailureMessage: a.FailureMessage,
	}
	if a.ProcessPaymentIntent != nil && a.ProcessPaymentIntent.PaymentIntent != nil {
		out.PaymentIntentID = a.ProcessPaymentIntent.PaymentIntent.ID
	}
	if d := a.SetReaderDisplay; d != nil && d.Cart != nil {
		out.Display = toDisplay(d.Cart)
	}
	if rp := a.RefundPayment; rp != nil {
		out.TillRefundID = rp.Metadata[metaRefundID]
		if rp.Refund != nil {
			out.RefundID = rp.Refund.ID
		}
	}
	if ra := raw.Action; ra != nil {
		if out.PaymentIntentID == "" {
			out.PaymentIntentID = ra.CollectPaymentMethod.id()
		}
		if out.PaymentIntentID == "" {
			out.PaymentIntentID = ra.ConfirmPaymentIntent.id()
		}
		if e := ra.APIError; e != nil {
			out.ErrorType, out.DeclineCode = e.Type, e.DeclineCode
			if out.FailureCode == "" {
				out.FailureCode = e.Code
			}
		}
	}
	return out
}
