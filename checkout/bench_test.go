package checkout

import "testing"

// BenchmarkSale runs a whole sale through Apply: charge, create, send, a poll, a
// decline, a retry, approval, capture.
func BenchmarkSale(b *testing.B) {
	declined := StatusRead{Intent: intent(IntentRequiresPaymentMethod), Reader: rdr(act(ActionFailed, "card_declined"))}
	events := []Event{
		ChargeRequested{OrderID: "ord_1", Amount: usd(1234), ReaderID: reader, At: t0},
		IntentCreated{Intent: *intent(IntentRequiresPaymentMethod)},
		ProcessSent{Reader: *rdr(act(ActionInProgress, ""))},
		StatusRead{Intent: intent(IntentRequiresPaymentMethod), Reader: rdr(act(ActionInProgress, ""))},
		declined,
		RetryRequested{},
		ProcessSent{Reader: *rdr(act(ActionInProgress, ""))},
		StatusRead{Intent: intent(IntentRequiresCapture), Reader: rdr(act(ActionSucceeded, ""))},
		CaptureRequested{},
		Captured{Intent: *intent(IntentSucceeded)},
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		s := Session{}
		for _, e := range events {
			var err error
			if s, _, err = Apply(s, e); err != nil {
				b.Fatal(err)
			}
		}
		if s.Phase != Paid {
			b.Fatalf("phase %s", s.Phase)
		}
	}
}
