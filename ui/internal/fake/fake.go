// Package fake is the screen's test bed: an in-memory Stripe (readers whose actions
// follow the presented test card, PaymentIntents), store and emulator fault panel, all
// recording into one log so tests can assert the order of saves and calls, a clock
// moved by hand, and a synchronous runner for Cmds. Only tests import it.
package fake

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"sync"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/till-pos/till/checkout"
)

// T0 is the fixed start of every test's clock: Saturday 14 March 2026, 15:09:26 UTC.
var T0 = time.Date(2026, 3, 14, 15, 9, 26, 0, time.UTC)

// Recorder is one log shared by the fake store and gateway.
type Recorder struct {
	mu      sync.Mutex
	entries []Entry
}

// Entry is a save (Save set) or a call (Step and Key set).
type Entry struct {
	Save    *checkout.Session
	Step    string
	Key     string
	Subject string // reader or intent id, or card number
}

func (r *Recorder) add(e Entry) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.entries = append(r.entries, e)
}

// All is every save and call, in order.
func (r *Recorder) All() []Entry {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Entry(nil), r.entries...)
}

// Calls lists the gateway calls as "step key subject" strings.
func (r *Recorder) Calls() []string {
	var out []string
	for _, e := range r.All() {
		if e.Save == nil {
			out = append(out, fmt.Sprintf("%s %s %s", e.Step, e.Key, e.Subject))
		}
	}
	return out
}

// Saves lists the saved sessions.
func (r *Recorder) Saves() []checkout.Session {
	var out []checkout.Session
	for _, e := range r.All() {
		if e.Save != nil {
			out = append(out, *e.Save)
		}
	}
	return out
}

// Store is an in-memory store whose methods can be replaced by its Fn fields.
type Store struct {
	log          *Recorder
	mu           sync.Mutex
	prefs        map[string]string
	SaveFn       func(checkout.Session) error
	UnfinishedFn func() ([]checkout.Session, error)
	SetPrefFn    func(key, value string) error
	journal      []checkout.Entry
	sessions     map[string]checkout.Session // the last save of each order
}

// NewStore is an empty store that records into log.
func NewStore(log *Recorder) *Store {
	return &Store{log: log, prefs: map[string]string{}, sessions: map[string]checkout.Session{}}
}

// Append adds a journal entry.
func (s *Store) Append(e checkout.Entry) (checkout.Entry, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	e.Seq = uint64(len(s.journal) + 1)
	s.journal = append(s.journal, e)
	return e, nil
}

// Entries is an order's journal.
func (s *Store) Entries(orderID string) ([]checkout.Entry, error) {
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

// Sessions are the sessions started since a time, oldest first.
func (s *Store) Sessions(since time.Time) ([]checkout.Session, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []checkout.Session
	for _, sess := range s.sessions {
		if !sess.StartedAt.Before(since) {
			out = append(out, sess)
		}
	}
	slices.SortFunc(out, func(a, b checkout.Session) int { return a.StartedAt.Compare(b.StartedAt) })
	return out, nil
}

// Session is an order's last saved session.
func (s *Store) Session(orderID string) (checkout.Session, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sess, ok := s.sessions[orderID]
	return sess, ok, nil
}

// Put stores a session as if an earlier run had saved it.
func (s *Store) Put(sess checkout.Session) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sessions[sess.OrderID] = sess
}

// SaveSession saves a session, unless SaveFn refuses.
func (s *Store) SaveSession(sess checkout.Session) error {
	if s.SaveFn != nil {
		if err := s.SaveFn(sess); err != nil {
			return err
		}
	}
	s.log.add(Entry{Save: &sess})
	s.Put(sess)
	return nil
}

// Unfinished are the saved sessions neither building nor finished, oldest first.
func (s *Store) Unfinished() ([]checkout.Session, error) {
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

// Pref reads a preference.
func (s *Store) Pref(key string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.prefs[key], nil
}

// SetPref sets a preference, unless SetPrefFn refuses.
func (s *Store) SetPref(key, value string) error {
	if s.SetPrefFn != nil {
		if err := s.SetPrefFn(key, value); err != nil {
			return err
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.prefs[key] = value
	return nil
}

// PrefOf is a preference's value, for assertions.
func (s *Store) PrefOf(key string) string {
	v, _ := s.Pref(key)
	return v
}

// Gateway is a tiny simulated Stripe: one PaymentIntent (the cashier's), further ones,
// and readers whose actions follow the presented test card. Each method can be
// replaced by its Fn field.
type Gateway struct {
	log     *Recorder
	mu      sync.Mutex
	readers []checkout.Reader
	intent  checkout.Intent
	others  []checkout.Intent // further intents, listed by ListIntents and settled by id

	// IntentID is the id CreateIntent gives the next intent; default "pi_1".
	IntentID string
	// Now and CaptureWindow set capture_before on an approval, when both are set.
	Now           func() time.Time
	CaptureWindow time.Duration

	ListReadersFn func() ([]checkout.Reader, error)
	CreateFn      func(req checkout.CreateIntent) (checkout.Intent, error)
	ProcessFn     func(req checkout.ProcessOnReader) (checkout.Reader, error)
	ReadIntentFn  func(id string) (checkout.Intent, error)
	PresentFn     func(readerID, number string) (checkout.Reader, error)
	CaptureFn     func(req checkout.CaptureIntent) (checkout.Intent, error)
	ReadReaderFn  func(id string) (checkout.Reader, error)
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
	g.intent = checkout.Intent{ID: s.PaymentIntentID, Status: s.IntentStatus, Amount: s.Amount, Card: s.Card,
		CaptureBefore: s.CaptureBefore, OrderID: s.OrderID}
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

// ListIntents lists the cashier's intent, if any, and the others.
func (g *Gateway) ListIntents(_ context.Context, since time.Time) ([]checkout.Intent, error) {
	g.log.add(Entry{Step: "list_intents", Subject: since.Format(time.RFC3339)})
	g.mu.Lock()
	defer g.mu.Unlock()
	out := slices.Clone(g.others)
	if g.intent.ID != "" {
		out = append(out, g.intent)
	}
	return out, nil
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
			CaptureMethod: req.CaptureMethod, OrderID: req.OrderID}
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
	g.intent.AmountCapturable = g.intent.Amount.Amount
	if g.Now != nil && g.CaptureWindow > 0 {
		g.intent.CaptureBefore = g.Now().Add(g.CaptureWindow)
	}
	return g.readers[i], nil
}

// Clock is a clock tests move by hand.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// NewClock is a clock at t.
func NewClock(t time.Time) *Clock { return &Clock{t: t} }

// Now is the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Advance moves the clock.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// Demo is the emulator's fault panel in memory.
type Demo struct {
	log    *Recorder
	mu     sync.Mutex
	faults map[string][]string
}

// NewDemo is a fault panel with some faults on.
func NewDemo(log *Recorder, faults map[string][]string) *Demo {
	return &Demo{log: log, faults: faults}
}

// ReaderFaults lists the faults on, per reader.
func (d *Demo) ReaderFaults(context.Context) (map[string][]string, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	out := map[string][]string{}
	for k, v := range d.faults {
		out[k] = slices.Clone(v)
	}
	return out, nil
}

// ToggleReaderFault switches one fault on or off.
func (d *Demo) ToggleReaderFault(_ context.Context, readerID, fault string) error {
	d.log.add(Entry{Step: "toggle_fault", Key: fault, Subject: readerID})
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

// Run executes a Cmd and every Cmd of a batch or a sequence, in order, returning their
// messages.
func Run(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	if msg == nil {
		return nil
	}
	var cmds []tea.Cmd
	switch m := msg.(type) {
	case tea.BatchMsg:
		cmds = m
	default:
		// tea.Sequence's message is an unexported []tea.Cmd.
		v := reflect.ValueOf(msg)
		if v.Kind() != reflect.Slice || v.Type().Elem() != reflect.TypeOf(tea.Cmd(nil)) {
			return []tea.Msg{msg}
		}
		for i := range v.Len() {
			cmds = append(cmds, v.Index(i).Interface().(tea.Cmd))
		}
	}
	var out []tea.Msg
	for _, c := range cmds {
		out = append(out, Run(c)...)
	}
	return out
}

// Made-up sessions, as an earlier run would have saved them: a payment of $29.74 on
// the front counter, order Order, PaymentIntent Intent.
const (
	Order  = "ord_20260314150926_a1b2c3"
	Intent = "pi_3Emu0000000001"
)

// Live is the payment at a phase, with no intent yet.
func Live(p checkout.Phase) checkout.Session {
	return checkout.Session{
		OrderID: Order, Phase: p, Amount: checkout.Money{Amount: 2974, Currency: "usd"},
		Cart: checkout.Cart{Currency: "usd", Lines: []checkout.Line{{Description: "Flat white", UnitPrice: 450, Quantity: 2},
			{Description: "Almond croissant", UnitPrice: 375, Quantity: 1},
			{Description: "Bag of house-roasted beans, Ethiopia Yirgacheffe, 250 g", UnitPrice: 1699, Quantity: 1}}},
		ReaderID: FrontCounter.ID, CaptureMethod: checkout.CaptureManual,
		StartedAt: T0.Add(-2 * time.Minute), UpdatedAt: T0, Attempts: 1,
	}
}

// WithIntent gives a session its PaymentIntent, in a status.
func WithIntent(s checkout.Session, status checkout.IntentStatus) checkout.Session {
	s.PaymentIntentID, s.IntentStatus = Intent, status
	return s
}

// Awaiting is the payment on the reader for 83 seconds.
func Awaiting() checkout.Session {
	s := WithIntent(Live(checkout.Awaiting), checkout.IntentRequiresPaymentMethod)
	s.Action = &checkout.ReaderAction{Type: "process_payment_intent", Status: checkout.ActionInProgress, PaymentIntentID: s.PaymentIntentID}
	s.ActionSince = T0.Add(-83 * time.Second)
	return s
}

// Approved is the payment authorized by a Visa.
func Approved() checkout.Session {
	s := WithIntent(Live(checkout.Approved), checkout.IntentRequiresCapture)
	s.Card = checkout.Card{Brand: "visa", Last4: "4242"}
	s.CaptureBefore = T0.Add(48 * time.Hour)
	return s
}

// FailPaidSaves makes the store refuse to save a paid session: the disk filled up
// between the capture and its save.
func (s *Store) FailPaidSaves() {
	s.SaveFn = func(sess checkout.Session) error {
		if sess.Phase == checkout.Paid {
			return ErrDiskFull
		}
		return nil
	}
}
