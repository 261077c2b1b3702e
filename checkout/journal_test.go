package checkout

import (
	"context"
	"errors"
	"testing"
	"time"
)

type memJournal struct {
	entries []Entry
	fail    bool
}

func (j *memJournal) Append(e Entry) (Entry, error) {
	if j.fail {
		return e, errors.New("disk full")
	}
	e.Seq = uint64(len(j.entries) + 1)
	j.entries = append(j.entries, e)
	return e, nil
}

// orderSeen records the order id the gateway's context carried.
type orderSeen struct {
	fakeGateway
	order string
}

func (g *orderSeen) CaptureIntent(ctx context.Context, req CaptureIntent) (Intent, error) {
	g.order = OrderFrom(ctx)
	return g.fakeGateway.CaptureIntent(ctx, req)
}

func TestCarryJournalsBeforeAndAfter(t *testing.T) {
	s := at(Capturing)
	s.Captures = 1
	eff := CaptureIntent{PaymentIntentID: pi, Key: s.CaptureKey()}
	g := &orderSeen{fakeGateway: fakeGateway{intent: *intent(IntentSucceeded)}}
	j := &memJournal{}
	ev := Carry(context.Background(), g, j, s, eff, func() time.Time { return t0 })
	if _, ok := ev.(Captured); !ok {
		t.Fatalf("event %#v", ev)
	}
	if len(j.entries) != 2 {
		t.Fatalf("%d entries", len(j.entries))
	}
	b, a := j.entries[0], j.entries[1]
	if b.Stage != StageBefore || b.IdempotencyKey != "till_ord_1_capture_1" || b.Step != "capture" || b.OrderID != "ord_1" || b.PaymentIntentID != pi {
		t.Errorf("before = %+v", b)
	}
	if a.Stage != StageAfter || a.Outcome != "ok" || a.IdempotencyKey != b.IdempotencyKey {
		t.Errorf("after = %+v", a)
	}
	if g.order != "ord_1" {
		t.Errorf("the call's context carried order %q", g.order)
	}
}

func TestCarryRecordsFailuresWithTheRequestID(t *testing.T) {
	s := at(Sending)
	g := &fakeGateway{err: map[string]error{"process k": &Failure{Kind: KindReaderOffline, Code: "terminal_reader_offline", RequestID: "req_9", HTTPStatus: 400}}}
	j := &memJournal{}
	ev := Carry(context.Background(), g, j, s, ProcessOnReader{ReaderID: reader, PaymentIntentID: pi, Key: "k"}, func() time.Time { return t0 })
	if f, ok := ev.(StepFailed); !ok || f.Failure.Kind != KindReaderOffline {
		t.Fatalf("event %#v", ev)
	}
	a := j.entries[len(j.entries)-1]
	if a.Outcome != "reader_offline: terminal_reader_offline" || a.RequestID != "req_9" || a.HTTPStatus != 400 {
		t.Errorf("after = %+v", a)
	}
}

func TestCarryMakesNoCallWhenTheJournalCannotBeWritten(t *testing.T) {
	g := &fakeGateway{intent: *intent(IntentSucceeded)}
	ev := Carry(context.Background(), g, &memJournal{fail: true}, at(Capturing), CaptureIntent{PaymentIntentID: pi, Key: "k"}, func() time.Time { return t0 })
	f, ok := ev.(StepFailed)
	if !ok || f.Failure.Kind != KindStore || f.Step != StepCapture {
		t.Fatalf("event %#v", ev)
	}
	if len(g.calls) != 0 {
		t.Fatalf("calls made: %v", g.calls)
	}
}

func TestCarryWritesNoGuardLinesAroundReads(t *testing.T) {
	g := &fakeGateway{intent: *intent(IntentRequiresPaymentMethod), reader: *rdr(nil)}
	j := &memJournal{}
	ev := Carry(context.Background(), g, j, at(Awaiting), ReadStatus{ReaderID: reader, PaymentIntentID: pi}, func() time.Time { return t0 })
	if _, ok := ev.(StatusRead); !ok || len(j.entries) != 0 {
		t.Fatalf("event %#v, %d entries; want a read and no journal lines", ev, len(j.entries))
	}
}

// The order as sold goes into the journal once, on the line before the intent is made.
func TestCarryJournalsTheCartBeforeCreating(t *testing.T) {
	s := at(Creating)
	s.Cart = mustAdd(t, Cart{Currency: "usd"}, Line{Description: "Latte", UnitPrice: 450, Quantity: 2, SKU: "LATTE", TaxClass: "prepared", TaxRate: 82500})
	j := &memJournal{}
	Carry(context.Background(), &fakeGateway{intent: *intent(IntentRequiresPaymentMethod)}, j, s, s.create(false), func() time.Time { return t0 })
	if len(j.entries) != 2 || j.entries[0].Cart == nil || j.entries[1].Cart != nil {
		t.Fatalf("%+v", j.entries)
	}
	if got := j.entries[0].Cart.Total(); got != usd(974) {
		t.Errorf("journaled cart totals %v", got)
	}
}
