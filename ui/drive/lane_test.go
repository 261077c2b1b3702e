package drive

import (
	"errors"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/internal/fake"
)

// rig is one store and Stripe with a lane or two driving on them, synchronously.
type rig struct {
	log *fake.Recorder
	gw  *fake.Gateway
	st  *fake.Store
	env Env
}

func newRig() *rig {
	r := &rig{log: &fake.Recorder{}}
	r.gw, r.st = fake.NewGateway(r.log, fake.FrontCounter), fake.NewStore(r.log)
	r.env = Env{Gateway: r.gw, Store: r.st, Saver: NewSaver(), PollEvery: time.Millisecond, MaxBackoff: 8 * time.Millisecond,
		CallTimeout: time.Second, Now: func() time.Time { return fake.T0 },
		After: func(_ time.Duration, fn func(time.Time) tea.Msg) tea.Cmd {
			return func() tea.Msg { return fn(fake.T0) }
		}}
	return r
}

func awaitingSession() checkout.Session {
	return checkout.Session{OrderID: "ord_1", Phase: checkout.Awaiting, Amount: checkout.Money{Amount: 700, Currency: "usd"},
		ReaderID: fake.FrontCounter.ID, PaymentIntentID: "pi_1", IntentStatus: checkout.IntentRequiresPaymentMethod, Attempts: 1,
		Action: &checkout.ReaderAction{Type: "process_payment_intent", Status: checkout.ActionInProgress, PaymentIntentID: "pi_1"}}
}

var declinedRead = checkout.StatusRead{
	Intent: &checkout.Intent{ID: "pi_1", Status: checkout.IntentRequiresPaymentMethod},
	Reader: &checkout.Reader{ID: fake.FrontCounter.ID, Action: &checkout.ReaderAction{
		Status: checkout.ActionFailed, FailureCode: "card_declined", PaymentIntentID: "pi_1"}},
	At: fake.T0,
}

func TestStaleReadsAreDropped(t *testing.T) {
	r := newRig()
	l := NewLane("cashier", awaitingSession())
	old := l.gen
	l, _, err := l.Act(r.env, checkout.CheckRequested{At: fake.T0}) // the check starts a new generation
	if err != nil || l.gen == old {
		t.Fatalf("check: %v, generation %d → %d", err, old, l.gen)
	}
	l, _, rep := l.Update(r.env, ResultMsg{lane: "cashier", gen: old, read: true, event: declinedRead})
	if !rep.Mine || l.Session().Phase != checkout.Awaiting {
		t.Errorf("a stale read moved the session to %s", l.Session().Phase)
	}
	read := checkout.ReadStatus{ReaderID: fake.FrontCounter.ID, PaymentIntentID: "pi_1", Wait: true}
	if _, cmd, _ := l.Update(r.env, DueMsg{job: job{lane: "cashier", gen: old, effect: read, read: true}}); cmd != nil {
		t.Errorf("a stale poll still made its call")
	}
	l, _, _ = l.Update(r.env, ResultMsg{lane: "cashier", gen: l.gen, read: true, event: declinedRead})
	if l.Session().Phase != checkout.Declined {
		t.Errorf("a current read was not applied: %s", l.Session().Phase)
	}
	// Another lane's messages are not this lane's.
	if _, _, rep := l.Update(r.env, ResultMsg{lane: "support", gen: l.gen, event: declinedRead}); rep.Mine {
		t.Error("the lane took another lane's result")
	}
}

func TestOtherResultsAreNeverDropped(t *testing.T) {
	r := newRig()
	s := awaitingSession()
	s.Phase, s.IntentStatus, s.Action = checkout.Capturing, checkout.IntentRequiresCapture, nil
	l := NewLane("cashier", s)
	l.gen += 5 // the cashier acted meanwhile
	captured := checkout.Captured{Intent: checkout.Intent{ID: "pi_1", Status: checkout.IntentSucceeded}, At: fake.T0}
	l, _, _ = l.Update(r.env, ResultMsg{lane: "cashier", gen: 0, read: false, event: captured})
	if l.Session().Phase != checkout.Paid {
		t.Errorf("capture result dropped: phase %s", l.Session().Phase)
	}
}

func TestRefusedActionAndIgnoredResult(t *testing.T) {
	r := newRig()
	l := NewLane("cashier", awaitingSession())
	late := checkout.Captured{Intent: checkout.Intent{ID: "pi_1", Status: checkout.IntentSucceeded}, At: fake.T0}
	l, cmd, rep := l.Update(r.env, ResultMsg{lane: "cashier", gen: l.gen, event: late})
	if l.Session().Phase != checkout.Awaiting || cmd != nil || rep.Flash != "" {
		t.Errorf("an invalid result changed the lane: %s %q", l.Session().Phase, rep.Flash)
	}
	next, _, err := l.Act(r.env, checkout.CaptureRequested{At: fake.T0})
	if err == nil || Refusal(err, "payment", l.Session().PhaseWords()) != "That does not apply to this payment now (awaiting); till did not send it to Stripe." {
		t.Errorf("an invalid action gave %v", err)
	}
	if next.gen != l.gen {
		t.Error("a refused action started a new poll generation, which would stop polling")
	}
}

func TestSaverKeepsNewestRevision(t *testing.T) {
	log := &fake.Recorder{}
	st := fake.NewStore(log)
	sv := NewSaver()
	newer := checkout.Session{OrderID: "ord_1", Phase: checkout.Capturing}
	older := checkout.Session{OrderID: "ord_1", Phase: checkout.Approved}
	other := checkout.Session{OrderID: "ord_2", Phase: checkout.Creating}
	for _, c := range []struct {
		rev  int
		sess checkout.Session
	}{{5, newer}, {4, older}, {5, newer}, {1, other}} {
		if err := sv.save(c.sess.OrderID, c.rev, func() error { return st.SaveSession(c.sess) }); err != nil {
			t.Fatal(err)
		}
	}
	saves := log.Saves()
	if len(saves) != 2 || saves[0].Phase != checkout.Capturing || saves[1].OrderID != "ord_2" {
		t.Errorf("saves %+v, want the newer ord_1 once and ord_2", saves)
	}
}

// TestSaveFailureRestoresItsOwnLane: a save that fails puts its own lane's session back,
// even when the other lane has committed since (both lanes share the saver's revisions).
func TestSaveFailureRestoresItsOwnLane(t *testing.T) {
	r := newRig()
	cashier := NewLane("cashier", awaitingSession())
	earlier := awaitingSession()
	earlier.OrderID, earlier.PaymentIntentID = "ord_earlier", "pi_earlier"
	earlier.Phase, earlier.IntentStatus, earlier.Action = checkout.Approved, checkout.IntentRequiresCapture, nil
	r.st.SaveFn = func(s checkout.Session) error {
		if s.OrderID == earlier.OrderID {
			return errors.New("disk full")
		}
		return nil
	}
	support, cmd, err := NewLane("support", checkout.Session{}).Start(r.env, earlier, checkout.CaptureRequested{At: fake.T0})
	if err != nil {
		t.Fatal(err)
	}
	failed := fake.Run(cmd)                                                  // support's save, answered after...
	cashier, _, _ = cashier.Act(r.env, checkout.CheckRequested{At: fake.T0}) // ...the cashier's next commit
	var flash string
	for _, msg := range failed {
		var rep Report
		support, _, rep = support.Update(r.env, msg)
		cashier, _, _ = cashier.Update(r.env, msg)
		flash += rep.Flash
	}
	if s := support.Session(); s.Phase != checkout.Approved || !support.Stalled() || flash != "till could not write to its database (disk full), so it made no further call for this order. The card is authorized for $7.00 (pi_earlier): the money is held, not taken." {
		t.Errorf("support lane %s stalled=%v %q, want the approved session back, stalled", s.Phase, support.Stalled(), flash)
	}
	if cashier.Session().Phase != checkout.Awaiting || cashier.Stalled() {
		t.Errorf("cashier lane %s stalled=%v, want awaiting, not stalled", cashier.Session().Phase, cashier.Stalled())
	}
}
