package checkout

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

var t0 = time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)

const (
	pi     = "pi_1"
	reader = "tmr_1"
)

func usd(n int64) Money { return Money{Amount: n, Currency: "usd"} }

// at builds a session in a phase, with an intent unless the phase comes before one.
func at(p Phase) Session {
	s := Session{OrderID: "ord_1", Phase: p, Amount: usd(1234), ReaderID: reader, CaptureMethod: CaptureManual, StartedAt: t0}
	if p != Building && p != Creating {
		s.PaymentIntentID, s.Attempts = pi, 1
	}
	return s
}

func intent(st IntentStatus) *Intent {
	return &Intent{ID: pi, Status: st, Amount: usd(1234), CaptureMethod: CaptureManual}
}

func rdr(a *ReaderAction) *Reader { return &Reader{ID: reader, Action: a} }

func act(st ActionStatus, code string) *ReaderAction {
	return &ReaderAction{Type: "process_payment_intent", Status: st, PaymentIntentID: pi, FailureCode: code}
}

func TestApplyTransitions(t *testing.T) {
	declinedErr := &Failure{Kind: KindDeclined, Code: "card_declined", DeclineCode: "insufficient_funds", Message: "Your card has insufficient funds."}
	tests := []transitionCase{
		{"charge creates the intent", at(Building),
			ChargeRequested{OrderID: "ord_1", Amount: usd(1234), ReaderID: reader, At: t0},
			Creating, []Effect{CreateIntent{OrderID: "ord_1", ReaderID: reader, Amount: usd(1234), CaptureMethod: CaptureManual, Key: "till_ord_1_create"}}, nil},
		{"charge keeps automatic capture", at(Building),
			ChargeRequested{OrderID: "ord_1", Amount: usd(1234), ReaderID: reader, CaptureMethod: CaptureAutomatic, At: t0},
			Creating, []Effect{CreateIntent{OrderID: "ord_1", ReaderID: reader, Amount: usd(1234), CaptureMethod: CaptureAutomatic, Key: "till_ord_1_create"}}, nil},
		{"intent created is sent to the reader", at(Creating),
			IntentCreated{Intent: *intent(IntentRequiresPaymentMethod), At: t0},
			Sending, []Effect{ProcessOnReader{ReaderID: reader, PaymentIntentID: pi, Key: "till_ord_1_process_1"}},
			func(t *testing.T, s Session) { eq(t, s.Attempts, 1); eq(t, s.PaymentIntentID, pi) }},
		{"an adopted intent already authorized is not sent again", at(Creating),
			IntentCreated{Intent: *intent(IntentRequiresCapture), At: t0}, Approved, nil, nil},
		{"process sent starts polling", at(Sending),
			ProcessSent{Reader: *rdr(act(ActionInProgress, "")), At: t0},
			Awaiting, []Effect{ReadStatus{ReaderID: reader, PaymentIntentID: pi, Wait: true}},
			func(t *testing.T, s Session) { eq(t, s.ActionSince, t0); eq(t, s.Action.Status, ActionInProgress) }},
		{"in progress keeps polling", at(Awaiting),
			StatusRead{Intent: intent(IntentRequiresPaymentMethod), Reader: rdr(act(ActionInProgress, "")), At: t0},
			Awaiting, []Effect{ReadStatus{ReaderID: reader, PaymentIntentID: pi, Wait: true}}, nil},
		{"action succeeded but intent lagging keeps polling", at(Awaiting),
			StatusRead{Intent: intent(IntentRequiresPaymentMethod), Reader: rdr(act(ActionSucceeded, "")), At: t0},
			Awaiting, []Effect{ReadStatus{ReaderID: reader, PaymentIntentID: pi, Wait: true}}, nil},
		{"approved", at(Awaiting),
			StatusRead{Intent: &Intent{ID: pi, Status: IntentRequiresCapture, Card: Card{"visa", "4242"}, CaptureBefore: t0.Add(48 * time.Hour)}, Reader: rdr(act(ActionSucceeded, "")), At: t0},
			Approved, nil,
			func(t *testing.T, s Session) {
				eq(t, s.Card, Card{"visa", "4242"})
				eq(t, s.CaptureBefore, t0.Add(48*time.Hour))
			}},
		{"automatic capture goes straight to paid", at(Awaiting),
			StatusRead{Intent: intent(IntentSucceeded), Reader: rdr(act(ActionSucceeded, "")), At: t0}, Paid, nil, nil},
		{"decline reads the action and last_payment_error", at(Awaiting),
			StatusRead{Intent: &Intent{ID: pi, Status: IntentRequiresPaymentMethod, LastError: declinedErr}, Reader: rdr(&ReaderAction{Status: ActionFailed, PaymentIntentID: pi, FailureCode: "card_declined", FailureMessage: "Your card has insufficient funds."}), At: t0},
			Declined, nil,
			func(t *testing.T, s Session) {
				eq(t, s.Failure.Kind, KindDeclined)
				eq(t, s.Failure.DeclineCode, "insufficient_funds")
			}},
		{"api_error decline code wins", at(Awaiting),
			StatusRead{Intent: &Intent{ID: pi, Status: IntentRequiresPaymentMethod, LastError: declinedErr}, Reader: rdr(&ReaderAction{Status: ActionFailed, PaymentIntentID: pi, FailureCode: "card_declined", DeclineCode: "call_issuer"}), At: t0},
			Declined, nil,
			func(t *testing.T, s Session) { eq(t, s.Failure.DeclineCode, "call_issuer") }},
		{"customer cancel", at(Awaiting),
			StatusRead{Intent: intent(IntentRequiresPaymentMethod), Reader: rdr(act(ActionFailed, "customer_canceled")), At: t0},
			Declined, nil, func(t *testing.T, s Session) { eq(t, s.Failure.Kind, KindCustomerCanceled) }},
		{"connection error with intent still unpaid", at(Awaiting),
			StatusRead{Intent: intent(IntentRequiresPaymentMethod), Reader: rdr(act(ActionFailed, "connection_error")), At: t0},
			Declined, nil, func(t *testing.T, s Session) { eq(t, s.Failure.Kind, KindConnectionError) }},
		{"connection error but the authorization went through", at(Awaiting),
			StatusRead{Intent: intent(IntentRequiresCapture), Reader: rdr(act(ActionFailed, "connection_error")), At: t0},
			Approved, nil, nil},
		{"reader no longer on this payment", at(Awaiting),
			StatusRead{Intent: intent(IntentRequiresPaymentMethod), Reader: rdr(nil), At: t0},
			Declined, nil, func(t *testing.T, s Session) { eq(t, s.Failure.Kind, KindInterrupted) }},
		{"reader cleared after an earlier decline: not that decline again", at(Awaiting),
			StatusRead{Intent: &Intent{ID: pi, Status: IntentRequiresPaymentMethod, LastError: declinedErr}, Reader: rdr(nil), At: t0},
			Declined, nil, func(t *testing.T, s Session) { eq(t, s.Failure.Kind, KindInterrupted) }},
		{"reader working on another payment", at(Awaiting),
			StatusRead{Intent: intent(IntentRequiresPaymentMethod), Reader: rdr(&ReaderAction{Status: ActionInProgress, PaymentIntentID: "pi_other"}), At: t0},
			Declined, nil, func(t *testing.T, s Session) { eq(t, s.Failure.Kind, KindInterrupted) }},
		{"requires_confirmation asks for a retry", at(Awaiting),
			StatusRead{Intent: intent(IntentRequiresConfirmation), Reader: rdr(nil), At: t0},
			Declined, nil, func(t *testing.T, s Session) { eq(t, s.Failure.Kind, KindNeedsRetry) }},
		{"processing keeps polling", at(Awaiting),
			StatusRead{Intent: intent(IntentProcessing), Reader: rdr(nil), At: t0},
			Awaiting, []Effect{ReadStatus{ReaderID: reader, PaymentIntentID: pi, Wait: true}}, nil},
		{"unknown status re-reads, never a new intent", at(Awaiting),
			StatusRead{Intent: intent("weird"), Reader: rdr(nil), At: t0},
			Unknown, []Effect{ReadStatus{ReaderID: reader, PaymentIntentID: pi, Wait: true}}, nil},
		{"canceled elsewhere", at(Awaiting),
			StatusRead{Intent: intent(IntentCanceled), Reader: rdr(nil), At: t0}, Canceled, nil, nil},
		{"check status reads at once", at(Awaiting), CheckRequested{At: t0},
			Awaiting, []Effect{ReadStatus{ReaderID: reader, PaymentIntentID: pi}}, nil},
		{"check status on a declined payment reads only the intent", at(Declined), CheckRequested{At: t0},
			Declined, []Effect{ReadStatus{ReaderID: reader, PaymentIntentID: pi, IntentOnly: true}}, nil},
		{"declined stays declined on a check", withFailure(at(Declined), declinedErr),
			StatusRead{Intent: intent(IntentRequiresPaymentMethod), Reader: rdr(nil), At: t0},
			Declined, nil, func(t *testing.T, s Session) { eq(t, s.Failure.Kind, KindDeclined) }},
		{"retry reuses the intent with a new process key", withFailure(at(Declined), declinedErr),
			RetryRequested{At: t0},
			Sending, []Effect{ProcessOnReader{ReaderID: reader, PaymentIntentID: pi, Key: "till_ord_1_process_2"}},
			func(t *testing.T, s Session) {
				eq(t, s.Attempts, 2)
				if s.Failure != nil {
					t.Error("failure not cleared")
				}
			}},
		{"take over a reader on the cashier's word", at(Declined), RetryRequested{TakeOver: true, At: t0},
			Sending, []Effect{ProcessOnReader{ReaderID: reader, PaymentIntentID: pi, Key: "till_ord_1_process_2", TakeOver: true}}, nil},
		{"retry on another reader", at(Declined), RetryRequested{ReaderID: "tmr_2", At: t0},
			Sending, []Effect{ProcessOnReader{ReaderID: "tmr_2", PaymentIntentID: pi, Key: "till_ord_1_process_2"}}, nil},
		{"capture", at(Approved), CaptureRequested{At: t0},
			Capturing, []Effect{CaptureIntent{PaymentIntentID: pi, Key: "till_ord_1_capture_1", Capturable: 1234}}, nil},
		{"captured is paid", at(Capturing), Captured{Intent: *intent(IntentSucceeded), At: t0}, Paid, nil, nil},
		{"cancel while awaiting cancels the reader action first", at(Awaiting), CancelRequested{At: t0},
			Canceling, []Effect{CancelReaderAction{ReaderID: reader, PaymentIntentID: pi}},
			func(t *testing.T, s Session) { eq(t, s.CancelReason, "abandoned") }},
		{"action canceled then the intent", canceling(0), ActionCanceled{Reader: *rdr(nil), At: t0},
			Canceling, []Effect{CancelIntent{PaymentIntentID: pi, Reason: "abandoned", Key: "till_ord_1_cancel_1"}}, nil},
		{"cancel a declined payment cancels the intent", at(Declined), CancelRequested{Reason: "requested_by_customer", At: t0},
			Canceling, []Effect{CancelIntent{PaymentIntentID: pi, Reason: "requested_by_customer", Key: "till_ord_1_cancel_1"}}, nil},
		{"cancel an approved payment releases it", at(Approved), CancelRequested{At: t0},
			Canceling, []Effect{CancelIntent{PaymentIntentID: pi, Reason: "abandoned", Key: "till_ord_1_cancel_1"}}, nil},
		{"cancel while unknown starts at the reader", at(Unknown), CancelRequested{At: t0},
			Canceling, []Effect{CancelReaderAction{ReaderID: reader, PaymentIntentID: pi}}, nil},
		{"intent canceled", canceling(1), PaymentCanceled{Intent: *intent(IntentCanceled), At: t0}, Canceled, nil, nil},

		// Failures.
		{"create refused: back to the cart", at(Creating),
			StepFailed{Step: StepCreate, Failure: Failure{Kind: KindAuth}, At: t0}, Building, nil,
			func(t *testing.T, s Session) { eq(t, s.Failure.Kind, KindAuth) }},
		{"create with no answer: replay the same key after a wait", at(Creating),
			StepFailed{Step: StepCreate, Failure: Failure{Kind: KindNetwork}, At: t0},
			Unknown, []Effect{CreateIntent{OrderID: "ord_1", ReaderID: reader, Amount: usd(1234), CaptureMethod: CaptureManual, Key: "till_ord_1_create", Wait: true, Replay: true}}, nil},
		{"replay found the intent: carry on to the reader", unknownNoIntent(),
			IntentCreated{Intent: *intent(IntentRequiresPaymentMethod), At: t0},
			Sending, []Effect{ProcessOnReader{ReaderID: reader, PaymentIntentID: pi, Key: "till_ord_1_process_1"}}, nil},
		{"replay failing again stays unknown", unknownNoIntent(),
			StepFailed{Step: StepCreate, Failure: Failure{Kind: KindAuth}, At: t0},
			Unknown, []Effect{CreateIntent{OrderID: "ord_1", ReaderID: reader, Amount: usd(1234), CaptureMethod: CaptureManual, Key: "till_ord_1_create", Wait: true, Replay: true}}, nil},
		{"reader offline on process", at(Sending),
			StepFailed{Step: StepProcess, Failure: Failure{Kind: KindReaderOffline, Code: "terminal_reader_offline"}, At: t0},
			Declined, nil, func(t *testing.T, s Session) { eq(t, s.Failure.Kind, KindReaderOffline) }},
		{"reader busy on process", at(Sending),
			StepFailed{Step: StepProcess, Failure: Failure{Kind: KindReaderBusy}, At: t0}, Declined, nil, nil},
		{"reader timeout may be a false negative: read first", at(Sending),
			StepFailed{Step: StepProcess, Failure: Failure{Kind: KindReaderTimeout}, At: t0},
			Unknown, []Effect{ReadStatus{ReaderID: reader, PaymentIntentID: pi, Wait: true}}, nil},
		{"timeout false negative resolves to awaiting", withFailure(at(Unknown), &Failure{Kind: KindReaderTimeout}),
			StatusRead{Intent: intent(IntentRequiresPaymentMethod), Reader: rdr(act(ActionInProgress, "")), At: t0},
			Awaiting, []Effect{ReadStatus{ReaderID: reader, PaymentIntentID: pi, Wait: true}},
			func(t *testing.T, s Session) { eq(t, s.ActionSince, t0) }},
		{"invalid state on process: read first", at(Sending),
			StepFailed{Step: StepProcess, Failure: Failure{Kind: KindInvalidState}, At: t0},
			Unknown, []Effect{ReadStatus{ReaderID: reader, PaymentIntentID: pi, Wait: true}}, nil},
		{"lost capture response: read, never capture blindly", at(Capturing),
			StepFailed{Step: StepCapture, Failure: Failure{Kind: KindNetwork}, At: t0},
			Unknown, []Effect{ReadStatus{ReaderID: reader, PaymentIntentID: pi, Wait: true}}, nil},
		{"lost capture resolves to paid", withFailure(at(Unknown), &Failure{Kind: KindNetwork}),
			StatusRead{Intent: intent(IntentSucceeded), Reader: rdr(nil), At: t0}, Paid, nil, nil},
		{"capture that did not happen resolves to approved; the next capture has a new key",
			withFailure(at(Unknown), &Failure{Kind: KindServer}),
			StatusRead{Intent: intent(IntentRequiresCapture), Reader: rdr(nil), At: t0}, Approved, nil, nil},
		{"cancel during authorization: busy, so wait and re-read", canceling(0),
			StepFailed{Step: StepCancelAction, Failure: Failure{Kind: KindReaderBusy}, At: t0},
			Unknown, []Effect{ReadStatus{ReaderID: reader, PaymentIntentID: pi, Wait: true}}, nil},
		{"reader offline on cancel: cancel the intent anyway", canceling(0),
			StepFailed{Step: StepCancelAction, Failure: Failure{Kind: KindReaderOffline}, At: t0},
			Canceling, []Effect{CancelIntent{PaymentIntentID: pi, Reason: "abandoned", Key: "till_ord_1_cancel_1"}}, nil},
		{"cancel intent failed: read", canceling(1),
			StepFailed{Step: StepCancelIntent, Failure: Failure{Kind: KindInvalidState}, At: t0},
			Unknown, []Effect{ReadStatus{ReaderID: reader, PaymentIntentID: pi, Wait: true}}, nil},
		{"poll failure keeps polling and counts", at(Awaiting),
			StepFailed{Step: StepRead, Failure: Failure{Kind: KindNetwork}, At: t0},
			Awaiting, []Effect{ReadStatus{ReaderID: reader, PaymentIntentID: pi, Wait: true}},
			func(t *testing.T, s Session) { eq(t, s.ReadFailures, 1); eq(t, s.ReadError.Kind, KindNetwork) }},
		{"check failure on a declined payment does not poll", at(Declined),
			StepFailed{Step: StepRead, Failure: Failure{Kind: KindNetwork}, At: t0}, Declined, nil, nil},
		{"a good read clears the read failures", func() Session { s := at(Awaiting); s.ReadFailures = 3; s.ReadError = &Failure{}; return s }(),
			StatusRead{Intent: intent(IntentRequiresPaymentMethod), Reader: rdr(act(ActionInProgress, "")), At: t0},
			Awaiting, []Effect{ReadStatus{ReaderID: reader, PaymentIntentID: pi, Wait: true}},
			func(t *testing.T, s Session) {
				eq(t, s.ReadFailures, 0)
				if s.ReadError != nil {
					t.Error("read error kept")
				}
			}},

		// Resuming after a restart.
		{"resume mid-send: the call may have happened, so check", at(Sending), Resumed{At: t0},
			Unknown, []Effect{ReadStatus{ReaderID: reader, PaymentIntentID: pi}}, nil},
		{"resume mid-create replays the create", at(Creating), Resumed{At: t0},
			Unknown, []Effect{CreateIntent{OrderID: "ord_1", ReaderID: reader, Amount: usd(1234), CaptureMethod: CaptureManual, Key: "till_ord_1_create", Replay: true}}, nil},
		{"resume mid-capture", at(Capturing), Resumed{At: t0},
			Unknown, []Effect{ReadStatus{ReaderID: reader, PaymentIntentID: pi}}, nil},
		{"resume awaiting checks first", at(Awaiting), Resumed{At: t0},
			Awaiting, []Effect{ReadStatus{ReaderID: reader, PaymentIntentID: pi}}, nil},
		{"resume approved checks the intent first", at(Approved), Resumed{At: t0},
			Approved, []Effect{ReadStatus{ReaderID: reader, PaymentIntentID: pi, IntentOnly: true}}, nil},
	}
	runTransitions(t, tests)
}

func TestApplyRefusesWhatDoesNotFit(t *testing.T) {
	tests := []struct {
		name string
		from Session
		ev   Event
	}{
		{"charge twice", at(Creating), ChargeRequested{OrderID: "o", Amount: usd(1), ReaderID: reader}},
		{"charge while paid", at(Paid), ChargeRequested{OrderID: "o", Amount: usd(1), ReaderID: reader}},
		{"capture before approval", at(Awaiting), CaptureRequested{}},
		{"capture twice", at(Capturing), CaptureRequested{}},
		{"capture a declined payment", at(Declined), CaptureRequested{}},
		{"retry while awaiting", at(Awaiting), RetryRequested{}},
		{"retry an approved payment", at(Approved), RetryRequested{}},
		{"retry a paid payment", at(Paid), RetryRequested{}},
		{"cancel a paid payment", at(Paid), CancelRequested{}},
		{"cancel while capturing", at(Capturing), CancelRequested{}},
		{"cancel while creating", at(Creating), CancelRequested{}},
		{"cancel while sending", at(Sending), CancelRequested{}},
		{"cancel an empty cart", at(Building), CancelRequested{}},
		{"check an empty cart", at(Building), CheckRequested{}},
		{"check while a call is in flight", at(Capturing), CheckRequested{}},
		{"check a finished payment", at(Canceled), CheckRequested{}},
		{"late poll after paid", at(Paid), StatusRead{Intent: intent(IntentSucceeded), Reader: rdr(nil)}},
		{"late poll while canceling", canceling(0), StatusRead{Intent: intent(IntentRequiresPaymentMethod), Reader: rdr(nil)}},
		{"read of another intent", at(Awaiting), StatusRead{Intent: &Intent{ID: "pi_other", Status: IntentSucceeded}, Reader: rdr(nil)}},
		{"status read without an intent", at(Awaiting), StatusRead{Reader: rdr(nil)}},
		{"intent created twice", at(Sending), IntentCreated{Intent: *intent(IntentRequiresPaymentMethod)}},
		{"process sent while awaiting", at(Awaiting), ProcessSent{}},
		{"captured while approved", at(Approved), Captured{Intent: *intent(IntentSucceeded)}},
		{"captured another intent", at(Capturing), Captured{Intent: Intent{ID: "pi_other", Status: IntentSucceeded}}},
		{"action canceled while awaiting", at(Awaiting), ActionCanceled{}},
		{"intent canceled while approved", at(Approved), PaymentCanceled{Intent: *intent(IntentCanceled)}},
		{"process failure while awaiting", at(Awaiting), StepFailed{Step: StepProcess, Failure: Failure{Kind: KindNetwork}}},
		{"capture failure while approved", at(Approved), StepFailed{Step: StepCapture, Failure: Failure{Kind: KindNetwork}}},
		{"create failure while awaiting", at(Awaiting), StepFailed{Step: StepCreate, Failure: Failure{Kind: KindNetwork}}},
		{"cancel failure while awaiting", at(Awaiting), StepFailed{Step: StepCancelIntent, Failure: Failure{Kind: KindNetwork}}},
		{"cancel action failure while declined", at(Declined), StepFailed{Step: StepCancelAction, Failure: Failure{Kind: KindNetwork}}},
		{"read failure while paid", at(Paid), StepFailed{Step: StepRead, Failure: Failure{Kind: KindNetwork}}},
		{"resume a paid payment", at(Paid), Resumed{}},
		{"resume an empty cart", at(Building), Resumed{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, effects, err := Apply(tt.from, tt.ev)
			var te *TransitionError
			if !errors.Is(err, ErrInvalidTransition) || !errors.As(err, &te) {
				t.Fatalf("err = %v, want ErrInvalidTransition", err)
			}
			if te.Phase != tt.from.Phase || te.Error() == "" {
				t.Fatalf("TransitionError = %+v", te)
			}
			if !reflect.DeepEqual(got, tt.from) || effects != nil {
				t.Fatalf("session or effects changed on a refused event")
			}
		})
	}
}

func TestChargeGuards(t *testing.T) {
	tests := []ChargeRequested{
		{Amount: usd(100), ReaderID: reader},
		{OrderID: "o", Amount: usd(0), ReaderID: reader},
		{OrderID: "o", Amount: usd(MaxAmount + 1), ReaderID: reader},
		{OrderID: "o", Amount: Money{100, "us"}, ReaderID: reader},
		{OrderID: "o", Amount: Money{100, "xyz"}, ReaderID: reader},
		{OrderID: "o", Amount: Money{12340, "kwd"}, ReaderID: reader}, // no Terminal reader takes KWD
		{OrderID: "o", Amount: usd(100)},
		{OrderID: "o", Amount: usd(100), ReaderID: reader, CaptureMethod: "later"},
	}
	for _, ev := range tests {
		got, effects, err := Apply(Session{}, ev)
		if !errors.Is(err, ErrBadCharge) || got.Phase != Building || effects != nil {
			t.Errorf("Apply(%+v) = %s, %v, %v; want ErrBadCharge and nothing done", ev, got.Phase, effects, err)
		}
	}
}

// A whole sale: decline, retry on the same intent, approve, capture. One intent, keys
// that never repeat for different steps.
func TestDeclineRetryCaptureUsesOneIntent(t *testing.T) {
	s := Session{}
	keys := map[string]bool{}
	step := func(e Event) []Effect {
		t.Helper()
		var effects []Effect
		var err error
		s, effects, err = Apply(s, e)
		if err != nil {
			t.Fatalf("%T: %v", e, err)
		}
		for _, eff := range effects {
			k := keyOf(eff)
			if k == "" {
				continue
			}
			if keys[k] {
				t.Fatalf("key %s used twice", k)
			}
			keys[k] = true
		}
		return effects
	}
	step(ChargeRequested{OrderID: "ord_1", Amount: usd(1234), ReaderID: reader, At: t0})
	step(IntentCreated{Intent: *intent(IntentRequiresPaymentMethod)})
	step(ProcessSent{Reader: *rdr(act(ActionInProgress, ""))})
	step(StatusRead{Intent: intent(IntentRequiresPaymentMethod), Reader: rdr(act(ActionFailed, "card_declined"))})
	eq(t, s.Phase, Declined)
	step(RetryRequested{})
	step(ProcessSent{Reader: *rdr(act(ActionInProgress, ""))})
	step(StatusRead{Intent: intent(IntentRequiresCapture), Reader: rdr(act(ActionSucceeded, ""))})
	eff := step(CaptureRequested{})
	eq(t, eff[0].(CaptureIntent).PaymentIntentID, pi)
	step(Captured{Intent: *intent(IntentSucceeded)})
	eq(t, s.Phase, Paid)
	eq(t, s.Attempts, 2)
	eq(t, len(keys), 4)
}

func TestExplainCoversEveryKind(t *testing.T) {
	kinds := []Kind{KindDeclined, KindCustomerCanceled, KindReaderBusy, KindReaderOffline, KindReaderTimeout,
		KindConnectionError, KindInvalidState, KindNotFound, KindAuth, KindRateLimit, KindInvalidRequest,
		KindNetwork, KindServer, KindInterrupted, KindNeedsRetry, KindStore, KindExpired, KindUnknown}
	seen := map[string]Kind{}
	for _, k := range kinds {
		msg := Explain(&Failure{Kind: k, Message: "m"})
		if msg == "" {
			t.Errorf("%s has no words", k)
		}
		if other, dup := seen[msg]; dup {
			t.Errorf("%s and %s say the same: %q", k, other, msg)
		}
		seen[msg] = k
		// Explain states what is known; only a caller that re-reads may say it does
		// (issue 11: one-shot commands promised a check and exited).
		if strings.Contains(strings.ToLower(msg), "checking") {
			t.Errorf("%s promises a check: %q", k, msg)
		}
	}
	if Explain(nil) != "" {
		t.Error("nil failure explained")
	}
	declines := map[string]string{
		"insufficient_funds": "insufficient funds", "expired_card": "expired", "call_issuer": "call their bank",
		"generic_decline": "Card declined", "lost_card": "card issuer", "incorrect_pin": "wrong PIN",
		"online_or_offline_pin_required": "PIN", "pin_try_exceeded": "too many", "withdrawal_count_limit_exceeded": "limit",
	}
	for code, want := range declines {
		if got := Explain(&Failure{Kind: KindDeclined, Code: "card_declined", DeclineCode: code}); !strings.Contains(got, want) {
			t.Errorf("decline %s: %q does not say %q", code, got, want)
		}
	}
}

func withFailure(s Session, f *Failure) Session { s.Failure = f; return s }

func canceling(cancels int) Session {
	s := at(Canceling)
	s.CancelReason, s.Cancels = "abandoned", cancels
	return s
}

func unknownNoIntent() Session {
	s := at(Creating)
	s.Phase = Unknown
	return s
}

// transitionCase is one row of a table of transitions: from a session, an event gives a
// phase and effects, and check looks at the rest.
type transitionCase struct {
	name        string
	from        Session
	ev          Event
	wantPhase   Phase
	wantEffects []Effect
	check       func(t *testing.T, s Session)
}

func runTransitions(t *testing.T, tests []transitionCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := transition(t, tt.from, tt.ev, tt.wantPhase, tt.wantEffects)
			if tt.check != nil {
				tt.check(t, got)
			}
		})
	}
}

// transition applies ev to from, which must give the phase and the effects.
func transition(t *testing.T, from Session, ev Event, phase Phase, effects []Effect) Session {
	t.Helper()
	got, gotEffects, err := Apply(from, ev)
	if err != nil {
		t.Fatalf("Apply: %v", err)
	}
	if got.Phase != phase {
		t.Fatalf("phase = %s, want %s (failure %v)", got.Phase, phase, got.Failure)
	}
	if !reflect.DeepEqual(gotEffects, effects) {
		t.Fatalf("effects = %#v\nwant      %#v", gotEffects, effects)
	}
	return got
}

func eq[T any](t *testing.T, got, want T) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestBackoff(t *testing.T) {
	s, m := time.Second, 10*time.Second
	for failures, want := range []time.Duration{s, 2 * s, 4 * s, 8 * s, m, m} {
		if got := Backoff(s, m, failures); got != want {
			t.Errorf("Backoff(%d) = %v, want %v", failures, got, want)
		}
	}
	if got := Backoff(s, m, 1000); got != m {
		t.Errorf("Backoff(1000) = %v", got)
	}
}

func TestPossiblyStuck(t *testing.T) {
	s := at(Awaiting)
	s.ActionSince = t0
	tests := []struct {
		s     Session
		after time.Duration
		want  bool
	}{
		{s, time.Minute, false},
		{s, 2*time.Minute + time.Second, true},
		{at(Approved), time.Hour, false},
		{at(Awaiting), time.Hour, false}, // no action seen yet
	}
	for i, tt := range tests {
		if got := tt.s.PossiblyStuck(t0.Add(tt.after), 2*time.Minute); got != tt.want {
			t.Errorf("case %d: PossiblyStuck = %v, want %v", i, got, tt.want)
		}
	}
	if s.PossiblyStuck(t0.Add(time.Hour), 0) {
		t.Error("a zero limit flags nothing")
	}
}
