package checkout

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

const rid = "rf_1"

// paid is a captured payment of 12.34 with refunded already refunded.
func paid(refunded int64) Intent {
	return Intent{ID: pi, Status: IntentSucceeded, Amount: usd(1234), AmountReceived: 1234, AmountRefunded: refunded,
		OrderID: "ord_1", Card: Card{"visa", "4242"}}
}

func interacPaid() Intent {
	in := paid(0)
	in.Amount.Currency, in.Card = "cad", Card{"interac", "1933"}
	return in
}

// refundAt builds a card refund of 5.00 in a phase.
func refundAt(p RefundPhase) Refund {
	r := Refund{ID: rid, OrderID: "ord_1", PaymentIntentID: pi, Amount: usd(500), Phase: p, StartedAt: t0}
	if p == RefundPending || p == RefundSucceeded {
		r.StripeID = "re_1"
	}
	return r
}

// inPersonAt builds an in-person (Interac) refund of CA$5.00 in a phase.
func inPersonAt(p RefundPhase) Refund {
	r := refundAt(p)
	r.Amount.Currency, r.InPerson, r.ReaderID, r.Attempts = "cad", true, reader, 1
	return r
}

func stripeRefund(st RefundStatus, reason string) *StripeRefund {
	return &StripeRefund{ID: "re_1", Amount: usd(500), Status: st, FailureReason: reason, PaymentIntentID: pi, TillRefundID: rid}
}

func refundAct(st ActionStatus, code string) *Reader {
	return rdr(&ReaderAction{Type: ActionRefundPayment, Status: st, TillRefundID: rid, FailureCode: code})
}

func TestApplyRefundTransitions(t *testing.T) {
	cardRead := ReadRefund{RefundID: rid, PaymentIntentID: pi, Wait: true}
	readerRead := ReadRefund{RefundID: rid, PaymentIntentID: pi, ReaderID: reader, Wait: true}
	tests := []struct {
		name        string
		from        Refund
		ev          Event
		wantPhase   RefundPhase
		wantEffects []Effect
		check       func(t *testing.T, r Refund)
	}{
		{"a card refund is created under the refund's key", Refund{},
			RefundRequested{RefundID: rid, Payment: paid(0), Amount: usd(500), Reason: "requested_by_customer", At: t0},
			RefundCreating, []Effect{CreateRefund{RefundID: rid, OrderID: "ord_1", PaymentIntentID: pi, Amount: usd(500), Reason: "requested_by_customer", Key: "tillrf_rf_1_create"}},
			func(t *testing.T, r Refund) { eq(t, r.Card, Card{"visa", "4242"}); eq(t, r.StartedAt, t0) }},
		{"no amount refunds what is left", Refund{},
			RefundRequested{RefundID: rid, Payment: paid(234), At: t0},
			RefundCreating, []Effect{CreateRefund{RefundID: rid, OrderID: "ord_1", PaymentIntentID: pi, Amount: usd(1000), Key: "tillrf_rf_1_create"}}, nil},
		{"the rest exactly is allowed", Refund{},
			RefundRequested{RefundID: rid, Payment: paid(734), Amount: usd(500), At: t0},
			RefundCreating, []Effect{CreateRefund{RefundID: rid, OrderID: "ord_1", PaymentIntentID: pi, Amount: usd(500), Key: "tillrf_rf_1_create"}}, nil},
		{"a payment without order journals under its id", Refund{},
			RefundRequested{RefundID: rid, Payment: func() Intent { in := paid(0); in.OrderID = ""; return in }(), At: t0},
			RefundCreating, []Effect{CreateRefund{RefundID: rid, OrderID: pi, PaymentIntentID: pi, Amount: usd(1234), Key: "tillrf_rf_1_create"}}, nil},
		{"Interac is refunded on the reader", Refund{},
			RefundRequested{RefundID: rid, Payment: interacPaid(), Amount: Money{500, "cad"}, ReaderID: reader, At: t0},
			RefundSending, []Effect{RefundOnReader{RefundID: rid, OrderID: "ord_1", PaymentIntentID: pi, ReaderID: reader, Amount: Money{500, "cad"}, Key: "tillrf_rf_1_reader_1"}},
			func(t *testing.T, r Refund) { eq(t, r.InPerson, true); eq(t, r.Attempts, 1) }},

		{"created and succeeded", refundAt(RefundCreating),
			RefundCreated{Refund: *stripeRefund(RefundStatusSucceeded, ""), At: t0}, RefundSucceeded, nil,
			func(t *testing.T, r Refund) { eq(t, r.StripeID, "re_1"); eq(t, r.Status, RefundStatusSucceeded) }},
		{"created pending is followed", refundAt(RefundCreating),
			RefundCreated{Refund: *stripeRefund(RefundStatusPending, ""), At: t0}, RefundPending,
			[]Effect{ReadRefund{RefundID: rid, PaymentIntentID: pi, StripeID: "re_1", Wait: true}}, nil},
		{"pending then failed with Stripe's reason", refundAt(RefundPending),
			RefundRead{Refund: stripeRefund(RefundStatusFailed, "expired_or_canceled_card"), At: t0}, RefundFailed, nil,
			func(t *testing.T, r Refund) { eq(t, r.FailureReason, "expired_or_canceled_card") }},
		{"pending then succeeded", refundAt(RefundPending),
			RefundRead{Refund: stripeRefund(RefundStatusSucceeded, ""), At: t0}, RefundSucceeded, nil, nil},
		{"a succeeded refund read again as failed is failed", refundAt(RefundSucceeded),
			RefundRead{Refund: stripeRefund(RefundStatusFailed, "expired_or_canceled_card"), At: t0}, RefundFailed, nil, nil},
		{"an unexpected status re-reads", refundAt(RefundCreating),
			RefundCreated{Refund: *stripeRefund("weird", ""), At: t0}, RefundUnknown,
			[]Effect{ReadRefund{RefundID: rid, PaymentIntentID: pi, StripeID: "re_1", Wait: true}}, nil},

		{"a refused create is failed, nothing refunded", refundAt(RefundCreating),
			StepFailed{Step: StepRefund, Failure: Failure{Kind: KindInvalidRequest, Code: "amount_too_large"}, At: t0}, RefundFailed, nil,
			func(t *testing.T, r Refund) { eq(t, r.Failure.Code, "amount_too_large") }},
		{"an ambiguous create re-reads, never creates blindly", refundAt(RefundCreating),
			StepFailed{Step: StepRefund, Failure: Failure{Kind: KindNetwork}, At: t0}, RefundUnknown, []Effect{cardRead}, nil},
		{"unknown and found: adopted", refundAt(RefundUnknown),
			RefundRead{Refund: stripeRefund(RefundStatusSucceeded, ""), At: t0}, RefundSucceeded, nil, nil},
		{"unknown and not found: created again under the same key", refundAt(RefundUnknown),
			RefundRead{At: t0}, RefundCreating,
			[]Effect{CreateRefund{RefundID: rid, OrderID: "ord_1", PaymentIntentID: pi, Amount: usd(500), Key: "tillrf_rf_1_create"}}, nil},
		{"a replayed create answering is adopted", refundAt(RefundUnknown),
			RefundCreated{Refund: *stripeRefund(RefundStatusSucceeded, ""), At: t0}, RefundSucceeded, nil, nil},
		{"a failed read keeps polling", refundAt(RefundUnknown),
			StepFailed{Step: StepReadRefund, Failure: Failure{Kind: KindNetwork}, At: t0}, RefundUnknown, []Effect{cardRead},
			func(t *testing.T, r Refund) { eq(t, r.ReadFailures, 1) }},
		{"a failed read of a succeeded refund changes nothing", refundAt(RefundSucceeded),
			StepFailed{Step: StepReadRefund, Failure: Failure{Kind: KindNetwork}, At: t0}, RefundSucceeded, nil, nil},
		{"resume in flight becomes unknown and checks", refundAt(RefundCreating),
			Resumed{At: t0}, RefundUnknown, []Effect{ReadRefund{RefundID: rid, PaymentIntentID: pi}}, nil},
		{"resume while pending checks", refundAt(RefundPending),
			Resumed{At: t0}, RefundPending, []Effect{ReadRefund{RefundID: rid, PaymentIntentID: pi, StripeID: "re_1"}}, nil},
		{"a succeeded refund can be checked again", refundAt(RefundSucceeded),
			CheckRequested{At: t0}, RefundSucceeded, []Effect{ReadRefund{RefundID: rid, PaymentIntentID: pi, StripeID: "re_1"}}, nil},

		{"the reader took the refund: wait for the card", inPersonAt(RefundSending),
			RefundSent{Reader: *refundAct(ActionInProgress, ""), At: t0}, RefundAwaiting, []Effect{readerRead},
			func(t *testing.T, r Refund) { eq(t, r.ActionSince, t0); eq(t, r.Action.Status, ActionInProgress) }},
		{"waiting keeps polling", inPersonAt(RefundAwaiting),
			RefundRead{Reader: refundAct(ActionInProgress, ""), At: t0}, RefundAwaiting, []Effect{readerRead}, nil},
		{"card presented: the refund is found", inPersonAt(RefundAwaiting),
			RefundRead{Refund: stripeRefund(RefundStatusSucceeded, ""), Reader: refundAct(ActionSucceeded, ""), At: t0}, RefundSucceeded, nil, nil},
		{"action succeeded but the refund is not listed yet", inPersonAt(RefundAwaiting),
			RefundRead{Reader: refundAct(ActionSucceeded, ""), At: t0}, RefundUnknown, []Effect{readerRead}, nil},
		{"the customer cancels on the reader", inPersonAt(RefundAwaiting),
			RefundRead{Reader: refundAct(ActionFailed, "customer_canceled"), At: t0}, RefundDeclined, nil,
			func(t *testing.T, r Refund) { eq(t, r.Failure.Kind, KindCustomerCanceled) }},
		{"connection_error but the refund went through", inPersonAt(RefundAwaiting),
			RefundRead{Refund: stripeRefund(RefundStatusSucceeded, ""), Reader: refundAct(ActionFailed, "connection_error"), At: t0}, RefundSucceeded, nil, nil},
		{"the reader dropped the refund", inPersonAt(RefundAwaiting),
			RefundRead{Reader: rdr(&ReaderAction{Type: "process_payment_intent", Status: ActionInProgress, PaymentIntentID: "pi_other"}), At: t0},
			RefundDeclined, nil, func(t *testing.T, r Refund) { eq(t, r.Failure.Kind, KindInterrupted) }},
		{"another refund's action is not ours", inPersonAt(RefundAwaiting),
			RefundRead{Reader: rdr(&ReaderAction{Type: ActionRefundPayment, Status: ActionInProgress, TillRefundID: "rf_other"}), At: t0},
			RefundDeclined, nil, nil},
		{"retry sends again under a new key", func() Refund {
			r := inPersonAt(RefundDeclined)
			r.Failure = &Failure{Kind: KindCustomerCanceled}
			return r
		}(),
			RetryRequested{At: t0}, RefundSending,
			[]Effect{RefundOnReader{RefundID: rid, OrderID: "ord_1", PaymentIntentID: pi, ReaderID: reader, Amount: Money{500, "cad"}, Key: "tillrf_rf_1_reader_2"}},
			func(t *testing.T, r Refund) { eq(t, r.Attempts, 2); eq(t, r.Failure, (*Failure)(nil)) }},
		{"retry on another reader, taking it over", inPersonAt(RefundDeclined),
			RetryRequested{ReaderID: "tmr_2", TakeOver: true, At: t0}, RefundSending,
			[]Effect{RefundOnReader{RefundID: rid, OrderID: "ord_1", PaymentIntentID: pi, ReaderID: "tmr_2", Amount: Money{500, "cad"}, Key: "tillrf_rf_1_reader_2", TakeOver: true}}, nil},
		{"a reader busy elsewhere: declined, nothing sent", inPersonAt(RefundSending),
			StepFailed{Step: StepRefundOnReader, Failure: Failure{Kind: KindReaderBusy, Code: CodeReaderInUse, Message: "pi_9"}, At: t0}, RefundDeclined, nil, nil},
		{"the reader refused the refund itself: failed", inPersonAt(RefundSending),
			StepFailed{Step: StepRefundOnReader, Failure: Failure{Kind: KindInvalidRequest, Code: "charge_already_refunded"}, At: t0}, RefundFailed, nil, nil},
		{"a reader timeout re-reads the reader and the refunds", inPersonAt(RefundSending),
			StepFailed{Step: StepRefundOnReader, Failure: Failure{Kind: KindReaderTimeout}, At: t0}, RefundUnknown, []Effect{readerRead}, nil},
		{"unknown in person and the reader waits: awaiting", inPersonAt(RefundUnknown),
			RefundRead{Reader: refundAct(ActionInProgress, ""), At: t0}, RefundAwaiting, []Effect{readerRead},
			func(t *testing.T, r Refund) { eq(t, r.ActionSince, t0) }},
		{"unknown in person and the command never arrived", inPersonAt(RefundUnknown),
			RefundRead{Reader: rdr(nil), At: t0}, RefundDeclined, nil, func(t *testing.T, r Refund) { eq(t, r.Failure.Kind, KindInterrupted) }},

		{"cancel while waiting cancels our action", inPersonAt(RefundAwaiting),
			CancelRequested{At: t0}, RefundCanceling, []Effect{CancelRefundOnReader{ReaderID: reader, RefundID: rid}}, nil},
		{"after the cancel, read before saying nothing was refunded", inPersonAt(RefundCanceling),
			RefundActionCanceled{Reader: *rdr(nil), At: t0}, RefundCanceling, []Effect{ReadRefund{RefundID: rid, PaymentIntentID: pi, ReaderID: reader}}, nil},
		{"canceled: no refund, no action", inPersonAt(RefundCanceling),
			RefundRead{Reader: rdr(nil), At: t0}, RefundCanceled, nil, nil},
		{"canceled too late: the customer had presented the card", inPersonAt(RefundCanceling),
			RefundRead{Refund: stripeRefund(RefundStatusSucceeded, ""), Reader: refundAct(ActionSucceeded, ""), At: t0}, RefundSucceeded, nil, nil},
		{"a busy reader during the cancel re-reads", inPersonAt(RefundCanceling),
			StepFailed{Step: StepCancelRefundAction, Failure: Failure{Kind: KindReaderBusy}, At: t0}, RefundUnknown, []Effect{readerRead}, nil},
		{"cancel after a decline ends it", inPersonAt(RefundDeclined),
			CancelRequested{At: t0}, RefundCanceled, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := applyRefundWants(t, tt.from, tt.ev, tt.wantPhase, tt.wantEffects)
			if tt.check != nil {
				tt.check(t, got)
			}
		})
	}
}

// applyRefundWants applies ev to from and checks the phase and effects it leads to.
func applyRefundWants(t *testing.T, from Refund, ev Event, wantPhase RefundPhase, wantEffects []Effect) Refund {
	t.Helper()
	got, effects, err := ApplyRefund(from, ev)
	if err != nil {
		t.Fatalf("ApplyRefund: %v", err)
	}
	if got.Phase != wantPhase {
		t.Errorf("phase = %s, want %s (failure %+v)", got.Phase, wantPhase, got.Failure)
	}
	if !reflect.DeepEqual(effects, wantEffects) {
		t.Errorf("effects = %#v\nwant      %#v", effects, wantEffects)
	}
	return got
}

func TestRefundRequestRefusals(t *testing.T) {
	uncaptured := paid(0)
	uncaptured.Status = IntentRequiresCapture
	tests := []struct {
		name string
		ev   RefundRequested
		want string
	}{
		{"more than is left", RefundRequested{RefundID: rid, Payment: paid(1000), Amount: usd(235)}, "only $2.34 is left to refund of $12.34"},
		{"a third refund of a refunded payment", RefundRequested{RefundID: rid, Payment: paid(1234)}, "already refunded in full"},
		{"uncaptured", RefundRequested{RefundID: rid, Payment: uncaptured}, "cancel it"},
		{"not paid", RefundRequested{RefundID: rid, Payment: *intent(IntentCanceled)}, "nothing to refund"},
		{"another currency", RefundRequested{RefundID: rid, Payment: paid(0), Amount: Money{100, "eur"}}, "in USD, not EUR"},
		{"a reason Stripe does not take", RefundRequested{RefundID: rid, Payment: paid(0), Reason: "changed_mind"}, "not one of requested_by_customer"},
		{"Interac without a reader", RefundRequested{RefundID: rid, Payment: interacPaid()}, "choose a reader"},
		{"a refund id unfit for a header", RefundRequested{RefundID: "a\nb", Payment: paid(0)}, "may hold only"},
		{"no refund id", RefundRequested{Payment: paid(0)}, "empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, effects, err := ApplyRefund(Refund{}, tt.ev)
			if !errors.Is(err, ErrBadRefund) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
			if effects != nil || !reflect.DeepEqual(got, Refund{}) {
				t.Fatalf("a refused request changed the refund: %+v %v", got, effects)
			}
		})
	}
}

func TestApplyRefundRefusesEventsOutOfPhase(t *testing.T) {
	tests := []struct {
		name string
		from Refund
		ev   Event
	}{
		{"a second request", refundAt(RefundSucceeded), RefundRequested{RefundID: rid, Payment: paid(0)}},
		{"resume a finished refund", refundAt(RefundSucceeded), Resumed{At: t0}},
		{"retry a card refund", refundAt(RefundFailed), RetryRequested{At: t0}},
		{"cancel a card refund", refundAt(RefundUnknown), CancelRequested{At: t0}},
		{"cancel a pending refund", refundAt(RefundPending), CancelRequested{At: t0}},
		{"another payment's refund", refundAt(RefundUnknown), RefundRead{Refund: &StripeRefund{ID: "re_9", PaymentIntentID: "pi_9", Status: RefundStatusSucceeded}}},
		{"another till refund id", refundAt(RefundUnknown), RefundRead{Refund: &StripeRefund{ID: "re_9", PaymentIntentID: pi, TillRefundID: "rf_9", Status: RefundStatusSucceeded}}},
		{"a created refund while not creating", refundAt(RefundSucceeded), RefundCreated{Refund: *stripeRefund(RefundStatusSucceeded, "")}},
		{"a payment event", refundAt(RefundCreating), CaptureRequested{At: t0}},
		{"a card refund not found while pending", refundAt(RefundCreating), RefundRead{At: t0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, effects, err := ApplyRefund(tt.from, tt.ev)
			if !errors.Is(err, ErrInvalidTransition) || effects != nil || !reflect.DeepEqual(got, tt.from) {
				t.Fatalf("got %+v %v %v", got, effects, err)
			}
		})
	}
}

// Every phase says something to the cashier.
func TestExplainRefundCoversEveryPhase(t *testing.T) {
	for _, p := range []RefundPhase{RefundNew, RefundCreating, RefundSending, RefundAwaiting, RefundDeclined, RefundCanceling,
		RefundPending, RefundSucceeded, RefundFailed, RefundCanceled, RefundUnknown} {
		if ExplainRefund(refundAt(p)) == "" {
			t.Errorf("no words for %s", p)
		}
	}
	r := refundAt(RefundFailed)
	r.FailureReason = "expired_or_canceled_card"
	if got := ExplainRefund(r); !strings.Contains(got, "expired or was canceled") || !strings.Contains(got, "Nothing was refunded") {
		t.Errorf("failed refund: %q", got)
	}
}

// What till says when it cannot write a refund is true about what reached Stripe.
func TestRefundNotSavedSaysWhatReachedStripe(t *testing.T) {
	for _, tc := range []struct {
		r    Refund
		want string
	}{
		{refundAt(RefundCreating), "Nothing of this refund reached Stripe."},
		{refundAt(RefundPending), "Stripe has the refund re_1 of $5.00"},
		{refundAt(RefundUnknown), "Whether Stripe made the refund is not known yet"},
	} {
		if got := RefundNotSaved(tc.r, "disk full"); !strings.Contains(got, tc.want) || !strings.Contains(got, "(disk full)") {
			t.Errorf("%s: %q lacks %q", tc.r.Phase, got, tc.want)
		}
	}
}
