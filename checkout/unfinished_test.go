package checkout

import (
	"strings"
	"testing"
)

func TestIntentUnfinished(t *testing.T) {
	declined := &Failure{Kind: KindDeclined, Code: "card_declined"}
	tests := []struct {
		status  IntentStatus
		lastErr *Failure
		want    bool
	}{
		{IntentRequiresCapture, nil, true},
		{IntentRequiresConfirmation, nil, true},
		{IntentProcessing, nil, true},
		{IntentRequiresPaymentMethod, declined, true},
		{IntentRequiresPaymentMethod, nil, false}, // never attempted: nobody needs to act
		{IntentRequiresAction, nil, false},
		{IntentSucceeded, nil, false},
		{IntentCanceled, declined, false},
	}
	for _, tt := range tests {
		in := Intent{ID: pi, Status: tt.status, LastError: tt.lastErr}
		if got := in.Unfinished(); got != tt.want {
			t.Errorf("%s (last error %v): Unfinished() = %v, want %v", tt.status, tt.lastErr != nil, got, tt.want)
		}
	}
}

func TestAdvise(t *testing.T) {
	in := func(st IntentStatus) Intent {
		return Intent{ID: pi, Status: st, OrderID: "ord_1", Amount: usd(1234)}
	}
	withErr := func(i Intent) Intent { i.LastError = &Failure{Kind: KindDeclined}; return i }
	interacIn := in(IntentRequiresCapture)
	interacIn.Card = Card{Brand: "interac", Last4: "1933"}
	sess := func(p Phase, mod func(*Session)) *Session {
		s := at(p)
		if mod != nil {
			mod(&s)
		}
		return &s
	}
	otherPI := func(s *Session) { s.PaymentIntentID = "pi_other" }
	busyReader := func(s *Session) { s.Failure = &Failure{Kind: KindReaderBusy, Code: "terminal_reader_busy"} }
	authorized := func(s *Session) { s.IntentStatus = IntentRequiresCapture }
	cancelAsked := func(s *Session) { s.IntentStatus, s.CancelReason = IntentRequiresCapture, "abandoned" }
	paidSibling := []Intent{{ID: "pi_cash", Status: IntentSucceeded, OrderID: "ord_1"}}
	failedSibling := []Intent{{ID: "pi_old", Status: IntentCanceled, OrderID: "ord_1"}}
	otherOrderPaid := []Intent{{ID: "pi_x", Status: IntentSucceeded, OrderID: "ord_2"}}

	tests := []struct {
		name       string
		in         Intent
		session    *Session
		siblings   []Intent
		wantAction string
		wantWords  string // in the reason
	}{
		{"approved order: capture", in(IntentRequiresCapture), sess(Approved, nil), nil, AdviseCapture, "capture it"},
		{"capture lost after approval: capture", in(IntentRequiresCapture), sess(Capturing, nil), nil, AdviseCapture, "completed"},
		{"session paid but intent uncaptured: capture", in(IntentRequiresCapture), sess(Paid, nil), failedSibling, AdviseCapture, "no other payment"},
		{"unknown after authorization: capture", in(IntentRequiresCapture), sess(Unknown, authorized), nil, AdviseCapture, "completed"},
		{"unknown after a cancel was asked: cancel", in(IntentRequiresCapture), sess(Unknown, cancelAsked), nil, AdviseCancel, "cashier canceled"},
		{"unknown before authorization: cancel", in(IntentRequiresCapture), sess(Unknown, nil), nil, AdviseCancel, "not tied"},
		{"approved but another payment succeeded: duplicate", in(IntentRequiresCapture), sess(Approved, nil), paidSibling, AdviseCancel, "duplicate"},
		{"another order's success does not count", in(IntentRequiresCapture), sess(Approved, nil), otherOrderPaid, AdviseCapture, "capture"},
		{"authorized while the till still awaits: wait for it", in(IntentRequiresCapture), sess(Awaiting, nil), nil, "", "next check"},
		{"authorized while awaiting, another paid: duplicate", in(IntentRequiresCapture), sess(Awaiting, nil), paidSibling, AdviseCancel, "duplicate"},
		{"no session on this till: cancel", in(IntentRequiresCapture), nil, nil, AdviseCancel, "not tied"},
		{"session with another intent: cancel", in(IntentRequiresCapture), sess(Approved, otherPI), nil, AdviseCancel, "not tied"},
		{"session canceled: cancel", in(IntentRequiresCapture), sess(Canceled, nil), nil, AdviseCancel, "release"},
		{"declined, session still open: wait", withErr(in(IntentRequiresPaymentMethod)), sess(Declined, nil), nil, "", "still open"},
		{"a busy reader, session still open: not called declined", withErr(in(IntentRequiresPaymentMethod)), sess(Declined, busyReader), nil, "", "open on this till (not completed: reader busy)"},
		{"an open order: carry it on or cancel it", withErr(in(IntentRequiresPaymentMethod)), sess(Awaiting, nil), nil, "", "carry it on (the cashier's screen, or till pay --order ord_1) or cancel it"},
		{"awaiting a card: wait", withErr(in(IntentRequiresPaymentMethod)), sess(Awaiting, nil), nil, "", "still open"},
		{"declined, no session: cancel abandoned", withErr(in(IntentRequiresPaymentMethod)), nil, nil, AdviseCancel, "abandoned"},
		{"declined, session moved on: cancel", withErr(in(IntentRequiresPaymentMethod)), sess(Declined, otherPI), nil, AdviseCancel, "abandoned"},
		{"declined while another succeeded: duplicate", withErr(in(IntentRequiresPaymentMethod)), sess(Declined, nil), paidSibling, AdviseCancel, "pi_cash"},
		{"requires_confirmation, session open: wait", in(IntentRequiresConfirmation), sess(Declined, nil), nil, "", "still open"},
		{"requires_confirmation, no session: cancel", in(IntentRequiresConfirmation), nil, nil, AdviseCancel, "abandoned"},
		{"processing: wait", in(IntentProcessing), nil, nil, "", "being authorized"},
		{"succeeded: nothing", in(IntentSucceeded), sess(Paid, nil), nil, "", "succeeded"},
		{"canceled: nothing", in(IntentCanceled), nil, paidSibling, "", "canceled"},
		{"interac: never captured by till", interacIn, sess(Approved, nil), nil, "", "Interac"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Advise(tt.in, tt.session, tt.siblings)
			if got.Action != tt.wantAction || !strings.Contains(got.Reason, tt.wantWords) {
				t.Fatalf("Advise = %+v, want action %q and a reason with %q", got, tt.wantAction, tt.wantWords)
			}
		})
	}
}

// A cancel advice names the reason to send Stripe: duplicate when another payment of
// the order succeeded, else abandoned.
func TestAdviseCancelReason(t *testing.T) {
	auth := Intent{ID: "pi_a", OrderID: "o", Status: IntentRequiresCapture}
	paid := Intent{ID: "pi_b", OrderID: "o", Status: IntentSucceeded}
	if got := Advise(auth, nil, []Intent{auth, paid}); got.Action != AdviseCancel || got.CancelReason != ReasonDuplicate {
		t.Errorf("with a paid sibling: %+v", got)
	}
	if got := Advise(auth, nil, nil); got.Action != AdviseCancel || got.CancelReason != ReasonAbandoned {
		t.Errorf("alone: %+v", got)
	}
	if got := Advise(paid, nil, nil); got.CancelReason != "" {
		t.Errorf("nothing to cancel: %+v", got)
	}
}
