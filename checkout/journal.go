package checkout

import (
	"context"
	"time"
)

// Journal stages.
const (
	StageBefore = "before" // written before a call, with its idempotency key; the call waits for it
	StageCall   = "call"   // one HTTP request to Stripe, with its request id, status and duration
	StageAfter  = "after"  // written after a call, with its outcome
	StageNote   = "note"   // anything else worth keeping, e.g. a resume after a crash
)

// Entry is one line of an order's journal: what till did for the order, when, under
// which idempotency key, and what Stripe answered (with Stripe's request id).
type Entry struct {
	Seq             uint64        `json:"seq"` // assigned by the journal; increases across all orders
	OrderID         string        `json:"order_id"`
	At              time.Time     `json:"at"`
	Stage           string        `json:"stage"`
	Step            string        `json:"step"` // a Step, or "present" and the like for notes
	Method          string        `json:"method,omitempty"`
	Path            string        `json:"path,omitempty"`
	IdempotencyKey  string        `json:"idempotency_key,omitempty"`
	PaymentIntentID string        `json:"payment_intent,omitempty"`
	RefundID        string        `json:"refund_id,omitempty"` // till's refund id, for a refund's steps
	RequestID       string        `json:"request_id,omitempty"`
	HTTPStatus      int           `json:"http_status,omitempty"`
	Duration        time.Duration `json:"duration,omitempty"`
	Outcome         string        `json:"outcome,omitempty"` // "ok", or a failure kind and code
	Phase           string        `json:"phase,omitempty"`
	// Cart is the order as sold (lines, tax rates, discounts), on the line written
	// before the PaymentIntent is created: the journal keeps what was charged for.
	Cart *Cart `json:"cart,omitempty"`
	// Repeats counts the same call made again right after, with the same answer (a
	// payment's polls): the journal keeps one line for the run, its RequestID and
	// Duration the last call's, Until the last call's time.
	Repeats int       `json:"repeats,omitempty"`
	Until   time.Time `json:"until,omitempty"`
}

// Journal is where Carry records the steps; store implements it.
type Journal interface {
	Append(Entry) (Entry, error)
}

// Carry performs one effect for a session with the journal around it: the step and its
// idempotency key are written before the call — and when that write fails the call is
// not made — and the outcome after (reads excepted: they change nothing). The order id travels in the context, so the
// adapter can journal each HTTP request of the step too (OrderFrom).
func Carry(ctx context.Context, g Gateway, j Journal, s Session, eff Effect, now func() time.Time) Event {
	base := Entry{OrderID: s.OrderID, PaymentIntentID: s.PaymentIntentID, Phase: s.Phase.String()}
	if eff.Step() == StepCreate && !s.Cart.Empty() {
		cart := s.Cart // the order as sold, kept on the line before its PaymentIntent
		base.Cart = &cart
	}
	return carry(ctx, j, base, eff, now, func(ctx context.Context) Event { return Perform(ctx, g, eff, now) })
}

// carry journals around perform: before (the call waits for it), then after.
func carry(ctx context.Context, j Journal, base Entry, eff Effect, now func() time.Time, perform func(context.Context) Event) Event {
	ctx = WithOrder(ctx, base.OrderID)
	if eff.Step() == StepRead || eff.Step() == StepReadRefund {
		// A read moves no money and carries no key: its HTTP requests are journaled by
		// the adapter, and a poll every second needs no guard lines around them.
		return perform(ctx)
	}
	before := base
	before.At, before.Stage, before.Step, before.IdempotencyKey = now(), StageBefore, string(eff.Step()), keyOf(eff)
	if _, err := j.Append(before); err != nil {
		return StepFailed{Step: eff.Step(), Failure: Failure{Kind: KindStore, Message: err.Error()}, At: now()}
	}
	start := now()
	ev := perform(ctx)
	after := before
	after.Cart = nil // once is enough
	after.At, after.Stage, after.Duration, after.Outcome = now(), StageAfter, now().Sub(start), "ok"
	switch ev := ev.(type) {
	case StepFailed:
		after.Outcome, after.RequestID, after.HTTPStatus = outcome(ev.Failure), ev.Failure.RequestID, ev.Failure.HTTPStatus
	case IntentCreated:
		after.PaymentIntentID = ev.Intent.ID
	case RefundCreated:
		after.Outcome = "ok: " + ev.Refund.ID + " " + string(ev.Refund.Status)
	}
	// The outcome line is for people; the session saved next is what till resumes
	// from, so a failure to write it does not change what happens.
	_, _ = j.Append(after)
	return ev
}

func outcome(f Failure) string {
	if f.Code != "" {
		return string(f.Kind) + ": " + f.Code
	}
	return string(f.Kind)
}

// keyOf is the idempotency key an effect's call carries, if any.
func keyOf(eff Effect) string {
	switch e := eff.(type) {
	case CreateIntent:
		return e.Key
	case ProcessOnReader:
		return e.Key
	case CaptureIntent:
		return e.Key
	case CancelIntent:
		return e.Key
	case CreateRefund:
		return e.Key
	case RefundOnReader:
		return e.Key
	}
	return ""
}

type orderKey struct{}

// WithOrder marks a context as working for an order.
func WithOrder(ctx context.Context, orderID string) context.Context {
	return context.WithValue(ctx, orderKey{}, orderID)
}

// OrderFrom is the order a context works for, or "".
func OrderFrom(ctx context.Context) string {
	id, _ := ctx.Value(orderKey{}).(string)
	return id
}
