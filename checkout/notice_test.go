package checkout

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"
)

func inNotice(st IntentStatus) Notified {
	return Notified{Type: "payment_intent.x", Intent: intent(st), At: t0}
}

func failedIntent() Notified {
	in := intent(IntentRequiresPaymentMethod)
	in.LastError = &Failure{Kind: KindDeclined, Code: "card_declined"}
	return Notified{Type: "payment_intent.payment_failed", Intent: in, At: t0}
}

func readerNoticeOf(a *ReaderAction) Notified {
	return Notified{Type: "terminal.reader.action_x", Reader: rdr(a), At: t0}
}

func cardNotice(last4 string) Notified {
	return Notified{Type: "charge.succeeded", Charge: &Charge{PaymentIntentID: pi, Card: Card{Brand: "visa", Last4: last4}}, At: t0}
}

func authorized(p Phase) Session {
	s := at(p)
	s.IntentStatus = IntentRequiresCapture
	return s
}

func TestNoticesThatMoveThePayment(t *testing.T) {
	succeeded := rdr(act(ActionSucceeded, ""))
	read := ReadStatus{ReaderID: reader, PaymentIntentID: pi}
	tests := []struct {
		name        string
		from        Session
		ev          Notified
		wantPhase   Phase
		wantEffects []Effect
	}{
		{"authorized while awaiting: approved at once", at(Awaiting), inNotice(IntentRequiresCapture), Approved, nil},
		{"succeeded while awaiting (automatic capture)", at(Awaiting), inNotice(IntentSucceeded), Paid, nil},
		{"canceled elsewhere while awaiting", at(Awaiting), inNotice(IntentCanceled), Canceled, nil},
		{"authorized before the process call returned", at(Sending), inNotice(IntentRequiresCapture), Approved, nil},
		{"authorized after a connection_error decline", at(Declined), inNotice(IntentRequiresCapture), Approved, nil},
		{"settles an unknown outcome", at(Unknown), inNotice(IntentSucceeded), Paid, nil},
		{"an approved payment captured elsewhere", authorized(Approved), inNotice(IntentSucceeded), Paid, nil},
		{"capture's answer overtaken", authorized(Capturing), inNotice(IntentSucceeded), Paid, nil},
		{"cancel's answer overtaken", at(Canceling), inNotice(IntentCanceled), Canceled, nil},
		{"a failed payment: read both at once", at(Awaiting), failedIntent(), Awaiting, []Effect{read}},
		{"requires_action: read both at once", at(Awaiting), inNotice(IntentRequiresAction), Awaiting, []Effect{read}},
		{"the reader's action succeeded: read only the intent", at(Awaiting), readerNoticeOf(act(ActionSucceeded, "")),
			Awaiting, []Effect{ReadStatus{ReaderID: reader, PaymentIntentID: pi, Known: succeeded}}},
		{"the reader's action failed: read both at once", at(Awaiting), readerNoticeOf(act(ActionFailed, "card_declined")),
			Awaiting, []Effect{read}},
		{"a failure while sending: read when the reader has it", at(Sending), readerNoticeOf(act(ActionFailed, "customer_canceled")),
			Sending, nil},
		{"the card, while awaiting: keep polling", at(Awaiting), cardNotice("4242"),
			Awaiting, []Effect{ReadStatus{ReaderID: reader, PaymentIntentID: pi, Wait: true}}},
		{"the card, after approval", authorized(Approved), cardNotice("4242"), Approved, nil},
		{"the card, after an automatic capture", at(Paid), cardNotice("4242"), Paid, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { transition(t, tt.from, tt.ev, tt.wantPhase, tt.wantEffects) })
	}
}

func TestNoticesThatChangeNothing(t *testing.T) {
	other := intent(IntentRequiresCapture)
	other.ID = "pi_other"
	otherReader := rdr(act(ActionFailed, "card_declined"))
	otherReader.ID = "tmr_other"
	recheck := at(Sending)
	recheck.Recheck = true
	tests := []struct {
		name string
		from Session
		ev   Notified
	}{
		{"a duplicate of what is known", authorized(Approved), inNotice(IntentRequiresCapture)},
		{"authorized after paid (out of order)", at(Paid), inNotice(IntentRequiresCapture)},
		{"created after approved (out of order)", authorized(Approved), inNotice(IntentRequiresPaymentMethod)},
		{"created while awaiting: no news", at(Awaiting), inNotice(IntentRequiresPaymentMethod)},
		{"processing while awaiting: no news", at(Awaiting), inNotice(IntentProcessing)},
		{"an old failure after approval", authorized(Approved), failedIntent()},
		{"an old failure after a decline", at(Declined), failedIntent()},
		{"an old failure on a finished payment", at(Canceled), failedIntent()},
		{"authorized while capturing: the capture answers", authorized(Capturing), inNotice(IntentRequiresCapture)},
		{"authorized while canceling: the cancel goes on", at(Canceling), inNotice(IntentRequiresCapture)},
		{"another payment's intent", at(Awaiting), Notified{Intent: other, At: t0}},
		{"before the intent exists", at(Creating), inNotice(IntentRequiresCapture)},
		{"the cart", at(Building), inNotice(IntentSucceeded)},
		{"an action still in progress (action_updated)", at(Awaiting), readerNoticeOf(act(ActionInProgress, ""))},
		{"the reader on another payment", at(Awaiting), readerNoticeOf(&ReaderAction{Status: ActionFailed, PaymentIntentID: "pi_other"})},
		{"another reader", at(Awaiting), Notified{Reader: otherReader, At: t0}},
		{"a reader notice after approval", authorized(Approved), readerNoticeOf(act(ActionSucceeded, ""))},
		{"a second failure while sending", recheck, readerNoticeOf(act(ActionFailed, "customer_canceled"))},
		{"a notice with nothing in it", at(Awaiting), Notified{At: t0}},
		{"the card already known", func() Session { s := at(Approved); s.Card = Card{"visa", "4242"}; return s }(), cardNotice("4242")},
		{"another payment's card", at(Awaiting), Notified{Charge: &Charge{PaymentIntentID: "pi_other", Card: Card{"visa", "4242"}}, At: t0}},
		{"a charge without a card", at(Awaiting), cardNotice("")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, effects, err := Apply(tt.from, tt.ev)
			if !errors.Is(err, ErrInvalidTransition) {
				t.Fatalf("err = %v, want ErrInvalidTransition", err)
			}
			if !reflect.DeepEqual(got, tt.from) || effects != nil {
				t.Fatalf("changed: %+v %v", got, effects)
			}
		})
	}
}

// A webhook that arrives while the process call is still out: an authorization moves
// the payment on, and the process call's answer no longer applies; a failure waits for
// that answer and then reads at once.
func TestNoticeBeforeTheProcessCallReturns(t *testing.T) {
	s, _, err := Apply(at(Sending), inNotice(IntentRequiresCapture))
	if err != nil || s.Phase != Approved {
		t.Fatalf("%v %s", err, s.Phase)
	}
	if _, _, err := Apply(s, ProcessSent{Reader: *rdr(act(ActionInProgress, "")), At: t0}); !errors.Is(err, ErrInvalidTransition) {
		t.Fatalf("the late process answer applied: %v", err)
	}
	if _, _, err := Apply(s, StepFailed{Step: StepProcess, Failure: Failure{Kind: KindNetwork}, At: t0}); !errors.Is(err, ErrInvalidTransition) {
		t.Fatalf("a late process failure applied: %v", err)
	}

	s, _, err = Apply(at(Sending), readerNoticeOf(act(ActionFailed, "customer_canceled")))
	if err != nil || !s.Recheck {
		t.Fatalf("%v %+v", err, s)
	}
	s, effects, err := Apply(s, ProcessSent{Reader: *rdr(act(ActionInProgress, "")), At: t0})
	want := []Effect{ReadStatus{ReaderID: reader, PaymentIntentID: pi}}
	if err != nil || s.Phase != Awaiting || s.Recheck || !reflect.DeepEqual(effects, want) {
		t.Fatalf("%v %s recheck=%v %#v", err, s.Phase, s.Recheck, effects)
	}
}

// Every order of a manual payment's events — an earlier attempt's failure among them —
// moves the payment only forwards and ends approved, with the amount the
// authorization's event gave; late events after the capture change nothing.
func TestNoticesInAnyOrderNeverMoveBackwards(t *testing.T) {
	capturable := inNotice(IntentRequiresCapture)
	capturable.Intent.AmountCapturable = 1500 // a tip on the reader
	events := []Notified{inNotice(IntentRequiresPaymentMethod), failedIntent(), capturable, readerNoticeOf(act(ActionSucceeded, "")), cardNotice("4242")}
	// The events are late: by the time till reads, Stripe has the authorization.
	stripeNow := *capturable.Intent
	rank := map[Phase]int{Awaiting: 0, Approved: 1, Paid: 2}
	for _, order := range permutations(len(events)) {
		s := at(Awaiting)
		for _, i := range order {
			next, effects, err := Apply(s, events[i])
			if err != nil {
				continue
			}
			for _, eff := range effects {
				rs := eff.(ReadStatus)
				if rs.Wait {
					continue // a poll: it waits, and the next event comes first
				}
				r := rs.Known
				if r == nil {
					r = rdr(act(ActionSucceeded, ""))
				}
				next, _, _ = Apply(next, StatusRead{Intent: &stripeNow, Reader: r, At: t0})
			}
			if rank[next.Phase] < rank[s.Phase] {
				t.Fatalf("order %v: %s went back to %s on %s", order, s.Phase, next.Phase, events[i].Type)
			}
			s = next
		}
		if s.Phase != Approved || s.capturable() != 1500 || s.Card.Last4 != "4242" {
			t.Fatalf("order %v ended %s, capturable %d, card %v", order, s.Phase, s.capturable(), s.Card)
		}
		s, effects, _ := Apply(s, CaptureRequested{At: t0})
		if c := effects[0].(CaptureIntent); c.Capturable != 1500 {
			t.Fatalf("capture of %d", c.Capturable)
		}
		s, _, _ = Apply(s, Captured{Intent: *intent(IntentSucceeded), At: t0})
		for _, ev := range append(events, inNotice(IntentSucceeded)) {
			if next, _, err := Apply(s, ev); err == nil && next.Phase != Paid {
				t.Fatalf("a late %s moved a paid payment to %s", ev.Type, next.Phase)
			}
		}
	}
}

// The failure of the first attempt, arriving while the retry waits for a card, does not
// decline the retry: it only makes till read, and the read says the reader is waiting.
func TestALateFailureOfAnEarlierAttempt(t *testing.T) {
	retry := at(Awaiting)
	retry.Attempts = 2
	for _, ev := range []Notified{failedIntent(), readerNoticeOf(act(ActionFailed, "card_declined"))} {
		s, effects, err := Apply(retry, ev)
		if err != nil || len(effects) != 1 {
			t.Fatalf("%s: %v %v", ev.Type, err, effects)
		}
		rs := effects[0].(ReadStatus)
		if rs.Known != nil || rs.Wait {
			t.Fatalf("%s: a failure must read the reader afresh, at once: %+v", ev.Type, rs)
		}
		s, _, _ = Apply(s, StatusRead{Intent: intent(IntentRequiresPaymentMethod), Reader: rdr(act(ActionInProgress, "")), At: t0})
		if s.Phase != Awaiting {
			t.Fatalf("%s: the retry became %s", ev.Type, s.Phase)
		}
	}
}

func permutations(n int) [][]int {
	if n == 1 {
		return [][]int{{0}}
	}
	var out [][]int
	for _, p := range permutations(n - 1) {
		for i := 0; i <= len(p); i++ {
			q := append(append(append([]int{}, p[:i]...), n-1), p[i:]...)
			out = append(out, q)
		}
	}
	return out
}

// A read with the reader known from a webhook reads only the intent: one call.
func TestPerformReadsOnlyTheIntentWhenTheReaderIsKnown(t *testing.T) {
	g := &fakeGateway{intent: *intent(IntentRequiresCapture), reader: *rdr(nil)}
	known := rdr(act(ActionSucceeded, ""))
	ev := Perform(context.Background(), g, ReadStatus{ReaderID: reader, PaymentIntentID: pi, Known: known}, func() time.Time { return t0 })
	if !reflect.DeepEqual(g.calls, []string{"read_intent " + pi}) {
		t.Fatalf("calls %v", g.calls)
	}
	read, ok := ev.(StatusRead)
	if !ok || read.Reader != known || read.Intent.Status != IntentRequiresCapture {
		t.Fatalf("%#v", ev)
	}
}
