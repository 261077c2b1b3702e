package fake

import (
	"context"
	"errors"
	"slices"
	"sync"
	"time"

	"github.com/till-pos/till/checkout"
)

// Gateway is a tiny simulated Stripe: one PaymentIntent (the cashier's), further ones,
// and readers whose actions follow the presented test card. Each method can be
// replaced by its Fn field.
type Gateway struct {
	log     *Recorder
	mu      sync.Mutex
	readers []checkout.Reader
	intent  checkout.Intent
	others  []checkout.Intent // further intents, found by UnfinishedIntents and settled by id
	tipping *checkout.Tipping // what the reader was told about tips, last
	emails  map[string]string // receipt_email per PaymentIntent

	// IntentID is the id CreateIntent gives the next intent; default "pi_1".
	IntentID string
	// Now and CaptureWindow set capture_before on an approval, when both are set.
	Now           func() time.Time
	CaptureWindow time.Duration

	refunds refunds // refunds made, and the payments Stripe finds (fake/refunds.go)

	ListReadersFn func() ([]checkout.Reader, error)
	UnfinishedFn  func(since time.Time) ([]checkout.Intent, error)
	CreateFn      func(req checkout.CreateIntent) (checkout.Intent, error)
	ProcessFn     func(req checkout.ProcessOnReader) (checkout.Reader, error)
	ReadIntentFn  func(id string) (checkout.Intent, error)
	PresentFn     func(readerID, number string) (checkout.Reader, error)
	CaptureFn     func(req checkout.CaptureIntent) (checkout.Intent, error)
	ReadReaderFn  func(id string) (checkout.Reader, error)
	DisplayFn     func(readerID string, d checkout.Display) (checkout.Reader, error)
	ReadPaymentFn func(id string) (checkout.Payment, error)
	EmailFn       func(id, email, key string) (checkout.Intent, error)
	RefundsFn     func(since time.Time, limit int) ([]checkout.StripeRefund, error) // RefundsSince
}

// Readers as the tests know them.
var (
	FrontCounter = checkout.Reader{ID: "tmr_front", Label: "Front counter", DeviceType: "simulated_wisepos_e", Status: "online"}
	BackCounter  = checkout.Reader{ID: "tmr_back", Label: "Back counter", DeviceType: "simulated_stripe_s700", Status: "online"}
	RealReader   = checkout.Reader{ID: "tmr_real", Label: "Till 2", DeviceType: "bbpos_wisepos_e", Status: "online"}
)

// Errors the tests inject.
var (
	ErrNetwork  = &checkout.Failure{Kind: checkout.KindNetwork, Message: "connection refused"}
	ErrDiskFull = errors.New("disk full")
)

// NewGateway is Stripe with the given readers, recording into log.
func NewGateway(log *Recorder, readers ...checkout.Reader) *Gateway {
	return &Gateway{log: log, readers: readers}
}

// SetReaders replaces the readers.
func (g *Gateway) SetReaders(rs ...checkout.Reader) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.readers = rs
}

// SetOthers replaces the further intents.
func (g *Gateway) SetOthers(ins ...checkout.Intent) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.others = ins
}

// Others are the further intents.
func (g *Gateway) Others() []checkout.Intent {
	g.mu.Lock()
	defer g.mu.Unlock()
	return slices.Clone(g.others)
}

// Other is one of the further intents, as it is now.
func (g *Gateway) Other(id string) (checkout.Intent, bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	in, ok := g.other(id)
	if !ok {
		return checkout.Intent{}, false
	}
	return *in, true
}

// Intent is the cashier's intent, as it is now.
func (g *Gateway) Intent() checkout.Intent {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.intent
}

// Reader is a reader as it is now.
func (g *Gateway) Reader(id string) checkout.Reader {
	g.mu.Lock()
	defer g.mu.Unlock()
	i, err := g.readerAt(id)
	if err != nil {
		return checkout.Reader{}
	}
	return g.readers[i]
}

// Mirror makes Stripe hold a session's intent and reader action, for tests that start
// from a made-up session.
func (g *Gateway) Mirror(s checkout.Session) {
	g.mu.Lock()
	defer g.mu.Unlock()
	amount := s.Amount
	amount.Amount += s.Tip // Stripe's amount includes the tip the customer chose
	g.intent = checkout.Intent{ID: s.PaymentIntentID, Status: s.IntentStatus, Amount: amount, Card: s.Card,
		CaptureBefore: s.CaptureBefore, OrderID: s.OrderID, Tip: s.Tip, AmountReceived: s.AmountReceived, Created: s.StartedAt}
	for i := range g.readers {
		if g.readers[i].ID == s.ReaderID && s.Action != nil {
			a := *s.Action
			g.readers[i].Action = &a
		}
	}
}

// other finds one of the further intents; the caller holds g.mu.
func (g *Gateway) other(id string) (*checkout.Intent, bool) {
	for i := range g.others {
		if g.others[i].ID == id {
			return &g.others[i], true
		}
	}
	return nil, false
}

func (g *Gateway) readerAt(id string) (int, error) {
	for i, r := range g.readers {
		if r.ID == id {
			return i, nil
		}
	}
	return 0, &checkout.Failure{Kind: checkout.KindNotFound, Code: "resource_missing", Message: "No such reader: " + id}
}

// ListLocations is the one location.
func (g *Gateway) ListLocations(context.Context) ([]checkout.Location, error) {
	g.log.add(Entry{Step: "list_locations"})
	return []checkout.Location{{ID: "tml_shop", DisplayName: "till demo shop"}}, nil
}

// UnfinishedIntents lists the cashier's intent, if any, and the others.
func (g *Gateway) UnfinishedIntents(_ context.Context, since time.Time) ([]checkout.Intent, error) {
	g.log.add(Entry{Step: "unfinished_intents", Subject: since.Format(time.RFC3339)})
	if g.UnfinishedFn != nil {
		return g.UnfinishedFn(since)
	}
	return g.intents(), nil
}

// ListReadersWithIntents lists the readers, with the intents their actions work on.
func (g *Gateway) ListReadersWithIntents(ctx context.Context) ([]checkout.Reader, []checkout.Intent, error) {
	readers, err := g.ListReaders(ctx)
	if err != nil {
		return nil, nil, err
	}
	var out []checkout.Intent
	for _, in := range g.intents() {
		if slices.ContainsFunc(readers, func(r checkout.Reader) bool { _, ok := r.ActionFor(in.ID); return ok }) {
			out = append(out, in)
		}
	}
	return readers, out, nil
}

// intents are the cashier's intent, if any, and the others.
func (g *Gateway) intents() []checkout.Intent {
	g.mu.Lock()
	defer g.mu.Unlock()
	out := slices.Clone(g.others)
	if g.intent.ID != "" {
		out = append(out, g.intent)
	}
	return out
}

// CreateIntent creates the cashier's intent once; later calls return it.
func (g *Gateway) CreateIntent(_ context.Context, req checkout.CreateIntent) (checkout.Intent, error) {
	g.log.add(Entry{Step: "create", Key: req.Key, Subject: req.OrderID})
	if g.CreateFn != nil {
		return g.CreateFn(req)
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.intent.ID == "" {
		id := g.IntentID
		if id == "" {
			id = "pi_1"
		}
		g.intent = checkout.Intent{ID: id, Status: checkout.IntentRequiresPaymentMethod, Amount: req.Amount,
			CaptureMethod: req.CaptureMethod, OrderID: req.OrderID, Created: T0}
		if g.Now != nil {
			g.intent.Created = g.Now()
		}
	}
	return g.intent, nil
}

// ProcessOnReader puts the intent on the reader.
func (g *Gateway) ProcessOnReader(_ context.Context, req checkout.ProcessOnReader) (checkout.Reader, error) {
	g.log.add(Entry{Step: "process", Key: req.Key, Subject: req.ReaderID})
	if g.ProcessFn != nil {
		return g.ProcessFn(req)
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	i, err := g.readerAt(req.ReaderID)
	if err != nil {
		return checkout.Reader{}, err
	}
	g.readers[i].Action = &checkout.ReaderAction{Type: "process_payment_intent", Status: checkout.ActionInProgress, PaymentIntentID: req.PaymentIntentID}
	g.tipping = req.Tipping
	return g.readers[i], nil
}

// ReadIntent reads an intent.
func (g *Gateway) ReadIntent(_ context.Context, id string) (checkout.Intent, error) {
	g.log.add(Entry{Step: "read_intent", Subject: id})
	if g.ReadIntentFn != nil {
		return g.ReadIntentFn(id)
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if in, ok := g.other(id); ok {
		return *in, nil
	}
	return g.intent, nil
}

// ReadReader reads a reader.
func (g *Gateway) ReadReader(_ context.Context, id string) (checkout.Reader, error) {
	g.log.add(Entry{Step: "read_reader", Subject: id})
	if g.ReadReaderFn != nil {
		return g.ReadReaderFn(id)
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	i, err := g.readerAt(id)
	if err != nil {
		return checkout.Reader{}, err
	}
	return g.readers[i], nil
}

// CaptureIntent captures an intent.
func (g *Gateway) CaptureIntent(_ context.Context, req checkout.CaptureIntent) (checkout.Intent, error) {
	g.log.add(Entry{Step: "capture", Key: req.Key, Subject: req.PaymentIntentID})
	if g.CaptureFn != nil {
		return g.CaptureFn(req)
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if in, ok := g.other(req.PaymentIntentID); ok {
		in.Status, in.AmountReceived = checkout.IntentSucceeded, in.Amount.Amount
		return *in, nil
	}
	g.intent.Status = checkout.IntentSucceeded
	g.intent.AmountReceived = g.intent.Amount.Amount
	return g.intent, nil
}

// CancelReaderAction clears a reader's action.
func (g *Gateway) CancelReaderAction(_ context.Context, readerID string) (checkout.Reader, error) {
	g.log.add(Entry{Step: "cancel_action", Subject: readerID})
	g.mu.Lock()
	defer g.mu.Unlock()
	i, err := g.readerAt(readerID)
	if err != nil {
		return checkout.Reader{}, err
	}
	g.readers[i].Action = nil
	return g.readers[i], nil
}

// CancelIntent cancels an intent.
func (g *Gateway) CancelIntent(_ context.Context, req checkout.CancelIntent) (checkout.Intent, error) {
	g.log.add(Entry{Step: "cancel_intent", Key: req.Key, Subject: req.PaymentIntentID})
	g.mu.Lock()
	defer g.mu.Unlock()
	if in, ok := g.other(req.PaymentIntentID); ok {
		in.Status, in.CancellationReason = checkout.IntentCanceled, req.Reason
		return *in, nil
	}
	g.intent.Status = checkout.IntentCanceled
	g.intent.CancellationReason = req.Reason
	return g.intent, nil
}

// ListReaders lists the readers.
func (g *Gateway) ListReaders(context.Context) ([]checkout.Reader, error) {
	g.log.add(Entry{Step: "list_readers"})
	if g.ListReadersFn != nil {
		return g.ListReadersFn()
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	return append([]checkout.Reader(nil), g.readers...), nil
}

// declines are the declining test cards the fake knows: failure code, decline code,
// message.
var declines = map[string][3]string{
	"4000000000000002": {"card_declined", "generic_decline", "Your card was declined."},
	"4000000000009995": {"card_declined", "insufficient_funds", "Your card has insufficient funds."},
	"4000000000000069": {"expired_card", "expired_card", "Your card has expired."},
}

// brands names the approving test cards' brands; any other approves as a Visa.
var brands = map[string]string{"5555555555554444": "mastercard", "378282246310005": "amex"}

// PresentCard approves or declines as Stripe's simulator does for the card.
func (g *Gateway) PresentCard(_ context.Context, readerID, number string) (checkout.Reader, error) {
	g.log.add(Entry{Step: "present", Subject: number})
	if g.PresentFn != nil {
		return g.PresentFn(readerID, number)
	}
	return g.present(readerID, number, 0)
}

// present is a card presented with the tip the customer picks (0: none); the caller
// has logged the call.
func (g *Gateway) present(readerID, number string, tip int64) (checkout.Reader, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	i, err := g.readerAt(readerID)
	if err != nil {
		return checkout.Reader{}, err
	}
	a := g.readers[i].Action
	if a == nil || a.Status != checkout.ActionInProgress {
		return checkout.Reader{}, &checkout.Failure{Kind: checkout.KindInvalidRequest, Message: "the reader has no payment in progress"}
	}
	if a.Type == checkout.ActionRefundPayment {
		return g.refundInPerson(i), nil
	}
	if d, ok := declines[number]; ok {
		a.Status, a.FailureCode, a.FailureMessage = checkout.ActionFailed, d[0], d[2]
		g.intent.LastError = &checkout.Failure{Kind: checkout.KindDeclined, Code: d[0], DeclineCode: d[1], Message: d[2]}
		return g.readers[i], nil
	}
	a.Status = checkout.ActionSucceeded
	brand := brands[number]
	if brand == "" {
		brand = "visa"
	}
	g.intent.Status, g.intent.LastError = checkout.IntentRequiresCapture, nil
	g.intent.Card = checkout.Card{Brand: brand, Last4: number[len(number)-4:]}
	if tip > 0 && g.tipping != nil && !g.tipping.Skip {
		// As on Stripe: the tip is added to the amount, and amount_details.tip says how much.
		g.intent.Tip = tip
		g.intent.Amount.Amount += tip
	}
	g.intent.AmountCapturable = g.intent.Amount.Amount
	if g.Now != nil && g.CaptureWindow > 0 {
		g.intent.CaptureBefore = g.Now().Add(g.CaptureWindow)
	}
	return g.readers[i], nil
}
