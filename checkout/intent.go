package checkout

import "time"

// IntentStatus is a PaymentIntent's status, as Stripe reports it.
type IntentStatus string

// PaymentIntent statuses.
const (
	IntentRequiresPaymentMethod IntentStatus = "requires_payment_method"
	IntentRequiresConfirmation  IntentStatus = "requires_confirmation"
	IntentRequiresAction        IntentStatus = "requires_action"
	IntentProcessing            IntentStatus = "processing"
	IntentRequiresCapture       IntentStatus = "requires_capture"
	IntentCanceled              IntentStatus = "canceled"
	IntentSucceeded             IntentStatus = "succeeded"
)

// CaptureMethod says whether an approved payment is captured by Stripe at once
// (automatic) or waits for till's capture call (manual).
type CaptureMethod string

// Capture methods.
const (
	CaptureManual    CaptureMethod = "manual"
	CaptureAutomatic CaptureMethod = "automatic"
)

// Card is all till keeps of a card: its brand and last four digits.
type Card struct {
	Brand string `json:"brand,omitempty"`
	Last4 string `json:"last4,omitempty"`
}

// Intent is a PaymentIntent as till sees it.
type Intent struct {
	ID                 string        `json:"id"`
	Status             IntentStatus  `json:"status"`
	Amount             Money         `json:"amount"`
	AmountCapturable   int64         `json:"amount_capturable"`
	AmountReceived     int64         `json:"amount_received"`
	AmountRefunded     int64         `json:"amount_refunded,omitempty"` // the latest charge's amount_refunded
	Tip                int64         `json:"tip,omitempty"`             // amount_details.tip.amount; Amount includes it
	CaptureMethod      CaptureMethod `json:"capture_method"`
	OrderID            string        `json:"order_id,omitempty"`  // metadata[order_id]
	ReaderID           string        `json:"reader_id,omitempty"` // metadata[till_reader]: the reader till sent it to first
	TillID             string        `json:"till_id,omitempty"`   // metadata[till_id]: which till made it
	LastError          *Failure      `json:"last_error,omitempty"`
	Card               Card          `json:"card,omitempty"`
	CaptureBefore      time.Time     `json:"capture_before,omitempty"`
	Created            time.Time     `json:"created,omitempty"`
	CancellationReason string        `json:"cancellation_reason,omitempty"`
}
