package ui

import (
	"bytes"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/emulator"
	"github.com/till-pos/till/readerctl"
	"github.com/till-pos/till/store"
	"github.com/till-pos/till/ui/internal/fake"
	"github.com/till-pos/till/ui/picker"
)

// flow is the TUI running as a program against the in-process emulator, the real
// Stripe adapter and a real database.
type flow struct {
	t   *testing.T
	emu *emulator.Emulator
	st  *store.Store
	gw  *readerctl.Client
	url string // the emulator's, for its admin API
	tm  *teatest.TestModel
	// tune changes the options and connections of every till the flow starts.
	tune func(*Options, *Deps)
}

// newFlow starts the TUI; configured sets Options.ReaderID to the front counter, else
// the cashier has to choose between the two seeded readers.
func newFlow(t *testing.T, configured bool) *flow {
	t.Helper()
	return newFlowWith(t, configured, nil)
}

// newFlowWith is newFlow with the till's options and connections tuned.
func newFlowWith(t *testing.T, configured bool, tune func(*Options, *Deps)) *flow {
	t.Helper()
	emu, err := emulator.New(emulator.Options{Seed: true})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)
	rc, err := readerctl.New(readerctl.Config{APIKey: "sk_test_x", BaseURL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(filepath.Join(t.TempDir(), "till.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	f := &flow{t: t, emu: emu, st: st, gw: rc, url: srv.URL, tune: tune}
	f.start(configured)
	return f
}

// start runs a new till on the flow's emulator and database, as after a restart.
func (f *flow) start(configured bool) {
	opts := Options{
		Shop:        "till demo shop",
		PollEvery:   20 * time.Millisecond,
		MaxBackoff:  200 * time.Millisecond,
		CallTimeout: 5 * time.Second,
		StuckAfter:  50 * time.Millisecond,
		NewOrderID:  func() string { return "ord_" + f.t.Name()[len("TestFlow"):] },
	}
	if configured {
		opts.ReaderID = f.front()
	}
	deps := Deps{Gateway: f.gw, Store: f.st, Demo: fake.AdminPanel{AdminClient: emulator.AdminClient{BaseURL: f.url}}}
	if f.tune != nil {
		f.tune(&opts, &deps)
	}
	f.tm = teatest.NewTestModel(f.t, New(deps, opts), teatest.WithInitialTermSize(80, 24))
}

// front is the first seeded reader, the front counter.
func (f *flow) front() string {
	f.t.Helper()
	ids := f.emu.ReaderIDs()
	if len(ids) == 0 {
		f.t.Fatal("the emulator has no readers")
	}
	return ids[0]
}

// wait blocks until the screen shows text.
func (f *flow) wait(text string) {
	f.t.Helper()
	teatest.WaitFor(f.t, f.tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(text)) },
		teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
}

func (f *flow) key(k string) { f.tm.Send(fake.Key(k)) }

// addLine fills in the add-line form.
func (f *flow) addLine(desc, price, qty string) {
	f.tm.Type("a")
	f.wait("Add a line")
	f.tm.Type(desc)
	f.key("tab")
	f.tm.Type(price)
	f.key("tab")
	f.tm.Type(qty)
	f.key("enter")
}

// charge adds one line and charges the cart, which shows total, on the configured reader.
func (f *flow) charge(desc, price, qty, total string) {
	f.t.Helper()
	f.addLine(desc, price, qty)
	f.wait(total)
	f.key("enter")
	f.wait("Ask the customer")
}

// approveAndQuit presents the approving card, captures, and quits from the paid screen.
func (f *flow) approveAndQuit() Model {
	f.t.Helper()
	f.tm.Type("1")
	f.wait("ready to capture")
	f.tm.Type("c")
	f.wait("PaymentIntent")
	return f.quit()
}

// quit leaves from a finished screen and returns the final model.
func (f *flow) quit() Model {
	f.t.Helper()
	f.tm.Type("q")
	return f.tm.FinalModel(f.t, teatest.WithFinalTimeout(5*time.Second)).(Model)
}

// saved waits for the store to hold the order in a phase: saves run in Cmds, which
// may still be finishing when the screen already shows the result.
func (f *flow) saved(orderID string, want checkout.Phase) checkout.Session {
	f.t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		s, ok, err := f.st.Session(orderID)
		if err != nil {
			f.t.Fatal(err)
		}
		if ok && s.Phase == want {
			return s
		}
		if time.Now().After(deadline) {
			f.t.Fatalf("store has %s in phase %q (found %v), want %s", orderID, s.Phase, ok, want)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// onlyIntent returns the emulator's one PaymentIntent.
func (f *flow) onlyIntent() emulator.PaymentIntentSummary {
	f.t.Helper()
	pis := f.emu.PaymentIntents()
	if len(pis) != 1 {
		f.t.Fatalf("the emulator has %d PaymentIntents, want 1: %+v", len(pis), pis)
	}
	return pis[0]
}

func TestFlowApproveCapture(t *testing.T) {
	f := newFlow(t, true)
	f.charge("Coffee", "6.00", "2", "$12.00")
	fm := f.approveAndQuit()

	pi := f.onlyIntent()
	if pi.Status != "succeeded" || pi.Amount != 1200 || pi.OrderID != fm.payment.Session().OrderID {
		t.Errorf("PaymentIntent %+v, want succeeded, 1200, order %s", pi, fm.payment.Session().OrderID)
	}
	s := f.saved(fm.payment.Session().OrderID, checkout.Paid)
	if s.PaymentIntentID != pi.ID || s.Card.Last4 != "4242" {
		t.Errorf("saved session %+v does not match the PaymentIntent %s", s, pi.ID)
	}
	teatest.RequireEqualOutput(t, []byte(fm.View()))
}

func TestFlowDeclineRetryApprove(t *testing.T) {
	f := newFlow(t, true)
	f.charge("Sandwich", "12.00", "1", "$12.00")
	f.tm.Type("2")
	f.wait("Card declined")
	f.tm.Type("r")
	f.wait("Ask the customer")
	fm := f.approveAndQuit()

	pi := f.onlyIntent()
	if pi.Status != "succeeded" {
		t.Errorf("PaymentIntent status %s, want succeeded", pi.Status)
	}
	s := f.saved(fm.payment.Session().OrderID, checkout.Paid)
	if s.Attempts != 2 {
		t.Errorf("attempts %d, want 2 (a decline, then the approval)", s.Attempts)
	}
}

func TestFlowCancelWhileAwaiting(t *testing.T) {
	f := newFlow(t, false) // two readers and no choice yet: the charge asks for one
	f.wait("a free line")
	f.addLine("Tea", "3.00", "1")
	f.wait("$3.00")
	f.key("enter")
	f.wait("Choose a reader")
	f.key("enter")
	f.wait("Ask the customer")
	f.tm.Type("x")
	f.wait("Cancel the payment?")
	f.tm.Type("y")
	f.wait("Payment canceled")
	fm := f.quit()

	if pi := f.onlyIntent(); pi.Status != "canceled" {
		t.Errorf("PaymentIntent status %s, want canceled", pi.Status)
	}
	f.saved(fm.payment.Session().OrderID, checkout.Canceled)
	chosen := fm.payment.Session().ReaderID
	if typ, status, pi, ok := f.emu.ReaderAction(chosen); ok && status == string(checkout.ActionInProgress) {
		t.Errorf("the reader still takes the payment: %s %s %s", typ, status, pi)
	}
	if got, _ := f.st.Pref(picker.PrefReader); got != chosen || chosen == "" {
		t.Errorf("remembered reader %q, want the chosen %q", got, chosen)
	}
}

func TestFlowResumeAfterQuit(t *testing.T) {
	f := newFlow(t, true)
	f.charge("Scarf", "25.00", "1", "$25.00")
	f.key("ctrl+c")
	f.wait("Quit? (y/n)")
	f.tm.Type("y")
	first := f.tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(Model)
	f.saved(first.payment.Session().OrderID, checkout.Awaiting)

	f.start(true)
	f.wait("Resumed: this payment was left open")
	fm := f.approveAndQuit()

	if fm.payment.Session().OrderID != first.payment.Session().OrderID {
		t.Errorf("resumed order %s, want %s", fm.payment.Session().OrderID, first.payment.Session().OrderID)
	}
	if pi := f.onlyIntent(); pi.Status != "succeeded" || pi.Amount != 2500 {
		t.Errorf("PaymentIntent %+v, want one, succeeded, 2500", pi)
	}
	f.saved(fm.payment.Session().OrderID, checkout.Paid)
	if open, err := f.st.Unfinished(); err != nil || len(open) != 0 {
		t.Errorf("unfinished after the resumed payment: %v %v", open, err)
	}
}
