package ui

import (
	"time"

	"github.com/till-pos/till/checkout"
)

// Made-up sessions, as an earlier run would have saved them, for seeding the store.

// live is a payment of $29.74 on the front counter at the given phase.
func live(p checkout.Phase) checkout.Session {
	return checkout.Session{
		OrderID: bookOrder, Phase: p, Amount: usd(2974),
		Cart: checkout.Cart{Currency: "usd", Lines: []checkout.Line{{Description: "Flat white", UnitPrice: 450, Quantity: 2},
			{Description: "Almond croissant", UnitPrice: 375, Quantity: 1},
			{Description: "Bag of house-roasted beans, Ethiopia Yirgacheffe, 250 g", UnitPrice: 1699, Quantity: 1}}},
		ReaderID: frontCounter.ID, CaptureMethod: checkout.CaptureManual,
		StartedAt: t0.Add(-2 * time.Minute), UpdatedAt: t0, Attempts: 1,
	}
}

func withIntent(s checkout.Session, status checkout.IntentStatus) checkout.Session {
	s.PaymentIntentID, s.IntentStatus = bookIntent, status
	return s
}

func awaiting() checkout.Session {
	s := withIntent(live(checkout.Awaiting), checkout.IntentRequiresPaymentMethod)
	s.Action = &checkout.ReaderAction{Type: "process_payment_intent", Status: checkout.ActionInProgress, PaymentIntentID: s.PaymentIntentID}
	s.ActionSince = t0.Add(-83 * time.Second)
	return s
}

func approved() checkout.Session {
	s := withIntent(live(checkout.Approved), checkout.IntentRequiresCapture)
	s.Card = checkout.Card{Brand: "visa", Last4: "4242"}
	s.CaptureBefore = t0.Add(48 * time.Hour)
	return s
}
