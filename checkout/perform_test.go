package checkout

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
)

// fakeGateway answers from fields and records the calls it got.
type fakeGateway struct {
	intent Intent
	reader Reader
	err    map[string]error // by method name
	calls  []string
}

func (f *fakeGateway) call(name string) error {
	f.calls = append(f.calls, name)
	return f.err[name]
}

func (f *fakeGateway) CreateIntent(_ context.Context, req CreateIntent) (Intent, error) {
	return f.intent, f.call("create " + req.Key)
}
func (f *fakeGateway) ProcessOnReader(_ context.Context, req ProcessOnReader) (Reader, error) {
	return f.reader, f.call("process " + req.Key)
}
func (f *fakeGateway) ReadIntent(_ context.Context, id string) (Intent, error) {
	return f.intent, f.call("read_intent " + id)
}
func (f *fakeGateway) ReadReader(_ context.Context, id string) (Reader, error) {
	return f.reader, f.call("read_reader " + id)
}
func (f *fakeGateway) CaptureIntent(_ context.Context, req CaptureIntent) (Intent, error) {
	return f.intent, f.call("capture " + req.Key)
}
func (f *fakeGateway) CancelReaderAction(_ context.Context, id string) (Reader, error) {
	return Reader{ID: id}, f.call("cancel_action " + id)
}
func (f *fakeGateway) CancelIntent(_ context.Context, req CancelIntent) (Intent, error) {
	return f.intent, f.call("cancel_intent " + req.Key + " " + req.Reason)
}

func TestPerform(t *testing.T) {
	now := func() time.Time { return t0 }
	in := *intent(IntentRequiresPaymentMethod)
	busy := &Failure{Kind: KindReaderBusy, Code: "terminal_reader_busy"}
	tests := []struct {
		name      string
		eff       Effect
		reader    Reader
		err       map[string]error
		wantCalls []string
		want      Event
	}{
		{"create", CreateIntent{Key: "k1"}, Reader{}, nil,
			[]string{"create k1"}, IntentCreated{Intent: in, At: t0}},
		{"process", ProcessOnReader{ReaderID: reader, PaymentIntentID: pi, Key: "k2"}, *rdr(act(ActionInProgress, "")), nil,
			[]string{"read_reader " + reader, "process k2"}, ProcessSent{Reader: *rdr(act(ActionInProgress, "")), At: t0}},
		{"process busy", ProcessOnReader{ReaderID: reader, Key: "k2"}, Reader{}, map[string]error{"process k2": busy},
			[]string{"read_reader " + reader, "process k2"}, StepFailed{Step: StepProcess, Failure: *busy, At: t0}},
		{"never replace another till's payment", ProcessOnReader{ReaderID: reader, PaymentIntentID: pi, Key: "k2"},
			*rdr(&ReaderAction{Status: ActionInProgress, PaymentIntentID: "pi_other"}), nil,
			[]string{"read_reader " + reader},
			StepFailed{Step: StepProcess, Failure: Failure{Kind: KindReaderBusy, Code: CodeReaderInUse, Message: "pi_other"}, At: t0}},
		{"never replace a refund waiting for its customer's card", ProcessOnReader{ReaderID: reader, PaymentIntentID: pi, Key: "k2"},
			*rdr(&ReaderAction{Type: ActionRefundPayment, Status: ActionInProgress, TillRefundID: "rf_9"}), nil,
			[]string{"read_reader " + reader},
			StepFailed{Step: StepProcess, Failure: Failure{Kind: KindReaderBusy, Code: CodeReaderInUse, Message: "rf_9"}, At: t0}},
		{"nor a refund made outside till", ProcessOnReader{ReaderID: reader, PaymentIntentID: pi, Key: "k2"},
			*rdr(&ReaderAction{Type: ActionRefundPayment, Status: ActionInProgress}), nil,
			[]string{"read_reader " + reader},
			StepFailed{Step: StepProcess, Failure: Failure{Kind: KindReaderBusy, Code: CodeReaderInUse, Message: "a refund"}, At: t0}},
		{"take over when the cashier confirms", ProcessOnReader{ReaderID: reader, PaymentIntentID: pi, Key: "k2", TakeOver: true},
			*rdr(&ReaderAction{Status: ActionInProgress, PaymentIntentID: "pi_other"}), nil,
			[]string{"process k2"}, ProcessSent{Reader: *rdr(&ReaderAction{Status: ActionInProgress, PaymentIntentID: "pi_other"}), At: t0}},
		{"a finished payment on the reader is no obstacle", ProcessOnReader{ReaderID: reader, PaymentIntentID: pi, Key: "k2"},
			*rdr(&ReaderAction{Status: ActionSucceeded, PaymentIntentID: "pi_other"}), nil,
			[]string{"read_reader " + reader, "process k2"}, ProcessSent{Reader: *rdr(&ReaderAction{Status: ActionSucceeded, PaymentIntentID: "pi_other"}), At: t0}},
		{"read both", ReadStatus{ReaderID: reader, PaymentIntentID: pi}, *rdr(nil), nil,
			[]string{"read_reader " + reader, "read_intent " + pi}, StatusRead{Intent: &in, Reader: rdr(nil), At: t0}},
		{"read the intent alone", ReadStatus{ReaderID: reader, PaymentIntentID: pi, IntentOnly: true}, *rdr(nil), nil,
			[]string{"read_intent " + pi}, StatusRead{Intent: &in, At: t0}},
		{"read reader fails", ReadStatus{ReaderID: reader, PaymentIntentID: pi}, Reader{},
			map[string]error{"read_reader " + reader: fmt.Errorf("wrapped: %w", &Failure{Kind: KindNetwork})},
			[]string{"read_reader " + reader}, StepFailed{Step: StepRead, Failure: Failure{Kind: KindNetwork}, At: t0}},
		{"plain error is unknown", CaptureIntent{Key: "k3"}, Reader{}, map[string]error{"capture k3": errors.New("boom")},
			[]string{"capture k3"}, StepFailed{Step: StepCapture, Failure: Failure{Kind: KindUnknown, Message: "boom"}, At: t0}},
		{"cancel our action", CancelReaderAction{ReaderID: reader, PaymentIntentID: pi}, *rdr(act(ActionInProgress, "")), nil,
			[]string{"read_reader " + reader, "cancel_action " + reader}, ActionCanceled{Reader: Reader{ID: reader}, At: t0}},
		{"never cancel another payment's action", CancelReaderAction{ReaderID: reader, PaymentIntentID: pi},
			*rdr(&ReaderAction{Status: ActionInProgress, PaymentIntentID: "pi_other"}), nil,
			[]string{"read_reader " + reader}, ActionCanceled{Reader: *rdr(&ReaderAction{Status: ActionInProgress, PaymentIntentID: "pi_other"}), At: t0}},
		{"finished action needs no cancel", CancelReaderAction{ReaderID: reader, PaymentIntentID: pi}, *rdr(act(ActionFailed, "card_declined")), nil,
			[]string{"read_reader " + reader}, ActionCanceled{Reader: *rdr(act(ActionFailed, "card_declined")), At: t0}},
		{"cancel intent", CancelIntent{PaymentIntentID: pi, Reason: "abandoned", Key: "k4"}, Reader{}, nil,
			[]string{"cancel_intent k4 abandoned"}, PaymentCanceled{Intent: in, At: t0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := &fakeGateway{intent: in, reader: tt.reader, err: tt.err}
			got := Perform(context.Background(), g, tt.eff, now)
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("event = %#v\nwant    %#v", got, tt.want)
			}
			if !reflect.DeepEqual(g.calls, tt.wantCalls) {
				t.Fatalf("calls = %v, want %v", g.calls, tt.wantCalls)
			}
		})
	}
}

// finderGateway also looks intents up by order.
type finderGateway struct {
	fakeGateway
	found []Intent
	err   error
}

func (f *finderGateway) FindIntentsByOrder(_ context.Context, orderID string) ([]Intent, error) {
	f.calls = append(f.calls, "find "+orderID)
	return f.found, f.err
}

func TestReplayedCreateAdoptsTheOrdersIntent(t *testing.T) {
	now := func() time.Time { return t0 }
	mine := func(id string, st IntentStatus) Intent { return Intent{ID: id, Status: st, OrderID: "ord_1"} }
	created := Intent{ID: "pi_new", Status: IntentRequiresPaymentMethod}
	tests := []struct {
		name      string
		replay    bool
		found     []Intent
		err       error
		wantID    string
		wantCalls []string
	}{
		{"a fresh create does not search", false, []Intent{mine("pi_a", IntentSucceeded)}, nil, "pi_new", []string{"create k"}},
		{"adopt the authorized one", true, []Intent{mine("pi_a", IntentRequiresPaymentMethod), mine("pi_b", IntentRequiresCapture)}, nil, "pi_b", []string{"find ord_1"}},
		{"succeeded beats authorized", true, []Intent{mine("pi_b", IntentRequiresCapture), mine("pi_c", IntentSucceeded)}, nil, "pi_c", []string{"find ord_1"}},
		{"adopt a waiting one", true, []Intent{mine("pi_a", IntentRequiresPaymentMethod)}, nil, "pi_a", []string{"find ord_1"}},
		{"canceled ones and other orders are not adopted", true,
			[]Intent{mine("pi_x", IntentCanceled), {ID: "pi_y", Status: IntentSucceeded, OrderID: "ord_2"}}, nil, "pi_new", []string{"find ord_1", "create k"}},
		{"search failing falls back to the same key", true, nil, &Failure{Kind: KindServer}, "pi_new", []string{"find ord_1", "create k"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := &finderGateway{fakeGateway: fakeGateway{intent: created}, found: tt.found, err: tt.err}
			ev := Perform(context.Background(), g, CreateIntent{OrderID: "ord_1", Key: "k", Replay: tt.replay}, now)
			got, ok := ev.(IntentCreated)
			if !ok || got.Intent.ID != tt.wantID {
				t.Fatalf("event %#v, want intent %s", ev, tt.wantID)
			}
			if !reflect.DeepEqual(g.calls, tt.wantCalls) {
				t.Fatalf("calls %v, want %v", g.calls, tt.wantCalls)
			}
		})
	}
}

// statusGateway reads a reader with its action's PaymentIntent in one call, and
// remembers readers it saw.
type statusGateway struct {
	fakeGateway
	expanded *Intent // the action's intent, as Stripe expands it
	recent   map[string]Reader
	within   time.Duration
}

func (f *statusGateway) ReadReaderStatus(_ context.Context, id string) (Reader, *Intent, error) {
	return f.reader, f.expanded, f.call("read_status " + id)
}

func (f *statusGateway) RecentReader(id string, within time.Duration) (Reader, bool) {
	f.within = within
	r, ok := f.recent[id]
	return r, ok
}

func TestPerformReadsOnceWhereOnceSuffices(t *testing.T) {
	now := func() time.Time { return t0 }
	ours, other := *intent(IntentRequiresCapture), Intent{ID: "pi_other", Status: IntentRequiresPaymentMethod}
	waiting := *intent(IntentRequiresPaymentMethod)
	tests := []struct {
		name      string
		expanded  *Intent
		wantCalls []string
		want      Intent
	}{
		{"the reader's action is this payment: one call", &ours, []string{"read_status " + reader}, ours},
		{"the reader moved on: the intent is read too", &other, []string{"read_status " + reader, "read_intent " + pi}, waiting},
		{"no payment on the reader: the intent is read too", nil, []string{"read_status " + reader, "read_intent " + pi}, waiting},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := &statusGateway{fakeGateway: fakeGateway{intent: waiting, reader: *rdr(act(ActionSucceeded, ""))}, expanded: tt.expanded}
			ev := Perform(context.Background(), g, ReadStatus{ReaderID: reader, PaymentIntentID: pi, Wait: true}, now)
			want := StatusRead{Intent: &tt.want, Reader: rdr(act(ActionSucceeded, "")), At: t0}
			if !reflect.DeepEqual(ev, want) {
				t.Fatalf("event = %#v\nwant    %#v", ev, want)
			}
			if !reflect.DeepEqual(g.calls, tt.wantCalls) {
				t.Fatalf("calls = %v, want %v", g.calls, tt.wantCalls)
			}
		})
	}
}

func TestPerformComparesWithARecentReader(t *testing.T) {
	now := func() time.Time { return t0 }
	send := ProcessOnReader{ReaderID: reader, PaymentIntentID: pi, Key: "k2"}
	busyElsewhere := *rdr(&ReaderAction{Status: ActionInProgress, PaymentIntentID: "pi_other"})

	g := &statusGateway{fakeGateway: fakeGateway{reader: *rdr(nil)}, recent: map[string]Reader{reader: *rdr(nil)}}
	if _, ok := Perform(context.Background(), g, send, now).(ProcessSent); !ok || !reflect.DeepEqual(g.calls, []string{"process k2"}) {
		t.Fatalf("a reader listed a moment ago: calls %v, want the send alone", g.calls)
	}
	if g.within != CompareWithin {
		t.Errorf("asked for a reader seen within %v, want %v", g.within, CompareWithin)
	}

	g = &statusGateway{fakeGateway: fakeGateway{reader: *rdr(nil)}, recent: map[string]Reader{reader: busyElsewhere}}
	ev := Perform(context.Background(), g, send, now)
	if f, ok := ev.(StepFailed); !ok || f.Failure.Code != CodeReaderInUse || len(g.calls) != 0 {
		t.Fatalf("a recent reader busy with another payment: %#v after %v; want reader_in_use and no call", ev, g.calls)
	}

	g = &statusGateway{fakeGateway: fakeGateway{reader: busyElsewhere}}
	ev = Perform(context.Background(), g, send, now)
	if f, ok := ev.(StepFailed); !ok || f.Failure.Code != CodeReaderInUse || !reflect.DeepEqual(g.calls, []string{"read_reader " + reader}) {
		t.Fatalf("no recent reader: %#v after %v; want a read, then reader_in_use", ev, g.calls)
	}
}

// A reader in use is named for what it does: a payment, or a refund waiting for a card.
func TestReaderInUseSaysWhatTheReaderDoes(t *testing.T) {
	for msg, want := range map[string]string{
		"pi_other": "taking another payment (pi_other)",
		"rf_9":     "waiting for the card of refund rf_9",
		"a refund": "waiting for a refund's card",
	} {
		if got := Explain(&Failure{Kind: KindReaderBusy, Code: CodeReaderInUse, Message: msg}); !strings.Contains(got, want) {
			t.Errorf("%s: %q lacks %q", msg, got, want)
		}
	}
}

// Explain said of every reader in use "perhaps from another till … or take it over",
// also when the work was this till's own open order, and to a headless command, which
// has no take-over. The caller, which knows, says so.
func TestExplainInUseSaysWhatTheCallerKnows(t *testing.T) {
	for _, tt := range []struct {
		other string
		in    InUse
		want  string
	}{
		{"pi_1", InUse{TakeOver: true}, "The reader is taking another payment (pi_1), perhaps from another till. Wait for it, use another reader, or take it over."},
		{"pi_1", InUse{}, "The reader is taking another payment (pi_1), perhaps from another till. Wait for it, or use another reader."},
		{"pi_1", InUse{Mine: "order O-1"}, "The reader is taking another payment (pi_1): this till's order O-1, still open. Carry that on or cancel it, or use another reader."},
		{"rf_2", InUse{Mine: "refund rf_2", TakeOver: true}, "The reader is waiting for the card of refund rf_2: this till's refund rf_2, still open. Carry that on or cancel it, use another reader, or take it over."},
	} {
		if got := ExplainInUse(tt.other, tt.in); got != tt.want {
			t.Errorf("%s %+v:\n got %q\nwant %q", tt.other, tt.in, got, tt.want)
		}
	}
	// The screen's words (Explain, ExplainRefund) are ExplainInUse's for a caller that can take over.
	f := &Failure{Kind: KindReaderBusy, Code: CodeReaderInUse, Message: "pi_1"}
	want := ExplainInUse("pi_1", InUse{TakeOver: true})
	if Explain(f) != want || ExplainRefund(Refund{Phase: RefundDeclined, Failure: f}) != want {
		t.Errorf("Explain %q, ExplainRefund %q, want %q", Explain(f), ExplainRefund(Refund{Phase: RefundDeclined, Failure: f}), want)
	}
}
