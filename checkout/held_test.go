package checkout

import (
	"testing"
	"time"
)

// held builds a session that holds step after it went unanswered at t0.
func held(p Phase, step Step) Session {
	s := at(p)
	s.Held, s.HeldSince = step, t0
	s.CaptureBefore = t0.Add(48 * time.Hour)
	return s
}

func capturesOnce(captures int) func(t *testing.T, s Session) {
	return func(t *testing.T, s Session) { t.Helper(); eq(t, s.Captures, captures) }
}

func TestHeldCalls(t *testing.T) {
	noAnswer := Failure{Kind: KindNetwork}
	later := t0.Add(time.Hour)
	heldCapture := func() Session { s := held(Unknown, StepCapture); s.Captures = 1; return s }
	heldCancel := func() Session {
		s := held(Unknown, StepCancelIntent)
		s.Cancels, s.CancelReason = 1, "abandoned"
		return s
	}
	tests := []transitionCase{
		{"a capture is held from the moment it is decided", at(Approved), CaptureRequested{At: t0},
			Capturing, []Effect{CaptureIntent{PaymentIntentID: pi, Key: "till_ord_1_capture_1", Capturable: 1234}},
			func(t *testing.T, s Session) { eq(t, s.Held, StepCapture); eq(t, s.HeldSince, time.Time{}) }},
		{"no answer keeps it held, from then, and reads first", func() Session { s := at(Capturing); s.Captures = 1; return s.hold(StepCapture) }(),
			StepFailed{Step: StepCapture, Failure: noAnswer, At: later},
			Unknown, []Effect{ReadStatus{ReaderID: reader, PaymentIntentID: pi, Wait: true}},
			func(t *testing.T, s Session) { eq(t, s.Held, StepCapture); eq(t, s.HeldSince, later) }},
		{"a second miss keeps the first time", func() Session { s := held(Capturing, StepCapture); s.Captures = 1; return s }(),
			StepFailed{Step: StepCapture, Failure: noAnswer, At: later},
			Unknown, []Effect{ReadStatus{ReaderID: reader, PaymentIntentID: pi, Wait: true}},
			func(t *testing.T, s Session) { eq(t, s.HeldSince, t0) }},
		{"Stripe's error answer releases it: a replay would only repeat it", func() Session { s := held(Capturing, StepCapture); s.Captures = 1; return s }(),
			StepFailed{Step: StepCapture, Failure: Failure{Kind: KindServer, HTTPStatus: 500}, At: later},
			Unknown, []Effect{ReadStatus{ReaderID: reader, PaymentIntentID: pi, Wait: true}},
			func(t *testing.T, s Session) { eq(t, s.Held, Step("")) }},
		{"read shows it did not happen: the same capture again, same key", heldCapture(),
			StatusRead{Intent: intent(IntentRequiresCapture), Reader: rdr(nil), At: later},
			Capturing, []Effect{CaptureIntent{PaymentIntentID: pi, Key: "till_ord_1_capture_1", Capturable: 1234}}, capturesOnce(1)},
		{"read shows it went through: paid, never a second capture", heldCapture(),
			StatusRead{Intent: intent(IntentSucceeded), Reader: rdr(nil), At: later}, Paid, nil,
			func(t *testing.T, s Session) { eq(t, s.Held, Step("")); eq(t, s.Captures, 1) }},
		{"the authorization was released: canceled, nothing held", heldCapture(),
			StatusRead{Intent: intent(IntentCanceled), Reader: rdr(nil), At: later}, Canceled, nil,
			func(t *testing.T, s Session) { eq(t, s.Held, Step("")) }},
		{"capture_before passed: not sent again; the cashier decides", heldCapture(),
			StatusRead{Intent: intent(IntentRequiresCapture), Reader: rdr(nil), At: t0.Add(48 * time.Hour)}, Approved, nil,
			func(t *testing.T, s Session) { eq(t, s.Held, Step("")); eq(t, s.Failure.Kind, KindExpired) }},
		{"a webhook saying it went through ends it", heldCapture(),
			Notified{Intent: &Intent{ID: pi, Status: IntentSucceeded}, At: later}, Paid, nil, capturesOnce(1)},
		{"resumed mid-capture: held under the key in flight", func() Session { s := at(Capturing); s.Captures = 1; s.UpdatedAt = t0; return s }(),
			Resumed{At: later}, Unknown, []Effect{ReadStatus{ReaderID: reader, PaymentIntentID: pi}},
			func(t *testing.T, s Session) { eq(t, s.Held, StepCapture); eq(t, s.HeldSince, t0) }},
		{"captured: the answer releases it", held(Capturing, StepCapture),
			Captured{Intent: *intent(IntentSucceeded), At: later}, Paid, nil,
			func(t *testing.T, s Session) { eq(t, s.Held, Step("")) }},

		{"a cancel of a waiting payment is held from the start", at(Awaiting), CancelRequested{At: t0},
			Canceling, []Effect{CancelReaderAction{ReaderID: reader, PaymentIntentID: pi}},
			func(t *testing.T, s Session) { eq(t, s.Held, StepCancelAction) }},
		{"cancel_action unanswered: held, read first", func() Session { s := canceling(0); return s.hold(StepCancelAction) }(),
			StepFailed{Step: StepCancelAction, Failure: noAnswer, At: later},
			Unknown, []Effect{ReadStatus{ReaderID: reader, PaymentIntentID: pi, Wait: true}},
			func(t *testing.T, s Session) { eq(t, s.Held, StepCancelAction); eq(t, s.HeldSince, later) }},
		{"held cancel, reader still on it: clear the reader, then the intent", held(Unknown, StepCancelAction),
			StatusRead{Intent: intent(IntentRequiresPaymentMethod), Reader: rdr(act(ActionInProgress, "")), At: later},
			Canceling, []Effect{CancelReaderAction{ReaderID: reader, PaymentIntentID: pi}}, nil},
		{"then the intent under the first cancel key", func() Session { s := canceling(0); return s.hold(StepCancelAction) }(),
			ActionCanceled{Reader: *rdr(nil), At: later},
			Canceling, []Effect{CancelIntent{PaymentIntentID: pi, Reason: "abandoned", Key: "till_ord_1_cancel_1"}},
			func(t *testing.T, s Session) { eq(t, s.Held, StepCancelIntent) }},
		{"cancel_intent unanswered, authorized: the same cancel again, same key", heldCancel(),
			StatusRead{Intent: intent(IntentRequiresCapture), Reader: rdr(nil), At: later},
			Canceling, []Effect{CancelIntent{PaymentIntentID: pi, Reason: "abandoned", Key: "till_ord_1_cancel_1"}},
			func(t *testing.T, s Session) { eq(t, s.Cancels, 1) }},
		{"after the reader is cleared again, still the same key", func() Session { s := heldCancel(); s.Phase = Canceling; return s }(),
			ActionCanceled{Reader: *rdr(nil), At: later},
			Canceling, []Effect{CancelIntent{PaymentIntentID: pi, Reason: "abandoned", Key: "till_ord_1_cancel_1"}},
			func(t *testing.T, s Session) { eq(t, s.Cancels, 1) }},
		{"the cancel went through", heldCancel(),
			StatusRead{Intent: intent(IntentCanceled), Reader: rdr(nil), At: later}, Canceled, nil,
			func(t *testing.T, s Session) { eq(t, s.Held, Step("")) }},
		{"the card is being authorized: wait, still held", heldCancel(),
			StatusRead{Intent: intent(IntentProcessing), Reader: rdr(nil), At: later},
			Awaiting, []Effect{ReadStatus{ReaderID: reader, PaymentIntentID: pi, Wait: true}},
			func(t *testing.T, s Session) { eq(t, s.Held, StepCancelIntent) }},
		{"a cancel refused by Stripe is released", func() Session { s := heldCancel(); s.Phase = Canceling; return s }(),
			StepFailed{Step: StepCancelIntent, Failure: Failure{Kind: KindInvalidState}, At: later},
			Unknown, []Effect{ReadStatus{ReaderID: reader, PaymentIntentID: pi, Wait: true}},
			func(t *testing.T, s Session) { eq(t, s.Held, Step("")) }},
		{"a busy reader releases the cancel, as before", func() Session { s := canceling(0); return s.hold(StepCancelAction) }(),
			StepFailed{Step: StepCancelAction, Failure: Failure{Kind: KindReaderBusy}, At: later},
			Unknown, []Effect{ReadStatus{ReaderID: reader, PaymentIntentID: pi, Wait: true}},
			func(t *testing.T, s Session) { eq(t, s.Held, Step("")) }},
		{"an offline reader moves the held cancel on to the intent", func() Session { s := canceling(0); return s.hold(StepCancelAction) }(),
			StepFailed{Step: StepCancelAction, Failure: Failure{Kind: KindReaderOffline}, At: later},
			Canceling, []Effect{CancelIntent{PaymentIntentID: pi, Reason: "abandoned", Key: "till_ord_1_cancel_1"}},
			func(t *testing.T, s Session) { eq(t, s.Held, StepCancelIntent) }},
		{"the cashier cancels a held cancel again: same key", heldCancel(), CancelRequested{At: later},
			Canceling, []Effect{CancelReaderAction{ReaderID: reader, PaymentIntentID: pi}},
			func(t *testing.T, s Session) { eq(t, s.Held, StepCancelIntent); eq(t, s.Cancels, 1) }},
		{"cancel before till saw its intent: find it (or make it) under the order's key", unknownNoIntent(), CancelRequested{At: later},
			Canceling, []Effect{CreateIntent{OrderID: "ord_1", ReaderID: reader, Amount: usd(1234), CaptureMethod: CaptureManual, Key: "till_ord_1_create", Replay: true}},
			func(t *testing.T, s Session) { eq(t, s.Held, StepCancelAction); eq(t, s.CancelReason, "abandoned") }},
		{"the intent found is canceled, never sent to the reader", func() Session { s := unknownNoIntent(); s.Phase = Canceling; return s.hold(StepCancelAction) }(),
			IntentCreated{Intent: *intent(IntentRequiresPaymentMethod), At: later},
			Canceling, []Effect{CancelIntent{PaymentIntentID: pi, Reason: "", Key: "till_ord_1_cancel_1"}},
			func(t *testing.T, s Session) {
				eq(t, s.PaymentIntentID, pi)
				eq(t, s.Held, StepCancelIntent)
				eq(t, s.Attempts, 0)
			}},
		{"looking for it got no answer: still owed, look again", func() Session { s := unknownNoIntent(); s.Phase = Canceling; return s.hold(StepCancelAction) }(),
			StepFailed{Step: StepCreate, Failure: Failure{Kind: KindNetwork}, At: later},
			Unknown, []Effect{CreateIntent{OrderID: "ord_1", ReaderID: reader, Amount: usd(1234), CaptureMethod: CaptureManual, Key: "till_ord_1_create", Wait: true, Replay: true}},
			func(t *testing.T, s Session) { eq(t, s.Held, StepCancelAction); eq(t, s.HeldSince, later) }},
		{"even an error answer keeps the cancel owed: the order must not reach a reader", func() Session { s := unknownNoIntent(); s.Phase = Canceling; return s.hold(StepCancelAction) }(),
			StepFailed{Step: StepCreate, Failure: Failure{Kind: KindInvalidRequest}, At: later},
			Unknown, []Effect{CreateIntent{OrderID: "ord_1", ReaderID: reader, Amount: usd(1234), CaptureMethod: CaptureManual, Key: "till_ord_1_create", Wait: true, Replay: true}},
			func(t *testing.T, s Session) { eq(t, s.Held, StepCancelAction) }},
		{"the replay later finds it: canceled, not sent", func() Session { s := unknownNoIntent(); return s.hold(StepCancelAction) }(),
			IntentCreated{Intent: *intent(IntentRequiresPaymentMethod), At: later},
			Canceling, []Effect{CancelIntent{PaymentIntentID: pi, Reason: "", Key: "till_ord_1_cancel_1"}}, nil},
		{"resumed mid-cancel (older till): the cancel starts over", func() Session { s := canceling(1); s.UpdatedAt = t0; return s }(),
			Resumed{At: later}, Unknown, []Effect{ReadStatus{ReaderID: reader, PaymentIntentID: pi}},
			func(t *testing.T, s Session) { eq(t, s.Held, StepCancelAction) }},
	}
	runTransitions(t, tests)
}

// An outage from the capture on: every call goes unanswered for a while, then Stripe
// answers. The capture goes out again under its first key, once, and the payment ends
// paid; no key is ever used for two different calls.
func TestHeldCaptureThroughAnOutage(t *testing.T) {
	s := at(Approved)
	s.CaptureBefore = t0.Add(48 * time.Hour)
	apply := func(e Event) []Effect {
		t.Helper()
		var effects []Effect
		var err error
		if s, effects, err = Apply(s, e); err != nil {
			t.Fatalf("%T: %v", e, err)
		}
		return effects
	}
	first := apply(CaptureRequested{At: t0})[0].(CaptureIntent)
	apply(StepFailed{Step: StepCapture, Failure: Failure{Kind: KindNetwork}, At: t0})
	for i := 1; i <= 5; i++ {
		apply(StepFailed{Step: StepRead, Failure: Failure{Kind: KindNetwork}, At: t0.Add(time.Duration(i) * time.Minute)})
	}
	h, ok := s.HeldCall()
	if !ok || h.Checks != 5 || h.Key != first.Key || !h.Since.Equal(t0) {
		t.Fatalf("outbox entry %+v, %v", h, ok)
	}
	again := apply(StatusRead{Intent: intent(IntentRequiresCapture), Reader: rdr(nil), At: t0.Add(10 * time.Minute)})
	if len(again) != 1 || again[0] != Effect(first) {
		t.Fatalf("resent %#v, want %#v", again, first)
	}
	apply(Captured{Intent: *intent(IntentSucceeded), At: t0.Add(10 * time.Minute)})
	if s.Phase != Paid || s.Held != "" {
		t.Fatalf("ended %s holding %q", s.Phase, s.Held)
	}
	if _, ok := s.HeldCall(); ok {
		t.Fatal("still in the outbox")
	}
}
