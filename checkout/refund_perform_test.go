package checkout

import (
	"context"
	"reflect"
	"testing"
	"time"
)

// fakeRefunds answers the refund gateway from fields and records the calls it got.
type fakeRefunds struct {
	refund *StripeRefund
	reader Reader
	err    map[string]error
	calls  []string
}

func (f *fakeRefunds) call(name string) error {
	f.calls = append(f.calls, name)
	return f.err[name]
}

func (f *fakeRefunds) CreateRefund(_ context.Context, req CreateRefund) (StripeRefund, error) {
	err := f.call("create " + req.Key)
	if f.refund == nil {
		return StripeRefund{}, err
	}
	return *f.refund, err
}
func (f *fakeRefunds) RefundOnReader(_ context.Context, req RefundOnReader) (Reader, error) {
	return f.reader, f.call("refund_payment " + req.Key)
}
func (f *fakeRefunds) ReadRefund(_ context.Context, id string) (StripeRefund, error) {
	return *f.refund, f.call("read_refund " + id)
}
func (f *fakeRefunds) FindRefund(_ context.Context, pi, id string) (*StripeRefund, error) {
	return f.refund, f.call("find " + pi + " " + id)
}
func (f *fakeRefunds) ReadReader(_ context.Context, id string) (Reader, error) {
	return f.reader, f.call("read_reader " + id)
}
func (f *fakeRefunds) CancelReaderAction(_ context.Context, id string) (Reader, error) {
	return Reader{ID: id}, f.call("cancel_action " + id)
}

func TestPerformRefund(t *testing.T) {
	now := func() time.Time { return t0 }
	ours := *refundAct(ActionInProgress, "")
	busyPayment := *rdr(&ReaderAction{Type: "process_payment_intent", Status: ActionInProgress, PaymentIntentID: "pi_9"})
	busyRefund := *rdr(&ReaderAction{Type: ActionRefundPayment, Status: ActionInProgress, TillRefundID: "rf_9"})
	sr := stripeRefund(RefundStatusSucceeded, "")
	tests := []struct {
		name      string
		eff       Effect
		refund    *StripeRefund
		reader    Reader
		wantCalls []string
		want      Event
	}{
		{"create", CreateRefund{Key: "k"}, sr, Reader{}, []string{"create k"}, RefundCreated{Refund: *sr, At: t0}},
		{"send to a free reader", RefundOnReader{ReaderID: reader, RefundID: rid, Key: "k"}, nil, *rdr(nil),
			[]string{"read_reader " + reader, "refund_payment k"}, RefundSent{Reader: *rdr(nil), At: t0}},
		{"a reader taking a payment is left alone", RefundOnReader{ReaderID: reader, RefundID: rid, Key: "k"}, nil, busyPayment,
			[]string{"read_reader " + reader}, StepFailed{Step: StepRefundOnReader, Failure: Failure{Kind: KindReaderBusy, Code: CodeReaderInUse, Message: "pi_9"}, At: t0}},
		{"a reader waiting for another refund is left alone", RefundOnReader{ReaderID: reader, RefundID: rid, Key: "k"}, nil, busyRefund,
			[]string{"read_reader " + reader}, StepFailed{Step: StepRefundOnReader, Failure: Failure{Kind: KindReaderBusy, Code: CodeReaderInUse, Message: "rf_9"}, At: t0}},
		{"take over sends without looking", RefundOnReader{ReaderID: reader, RefundID: rid, Key: "k", TakeOver: true}, nil, busyPayment,
			[]string{"refund_payment k"}, RefundSent{Reader: busyPayment, At: t0}},
		{"read by Stripe's id", ReadRefund{RefundID: rid, PaymentIntentID: pi, StripeID: "re_1"}, sr, Reader{},
			[]string{"read_refund re_1"}, RefundRead{Refund: sr, At: t0}},
		{"find by till's id, the reader first", ReadRefund{RefundID: rid, PaymentIntentID: pi, ReaderID: reader}, nil, ours,
			[]string{"read_reader " + reader, "find " + pi + " " + rid}, RefundRead{Reader: &ours, At: t0}},
		{"cancel our waiting action", CancelRefundOnReader{ReaderID: reader, RefundID: rid}, nil, ours,
			[]string{"read_reader " + reader, "cancel_action " + reader}, RefundActionCanceled{Reader: Reader{ID: reader}, At: t0}},
		{"never cancel someone else's", CancelRefundOnReader{ReaderID: reader, RefundID: rid}, nil, busyRefund,
			[]string{"read_reader " + reader}, RefundActionCanceled{Reader: busyRefund, At: t0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := &fakeRefunds{refund: tt.refund, reader: tt.reader}
			got := PerformRefund(context.Background(), g, tt.eff, now)
			if !reflect.DeepEqual(g.calls, tt.wantCalls) {
				t.Errorf("calls = %q, want %q", g.calls, tt.wantCalls)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("event = %#v\nwant    %#v", got, tt.want)
			}
		})
	}
}

func TestCarryRefundJournalsUnderThePaymentsOrder(t *testing.T) {
	r := refundAt(RefundCreating)
	g := &fakeRefunds{refund: stripeRefund(RefundStatusSucceeded, "")}
	j := &memJournal{}
	ev := CarryRefund(context.Background(), g, j, r, r.create(), func() time.Time { return t0 })
	if _, ok := ev.(RefundCreated); !ok {
		t.Fatalf("event %#v", ev)
	}
	if len(j.entries) != 2 {
		t.Fatalf("%d entries", len(j.entries))
	}
	b, a := j.entries[0], j.entries[1]
	if b.Stage != StageBefore || b.OrderID != "ord_1" || b.RefundID != rid || b.IdempotencyKey != "tillrf_rf_1_create" || b.Step != "refund" {
		t.Errorf("before = %+v", b)
	}
	if a.Stage != StageAfter || a.Outcome != "ok: re_1 succeeded" {
		t.Errorf("after = %+v", a)
	}

	// A journal that cannot be written stops the call.
	g.calls = nil
	ev = CarryRefund(context.Background(), g, &memJournal{fail: true}, r, r.create(), func() time.Time { return t0 })
	if f, ok := ev.(StepFailed); !ok || f.Failure.Kind != KindStore || len(g.calls) != 0 {
		t.Fatalf("event %#v, calls %q", ev, g.calls)
	}
	// Reads carry no key and write no guard lines.
	j = &memJournal{}
	CarryRefund(context.Background(), g, j, refundAt(RefundPending), refundAt(RefundPending).poll(true), func() time.Time { return t0 })
	if len(j.entries) != 0 {
		t.Fatalf("a read wrote %+v", j.entries)
	}
}

// recentRefunds is fakeRefunds that remembers readers it saw lately.
type recentRefunds struct {
	fakeRefunds
	recent map[string]Reader
}

func (f *recentRefunds) RecentReader(id string, within time.Duration) (Reader, bool) {
	r, ok := f.recent[id]
	return r, ok && within == CompareWithin
}

// A refund's send compares with a reader seen a moment ago as a payment's does: no
// second read, and a reader busy by that sight is still left alone.
func TestRefundSendComparesWithARecentReader(t *testing.T) {
	now := func() time.Time { return t0 }
	send := RefundOnReader{ReaderID: reader, RefundID: rid, Key: "k"}
	busy := *rdr(&ReaderAction{Type: "process_payment_intent", Status: ActionInProgress, PaymentIntentID: "pi_9"})

	g := &recentRefunds{fakeRefunds: fakeRefunds{reader: *rdr(nil)}, recent: map[string]Reader{reader: *rdr(nil)}}
	if _, ok := PerformRefund(context.Background(), g, send, now).(RefundSent); !ok || !reflect.DeepEqual(g.calls, []string{"refund_payment k"}) {
		t.Fatalf("a reader seen a moment ago: calls %v, want the send alone", g.calls)
	}
	g = &recentRefunds{fakeRefunds: fakeRefunds{reader: *rdr(nil)}, recent: map[string]Reader{reader: busy}}
	ev := PerformRefund(context.Background(), g, send, now)
	if f, ok := ev.(StepFailed); !ok || f.Failure.Code != CodeReaderInUse || len(g.calls) != 0 {
		t.Fatalf("a recent reader taking a payment: %#v after %v; want reader_in_use and no call", ev, g.calls)
	}
	g = &recentRefunds{fakeRefunds: fakeRefunds{reader: *rdr(nil)}}
	if _, ok := PerformRefund(context.Background(), g, send, now).(RefundSent); !ok ||
		!reflect.DeepEqual(g.calls, []string{"read_reader " + reader, "refund_payment k"}) {
		t.Fatalf("no recent reader: calls %v, want a read, then the send", g.calls)
	}
}
