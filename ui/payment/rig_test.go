package payment

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/common"
	"github.com/till-pos/till/ui/drive"
	"github.com/till-pos/till/ui/internal/fake"
)

func init() { lipgloss.SetColorProfile(termenv.Ascii) }

var t0 = fake.T0

// rig is the payment page alone on the fake Stripe and store, driven synchronously.
type rig struct {
	t     *testing.T
	log   *fake.Recorder
	gw    *fake.Gateway
	st    *fake.Store
	clock *fake.Clock
	m     Model
	order int
}

func newRig(t *testing.T, readers ...checkout.Reader) *rig {
	r := &rig{t: t, log: &fake.Recorder{}, clock: fake.NewClock(t0)}
	r.gw, r.st = fake.NewGateway(r.log, readers...), fake.NewStore(r.log)
	env := drive.Env{Gateway: r.gw, Store: r.st, Saver: drive.NewSaver(), PollEvery: time.Millisecond, MaxBackoff: 8 * time.Millisecond,
		CallTimeout: time.Second, Now: r.clock.Now,
		After: func(_ time.Duration, fn func(time.Time) tea.Msg) tea.Cmd {
			return func() tea.Msg { return fn(r.clock.Now()) }
		}}
	r.m = New(common.DefaultStyles(), common.DefaultKeys(), Deps{Env: env, Cards: r.gw, Journal: r.st},
		Options{Currency: "usd", CaptureMethod: checkout.CaptureManual, StuckAfter: 2 * time.Minute,
			NewOrderID: func() string { r.order++; return fmt.Sprintf("ord_%d", r.order) }})
	r.m = r.m.WithReaders(readers)
	return r
}

// with shows a made-up session, which the fake Stripe mirrors.
func (r *rig) with(s checkout.Session) *rig {
	r.m.lane = drive.NewLane(Lane, s)
	r.gw.Mirror(s)
	return r
}

func (r *rig) step(msg tea.Msg) []tea.Msg {
	var cmd tea.Cmd
	r.m, cmd = r.m.Update(msg)
	return fake.Run(cmd)
}

// settle feeds messages back until none are left or until holds; clock ticks are not
// fed back, or they would never end.
func (r *rig) settle(q []tea.Msg, until func() bool) {
	r.t.Helper()
	for n := 0; len(q) > 0; n++ {
		if n > 500 {
			r.t.Fatalf("messages did not settle; phase %s", r.m.Session().Phase)
		}
		if until != nil && until() {
			return
		}
		msg := q[0]
		q = q[1:]
		if _, ok := msg.(ClockMsg); ok {
			continue
		}
		q = append(q, r.step(msg)...)
	}
}

// helpKeys lists the keys the help line shows now.
func helpKeys(m Model) string {
	var out []string
	for _, b := range m.ShortHelp() {
		if b.Enabled() {
			out = append(out, b.Help().Key)
		}
	}
	return strings.Join(out, " ")
}

func usd(cents int64) checkout.Money { return checkout.Money{Amount: cents, Currency: "usd"} }

// Made-up sessions of an earlier run.
var (
	live       = fake.Live
	withIntent = fake.WithIntent
	awaiting   = fake.Awaiting
	approved   = fake.Approved
)

func declined(f checkout.Failure) checkout.Session {
	s := withIntent(live(checkout.Declined), checkout.IntentRequiresPaymentMethod)
	s.Failure = &f
	s.Action = &checkout.ReaderAction{Type: "process_payment_intent", Status: checkout.ActionFailed, FailureCode: f.Code, PaymentIntentID: s.PaymentIntentID}
	return s
}

// inUse is a payment whose send found the reader taking another payment.
func inUse() checkout.Session {
	return declined(checkout.Failure{Kind: checkout.KindReaderBusy, Code: checkout.CodeReaderInUse, Message: "pi_other"})
}

func asPhase(s checkout.Session, p checkout.Phase) checkout.Session {
	s.Phase = p
	return s
}

// runInit runs the page's Init and returns what it produced.
func runInit(r *rig) []tea.Msg { return fake.Run(r.m.Init()) }
