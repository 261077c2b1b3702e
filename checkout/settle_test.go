package checkout

import (
	"errors"
	"fmt"
	"reflect"
	"testing"
	"time"
)

// entriesJournal is a memJournal that also reads an order's entries back.
type entriesJournal struct {
	memJournal
	readErr error
}

func (j *entriesJournal) Entries(orderID string) ([]Entry, error) {
	var out []Entry
	for _, e := range j.entries {
		if e.OrderID == orderID {
			out = append(out, e)
		}
	}
	return out, j.readErr
}

func TestSettle(t *testing.T) {
	now := func() time.Time { return t0 }
	authorized := Intent{ID: pi, Status: IntentRequiresCapture, OrderID: "ord_other", ReaderID: reader}
	waiting := Intent{ID: pi, Status: IntentRequiresPaymentMethod, OrderID: "ord_other", ReaderID: reader}
	onThis := rdr(&ReaderAction{Type: "process_payment_intent", Status: ActionInProgress, PaymentIntentID: pi})
	onOther := rdr(&ReaderAction{Type: "process_payment_intent", Status: ActionInProgress, PaymentIntentID: "pi_other"})
	before := func(step Step, key string) Entry {
		return Entry{OrderID: "ord_other", Stage: StageBefore, Step: string(step), IdempotencyKey: key, PaymentIntentID: pi}
	}
	tests := []struct {
		name      string
		req       Settlement
		intent    Intent
		reader    *Reader
		err       map[string]error
		journal   []Entry // earlier entries of the order
		readErr   error
		wantCalls []string
		wantEvent string // the event's type
	}{
		{name: "capture", req: Settlement{Capture: true}, intent: authorized,
			wantCalls: []string{"read_intent " + pi, "capture till_support_pi_1_capture_1"}, wantEvent: "checkout.Captured"},
		{name: "a second capture is a new attempt", req: Settlement{Capture: true}, intent: authorized,
			journal:   []Entry{before(StepCapture, "till_support_pi_1_capture_1")},
			wantCalls: []string{"read_intent " + pi, "capture till_support_pi_1_capture_2"}, wantEvent: "checkout.Captured"},
		{name: "the cashier's own keys do not count", req: Settlement{Capture: true}, intent: authorized,
			journal:   []Entry{before(StepCapture, "till_ord_other_capture_1")},
			wantCalls: []string{"read_intent " + pi, "capture till_support_pi_1_capture_1"}, wantEvent: "checkout.Captured"},
		{name: "already captured: nothing to do", req: Settlement{Capture: true}, intent: Intent{ID: pi, Status: IntentSucceeded},
			wantCalls: []string{"read_intent " + pi}, wantEvent: "checkout.Captured"},
		{name: "cancel clears a reader still on the payment first", req: Settlement{Reason: "abandoned"}, intent: waiting, reader: onThis,
			wantCalls: []string{"read_intent " + pi, "read_reader " + reader, "cancel_action " + reader, "cancel_intent till_support_pi_1_cancel_1 abandoned"},
			wantEvent: "checkout.PaymentCanceled"},
		{name: "another payment on the reader is left alone", req: Settlement{Reason: "duplicate"}, intent: waiting, reader: onOther,
			wantCalls: []string{"read_intent " + pi, "read_reader " + reader, "cancel_intent till_support_pi_1_cancel_1 duplicate"},
			wantEvent: "checkout.PaymentCanceled"},
		{name: "the readers the caller knows are cleared too", req: Settlement{Readers: []string{reader, "tmr_2"}}, intent: Intent{ID: pi, Status: IntentRequiresCapture},
			reader: onThis,
			wantCalls: []string{"read_intent " + pi, "read_reader " + reader, "cancel_action " + reader, "read_reader tmr_2",
				"cancel_action tmr_2", "cancel_intent till_support_pi_1_cancel_1 "},
			wantEvent: "checkout.PaymentCanceled"},
		{name: "a reader authorizing the card stops the cancel", req: Settlement{}, intent: waiting, reader: onThis,
			err:       map[string]error{"cancel_action " + reader: &Failure{Kind: KindReaderBusy, Code: "terminal_reader_busy"}},
			wantCalls: []string{"read_intent " + pi, "read_reader " + reader, "cancel_action " + reader}, wantEvent: "checkout.StepFailed"},
		{name: "an offline reader does not stop the cancel", req: Settlement{}, intent: waiting, reader: onThis,
			err:       map[string]error{"read_reader " + reader: &Failure{Kind: KindReaderOffline}},
			wantCalls: []string{"read_intent " + pi, "read_reader " + reader, "cancel_intent till_support_pi_1_cancel_1 "}, wantEvent: "checkout.PaymentCanceled"},
		{name: "already canceled: nothing to do", req: Settlement{}, intent: Intent{ID: pi, Status: IntentCanceled, ReaderID: reader},
			wantCalls: []string{"read_intent " + pi}, wantEvent: "checkout.PaymentCanceled"},
		{name: "the intent cannot be read: nothing is done", req: Settlement{Capture: true}, intent: authorized,
			err:       map[string]error{"read_intent " + pi: &Failure{Kind: KindNetwork}},
			wantCalls: []string{"read_intent " + pi}, wantEvent: "checkout.StepFailed"},
		{name: "the journal cannot be read: nothing is sent", req: Settlement{Capture: true}, intent: authorized, readErr: errors.New("disk"),
			wantCalls: []string{"read_intent " + pi}, wantEvent: "checkout.StepFailed"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g := &fakeGateway{intent: tc.intent, err: tc.err}
			if tc.reader != nil {
				g.reader = *tc.reader
			}
			j := &entriesJournal{readErr: tc.readErr}
			for _, e := range tc.journal {
				_, _ = j.Append(e)
			}
			req := tc.req
			req.Intent = Intent{ID: pi, OrderID: "ord_other"}
			ev := Settle(t.Context(), g, j, req, now)
			if !reflect.DeepEqual(g.calls, tc.wantCalls) {
				t.Errorf("calls %q, want %q", g.calls, tc.wantCalls)
			}
			if got := reflect.TypeOf(ev).String(); got != tc.wantEvent {
				t.Errorf("event %s (%+v), want %s", got, ev, tc.wantEvent)
			}
			// Each money call was journaled, with its key, before it was made.
			for _, c := range g.calls {
				if key, ok := callKey(c); ok && !journaled(j.entries, key) {
					t.Errorf("%s was not journaled before the call", c)
				}
			}
		})
	}
}

// callKey is the idempotency key a recorded capture or cancel_intent call carried.
func callKey(call string) (string, bool) {
	var step, key string
	if n, _ := fmt.Sscan(call, &step, &key); n == 2 && (step == "capture" || step == "cancel_intent") {
		return key, true
	}
	return "", false
}

func journaled(entries []Entry, key string) bool {
	for _, e := range entries {
		if e.Stage == StageBefore && e.IdempotencyKey == key {
			return true
		}
	}
	return false
}

func TestSettleJournalsUnderTheOrder(t *testing.T) {
	g := &fakeGateway{intent: Intent{ID: pi, Status: IntentRequiresCapture}}
	j := &entriesJournal{}
	Settle(t.Context(), g, j, Settlement{Intent: Intent{ID: pi}, Capture: true}, func() time.Time { return t0 })
	if len(j.entries) != 2 || j.entries[0].OrderID != "support_"+pi || j.entries[0].IdempotencyKey != SupportKey(pi, "capture", 1) {
		t.Errorf("journal %+v, want before and after under support_%s", j.entries, pi)
	}
}

// A second support capture after a first that ended takes a key of its own, whether
// the journal kept the first's before line or (as the store does) its after line in
// its place: reusing the key would have Stripe replay the first answer.
func TestSettleNumbersAttemptsAsTheStoreKeepsThem(t *testing.T) {
	first := Entry{OrderID: "support_" + pi, Step: string(StepCapture), PaymentIntentID: pi, IdempotencyKey: SupportKey(pi, "capture", 1)}
	for _, stage := range []string{StageBefore, StageAfter} {
		kept := first
		kept.Stage, kept.Outcome = stage, "invalid_request"
		g := &fakeGateway{intent: Intent{ID: pi, Status: IntentRequiresCapture}}
		j := &entriesJournal{}
		j.entries = []Entry{kept}
		Settle(t.Context(), g, j, Settlement{Intent: Intent{ID: pi}, Capture: true}, func() time.Time { return t0 })
		if got := j.entries[len(j.entries)-1].IdempotencyKey; got != SupportKey(pi, "capture", 2) {
			t.Errorf("first attempt kept as its %s line: the second took key %s", stage, got)
		}
	}
}
