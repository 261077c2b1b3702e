package ui

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/till-pos/till/checkout"
)

// recorder is one log shared by the fake store and gateway, so tests can assert the
// order of saves and calls.
type recorder struct {
	mu      sync.Mutex
	entries []entry
}

// entry is a save (session set) or a call (step and key set).
type entry struct {
	save    *checkout.Session
	step    string
	key     string
	subject string // reader or intent id, or card number
}

func (r *recorder) add(e entry) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.entries = append(r.entries, e)
}

func (r *recorder) all() []entry {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]entry(nil), r.entries...)
}

// calls lists the gateway calls as "step key subject" strings.
func (r *recorder) calls() []string {
	var out []string
	for _, e := range r.all() {
		if e.save == nil {
			out = append(out, fmt.Sprintf("%s %s %s", e.step, e.key, e.subject))
		}
	}
	return out
}

// saves lists the saved sessions.
func (r *recorder) saves() []checkout.Session {
	var out []checkout.Session
	for _, e := range r.all() {
		if e.save != nil {
			out = append(out, *e.save)
		}
	}
	return out
}

// fakeStore is an in-memory Store whose methods can be replaced.
type fakeStore struct {
	log          *recorder
	mu           sync.Mutex
	prefs        map[string]string
	SaveFn       func(checkout.Session) error
	UnfinishedFn func() ([]checkout.Session, error)
	journal      []checkout.Entry
	sessions     map[string]checkout.Session // the last save of each order
}

func (s *fakeStore) Append(e checkout.Entry) (checkout.Entry, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	e.Seq = uint64(len(s.journal) + 1)
	s.journal = append(s.journal, e)
	return e, nil
}

func newFakeStore(log *recorder) *fakeStore {
	return &fakeStore{log: log, prefs: map[string]string{}, sessions: map[string]checkout.Session{}}
}

func (s *fakeStore) Entries(orderID string) ([]checkout.Entry, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []checkout.Entry
	for _, e := range s.journal {
		if e.OrderID == orderID {
			out = append(out, e)
		}
	}
	return out, nil
}

func (s *fakeStore) Summaries(since time.Time) ([]checkout.Summary, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []checkout.Summary
	for _, sess := range s.sessions {
		if !sess.StartedAt.Before(since) {
			out = append(out, sess.Summary())
		}
	}
	slices.SortFunc(out, func(a, b checkout.Summary) int { return a.StartedAt.Compare(b.StartedAt) })
	return out, nil
}

func (s *fakeStore) Session(orderID string) (checkout.Session, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sess, ok := s.sessions[orderID]
	return sess, ok, nil
}

// put stores a session as if an earlier run had saved it.
func (s *fakeStore) put(sess checkout.Session) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sessions[sess.OrderID] = sess
}

func (s *fakeStore) SaveSession(sess checkout.Session) error {
	if s.SaveFn != nil {
		if err := s.SaveFn(sess); err != nil {
			return err
		}
	}
	s.log.add(entry{save: &sess})
	s.put(sess)
	return nil
}

func (s *fakeStore) Unfinished() ([]checkout.Session, error) {
	if s.UnfinishedFn != nil {
		return s.UnfinishedFn()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []checkout.Session
	for _, sess := range s.sessions {
		if sess.Phase != checkout.Building && !sess.Phase.Finished() {
			out = append(out, sess)
		}
	}
	slices.SortFunc(out, func(a, b checkout.Session) int { return a.StartedAt.Compare(b.StartedAt) })
	return out, nil
}

func (s *fakeStore) Pref(key string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.prefs[key], nil
}

func (s *fakeStore) SetPref(key, value string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.prefs[key] = value
	return nil
}

func (s *fakeStore) pref(key string) string {
	v, _ := s.Pref(key)
	return v
}

// fakeGateway is a tiny simulated Stripe: one PaymentIntent and a set of readers whose
// actions follow the presented test card. Each method can be replaced by its Fn field.
type fakeGateway struct {
	log     *recorder
	mu      sync.Mutex
	readers []checkout.Reader
	intent  checkout.Intent
	others  []checkout.Intent // further intents, found by UnfinishedIntents and settled by id

	ListReadersFn func() ([]checkout.Reader, error)
	ReadIntentFn  func(id string) (checkout.Intent, error)
	PresentFn     func(readerID, number string) (checkout.Reader, error)
	CaptureFn     func(req checkout.CaptureIntent) (checkout.Intent, error)
	ReadReaderFn  func(id string) (checkout.Reader, error)
}

func (g *fakeGateway) ListLocations(context.Context) ([]checkout.Location, error) {
	g.log.add(entry{step: "list_locations"})
	return []checkout.Location{{ID: "tml_shop", DisplayName: "till demo shop"}}, nil
}

// UnfinishedIntents lists the cashier's intent, if any, and the others.
func (g *fakeGateway) UnfinishedIntents(_ context.Context, since time.Time) ([]checkout.Intent, error) {
	g.log.add(entry{step: "unfinished_intents", subject: since.Format(time.RFC3339)})
	g.mu.Lock()
	defer g.mu.Unlock()
	out := slices.Clone(g.others)
	if g.intent.ID != "" {
		out = append(out, g.intent)
	}
	return out, nil
}

// other finds one of the further intents; the caller holds g.mu.
func (g *fakeGateway) other(id string) (*checkout.Intent, bool) {
	for i := range g.others {
		if g.others[i].ID == id {
			return &g.others[i], true
		}
	}
	return nil, false
}

var (
	frontCounter = checkout.Reader{ID: "tmr_front", Label: "Front counter", DeviceType: "simulated_wisepos_e", Status: "online"}
	backCounter  = checkout.Reader{ID: "tmr_back", Label: "Back counter", DeviceType: "simulated_stripe_s700", Status: "online"}
	realReader   = checkout.Reader{ID: "tmr_real", Label: "Till 2", DeviceType: "bbpos_wisepos_e", Status: "online"}
)

func newFakeGateway(log *recorder, readers ...checkout.Reader) *fakeGateway {
	return &fakeGateway{log: log, readers: readers}
}

var errNetwork = &checkout.Failure{Kind: checkout.KindNetwork, Message: "connection refused"}

func (g *fakeGateway) readerAt(id string) (int, error) {
	for i, r := range g.readers {
		if r.ID == id {
			return i, nil
		}
	}
	return 0, &checkout.Failure{Kind: checkout.KindNotFound, Code: "resource_missing", Message: "No such reader: " + id}
}

func (g *fakeGateway) CreateIntent(_ context.Context, req checkout.CreateIntent) (checkout.Intent, error) {
	g.log.add(entry{step: "create", key: req.Key, subject: req.OrderID})
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.intent.ID == "" {
		g.intent = checkout.Intent{ID: "pi_1", Status: checkout.IntentRequiresPaymentMethod, Amount: req.Amount,
			CaptureMethod: req.CaptureMethod, OrderID: req.OrderID}
	}
	return g.intent, nil
}

func (g *fakeGateway) ProcessOnReader(_ context.Context, req checkout.ProcessOnReader) (checkout.Reader, error) {
	g.log.add(entry{step: "process", key: req.Key, subject: req.ReaderID})
	g.mu.Lock()
	defer g.mu.Unlock()
	i, err := g.readerAt(req.ReaderID)
	if err != nil {
		return checkout.Reader{}, err
	}
	g.readers[i].Action = &checkout.ReaderAction{Type: "process_payment_intent", Status: checkout.ActionInProgress, PaymentIntentID: req.PaymentIntentID}
	return g.readers[i], nil
}

func (g *fakeGateway) ReadIntent(_ context.Context, id string) (checkout.Intent, error) {
	g.log.add(entry{step: "read_intent", subject: id})
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

func (g *fakeGateway) ReadReader(_ context.Context, id string) (checkout.Reader, error) {
	g.log.add(entry{step: "read_reader", subject: id})
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

func (g *fakeGateway) CaptureIntent(_ context.Context, req checkout.CaptureIntent) (checkout.Intent, error) {
	g.log.add(entry{step: "capture", key: req.Key, subject: req.PaymentIntentID})
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

func (g *fakeGateway) CancelReaderAction(_ context.Context, readerID string) (checkout.Reader, error) {
	g.log.add(entry{step: "cancel_action", subject: readerID})
	g.mu.Lock()
	defer g.mu.Unlock()
	i, err := g.readerAt(readerID)
	if err != nil {
		return checkout.Reader{}, err
	}
	g.readers[i].Action = nil
	return g.readers[i], nil
}

func (g *fakeGateway) CancelIntent(_ context.Context, req checkout.CancelIntent) (checkout.Intent, error) {
	g.log.add(entry{step: "cancel_intent", key: req.Key, subject: req.PaymentIntentID})
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

func (g *fakeGateway) ListReaders(context.Context) ([]checkout.Reader, error) {
	g.log.add(entry{step: "list_readers"})
	if g.ListReadersFn != nil {
		return g.ListReadersFn()
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	return append([]checkout.Reader(nil), g.readers...), nil
}

// PresentCard approves 4242… and declines 4000000000000002, like Stripe's simulator.
func (g *fakeGateway) PresentCard(_ context.Context, readerID, number string) (checkout.Reader, error) {
	g.log.add(entry{step: "present", subject: number})
	if g.PresentFn != nil {
		return g.PresentFn(readerID, number)
	}
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
	if number == cardDeclines {
		a.Status, a.FailureCode, a.FailureMessage = checkout.ActionFailed, "card_declined", "Your card was declined."
		g.intent.LastError = &checkout.Failure{Kind: checkout.KindDeclined, Code: "card_declined", DeclineCode: "generic_decline"}
		return g.readers[i], nil
	}
	a.Status = checkout.ActionSucceeded
	g.intent.Status, g.intent.LastError = checkout.IntentRequiresCapture, nil
	g.intent.Card = checkout.Card{Brand: "visa", Last4: number[len(number)-4:]}
	g.intent.AmountCapturable = g.intent.Amount.Amount
	return g.readers[i], nil
}

// fixedClock is a clock tests move by hand.
type fixedClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fixedClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fixedClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

var errDiskFull = errors.New("disk full")

// fakeDemo is the emulator's fault panel in memory.
type fakeDemo struct {
	log    *recorder
	mu     sync.Mutex
	faults map[string][]string
}

func (d *fakeDemo) ReaderFaults(context.Context) (map[string][]string, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	out := map[string][]string{}
	for k, v := range d.faults {
		out[k] = slices.Clone(v)
	}
	return out, nil
}

func (d *fakeDemo) ToggleReaderFault(_ context.Context, readerID, fault string) error {
	d.log.add(entry{step: "toggle_fault", key: fault, subject: readerID})
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.faults == nil {
		d.faults = map[string][]string{}
	}
	fs := d.faults[readerID]
	if i := slices.Index(fs, fault); i >= 0 {
		d.faults[readerID] = slices.Delete(slices.Clone(fs), i, i+1)
	} else {
		d.faults[readerID] = append(slices.Clone(fs), fault)
	}
	return nil
}
