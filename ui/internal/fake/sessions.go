package fake

import (
	"time"

	"github.com/till-pos/till/checkout"
)

// Made-up sessions, as an earlier run would have saved them: a payment of $29.74 on
// the front counter, order Order, PaymentIntent Intent.
const (
	Order  = "ord_20260314150926_a1b2c3"
	Intent = "pi_3Emu0000000001"
)

// Live is the payment at a phase, with no intent yet.
func Live(p checkout.Phase) checkout.Session {
	return checkout.Session{
		OrderID: Order, Phase: p, Amount: checkout.Money{Amount: 2974, Currency: "usd"},
		Cart: checkout.Cart{Currency: "usd", Lines: []checkout.Line{{Description: "Flat white", UnitPrice: 450, Quantity: 2},
			{Description: "Almond croissant", UnitPrice: 375, Quantity: 1},
			{Description: "Bag of house-roasted beans, Ethiopia Yirgacheffe, 250 g", UnitPrice: 1699, Quantity: 1}}},
		ReaderID: FrontCounter.ID, CaptureMethod: checkout.CaptureManual,
		StartedAt: T0.Add(-2 * time.Minute), UpdatedAt: T0, Attempts: 1,
	}
}

// WithIntent gives a session its PaymentIntent, in a status.
func WithIntent(s checkout.Session, status checkout.IntentStatus) checkout.Session {
	s.PaymentIntentID, s.IntentStatus = Intent, status
	return s
}

// Awaiting is the payment on the reader for 83 seconds.
func Awaiting() checkout.Session {
	s := WithIntent(Live(checkout.Awaiting), checkout.IntentRequiresPaymentMethod)
	s.Action = &checkout.ReaderAction{Type: "process_payment_intent", Status: checkout.ActionInProgress, PaymentIntentID: s.PaymentIntentID}
	s.ActionSince = T0.Add(-83 * time.Second)
	return s
}

// Approved is the payment authorized by a Visa.
func Approved() checkout.Session {
	s := WithIntent(Live(checkout.Approved), checkout.IntentRequiresCapture)
	s.Card = checkout.Card{Brand: "visa", Last4: "4242"}
	s.CaptureBefore = T0.Add(48 * time.Hour)
	return s
}

// Paid is the payment captured, the customer having tipped tip on the reader.
func Paid(tip int64) checkout.Session {
	s := Approved()
	s.Phase, s.IntentStatus, s.Tip = checkout.Paid, checkout.IntentSucceeded, tip
	s.AmountReceived = s.Amount.Amount + tip
	return s
}

// FailPaidSaves makes the store refuse to save a paid session: the disk filled up
// between the capture and its save.
func (s *Store) FailPaidSaves() {
	s.SaveFn = func(sess checkout.Session) error {
		if sess.Phase == checkout.Paid {
			return ErrDiskFull
		}
		return nil
	}
}
