package ui

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/cart"
	"github.com/till-pos/till/ui/display"
	"github.com/till-pos/till/ui/drive"
	"github.com/till-pos/till/ui/internal/fake"
	"github.com/till-pos/till/ui/outbox"
	"github.com/till-pos/till/ui/payment"
	"github.com/till-pos/till/ui/refund"
	"github.com/till-pos/till/ui/support/readers"
)

func TestMain(m *testing.M) {
	lipgloss.SetColorProfile(termenv.Ascii)
	time.Local = time.UTC // views show local times; goldens must not depend on the machine
	os.Exit(m.Run())
}

// t0 is the fixed start of every test's clock.
var t0 = fake.T0

// The readers of the tests.
var (
	frontCounter = fake.FrontCounter
	backCounter  = fake.BackCounter
	realReader   = fake.RealReader
)

// harness drives the root the way Bubble Tea does, but synchronously: it runs each Cmd
// in the test goroutine and feeds the messages back through Update.
type harness struct {
	t     testing.TB
	log   *fake.Recorder
	gw    *fake.Gateway
	st    *fake.Store
	clock *fake.Clock
	m     Model

	mu        sync.Mutex
	waits     []time.Duration // delays before waiting effects, in order
	banners   []time.Duration // delays before the "Stripe answers again" line ends
	spins     int             // spinner frames scheduled
	clocks    int             // elapsed-time ticks scheduled
	refreshes []time.Duration // waits before the Readers pane's refreshes, in order
	due       tea.Msg         // the Readers pane's last refresh, held back
	// displayWaits are the reader display's timers, in order; displayDue the last one,
	// held back.
	displayWaits []time.Duration
	displayDue   tea.Msg
	orderNo      int
	refundNo     int
	printed      []string       // the receipts printed, each its PaymentIntent and text
	reach        checkout.Reach // whether Stripe answers, as the screen is told
}

// reachNow is the screen's Deps.Reach.
func (h *harness) reachNow() checkout.Reach {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.reach
}

// setReach says whether Stripe answers from now on.
func (h *harness) setReach(r checkout.Reach) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.reach = r
}

// print stands in for the receipt printer: it keeps what it was sent.
func (h *harness) print(_ context.Context, pi, text string) (string, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.printed = append(h.printed, pi+"\n"+text)
	return "written to /var/receipts/receipt-" + pi + ".txt", nil
}

// newHarness builds the screen on Stripe with the given readers.
func newHarness(t testing.TB, opts Options, readers ...checkout.Reader) *harness {
	return newHarnessWith(t, opts, nil, readers...)
}

// newHarnessWith builds the screen on an emulator whose fault panel has faults on
// (reader id → fault names); nil faults: not an emulator, no panel.
func newHarnessWith(t testing.TB, opts Options, faults map[string][]string, readers ...checkout.Reader) *harness {
	t.Helper()
	h := &harness{t: t, log: &fake.Recorder{}, clock: fake.NewClock(t0)}
	h.gw = fake.NewGateway(h.log, readers...)
	h.st = fake.NewStore(h.log)
	if opts.Shop == "" {
		opts.Shop = "till demo shop"
	}
	if opts.PollEvery == 0 {
		opts.PollEvery = time.Millisecond
	}
	if opts.MaxBackoff == 0 {
		opts.MaxBackoff = 8 * time.Millisecond
	}
	opts.Now = h.clock.Now
	if opts.NewOrderID == nil {
		opts.NewOrderID = func() string {
			h.orderNo++
			return fmt.Sprintf("ord_%d", h.orderNo)
		}
	}
	opts.after = h.after
	if opts.NewRefundID == nil {
		opts.NewRefundID = func() string {
			h.refundNo++
			return fmt.Sprintf("rf_20260314T150926_%08d", h.refundNo)
		}
	}
	deps := Deps{Gateway: h.gw, Store: h.st, Print: h.print, Reach: h.reachNow}
	if faults != nil {
		deps.Demo = fake.NewDemo(h.log, faults)
	}
	h.m = New(deps, opts)
	h.step(tea.WindowSizeMsg{Width: 80, Height: 24})
	return h
}

// restart is a new till on the same Stripe, store and clock, as after a restart,
// started.
func (h *harness) restart(opts Options) *harness {
	h.t.Helper()
	return h.restartUntil(opts, nil)
}

// restartUntil is restart, its start settled until until holds (nil: to the end).
func (h *harness) restartUntil(opts Options, until func(Model) bool) *harness {
	h.t.Helper()
	next := &harness{t: h.t, log: h.log, gw: h.gw, st: h.st, clock: h.clock}
	if opts.Shop == "" {
		opts.Shop = "till demo shop"
	}
	opts.PollEvery, opts.MaxBackoff, opts.Now, opts.after = time.Millisecond, 8*time.Millisecond, h.clock.Now, next.after
	if opts.NewOrderID == nil {
		opts.NewOrderID = func() string { next.orderNo++; return fmt.Sprintf("ord_r%d", next.orderNo) }
	}
	next.reach = h.reachNow()
	next.m = New(Deps{Gateway: h.gw, Store: h.st, Reach: next.reachNow}, opts)
	next.step(tea.WindowSizeMsg{Width: 80, Height: 24})
	next.start(until)
	return next
}

// session is the cashier's payment as the screen shows it.
func (h *harness) session() checkout.Session { return h.m.payment.Session() }

// after stands in for tea.Tick: it records the delay and fires at once.
func (h *harness) after(d time.Duration, fn func(time.Time) tea.Msg) tea.Cmd {
	return func() tea.Msg {
		msg := fn(h.clock.Now())
		h.mu.Lock()
		defer h.mu.Unlock()
		switch msg.(type) {
		case drive.DueMsg:
			h.waits = append(h.waits, d)
		case spinMsg:
			h.spins++
		case bannerMsg:
			h.banners = append(h.banners, d)
		case payment.ClockMsg:
			h.clocks++
		case readers.DueMsg:
			h.refreshes = append(h.refreshes, d)
			h.due = msg
		case display.DueMsg:
			h.displayWaits = append(h.displayWaits, d)
			h.displayDue = msg
		}
		return msg
	}
}

// step sends one message and returns the messages its Cmd produced.
func (h *harness) step(msg tea.Msg) []tea.Msg {
	h.t.Helper()
	next, cmd := h.m.Update(msg)
	h.m = next.(Model)
	return fake.Run(cmd)
}

// settle feeds messages back until none are left or until(m) holds; spinner, clock
// and refresh ticks are not fed back, or they would never end. It returns what is left.
func (h *harness) settle(q []tea.Msg, until func(Model) bool) []tea.Msg {
	h.t.Helper()
	for n := 0; len(q) > 0; n++ {
		if n > 500 {
			h.t.Fatalf("messages did not settle; phase %s", h.session().Phase)
		}
		if until != nil && until(h.m) {
			return q
		}
		msg := q[0]
		q = q[1:]
		switch msg.(type) {
		case spinMsg, payment.ClockMsg, refund.ClockMsg, readers.DueMsg, display.DueMsg, hooksMsg, outbox.TickMsg:
			continue // loops: fed back by hand when a test wants them
		}
		q = append(q, h.step(msg)...)
	}
	return q
}

// start runs Init and everything it leads to.
func (h *harness) start(until func(Model) bool) []tea.Msg {
	h.t.Helper()
	return h.settle(fake.Run(h.m.Init()), until)
}

// press sends keys one by one, settling after each.
func (h *harness) press(keys ...string) {
	h.t.Helper()
	for _, k := range keys {
		h.settle(h.step(fake.Key(k)), nil)
	}
}

// pressUntil sends one key and settles until the condition holds.
func (h *harness) pressUntil(k string, until func(Model) bool) []tea.Msg {
	h.t.Helper()
	return h.settle(h.step(fake.Key(k)), until)
}

// typeText types text into whatever has the keys.
func (h *harness) typeText(s string) {
	h.t.Helper()
	for _, r := range s {
		h.settle(h.step(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}}), nil)
	}
}

// addLine fills in and submits the add-line form.
func (h *harness) addLine(desc, price, qty string) {
	h.t.Helper()
	h.press("a")
	h.typeText(desc)
	h.press("tab")
	h.typeText(price)
	h.press("tab")
	h.typeText(qty)
	h.press("enter")
}

// phaseIs is a settle condition.
func phaseIs(p checkout.Phase) func(Model) bool {
	return func(m Model) bool { return m.payment.Session().Phase == p }
}

// helpKeys lists the keys the help line shows now.
func helpKeys(m Model) []string {
	var out []string
	for _, b := range m.shown(m.active()) {
		if b.Enabled() {
			out = append(out, b.Help().Key)
		}
	}
	return out
}

// quits reports whether msgs hold tea.Quit's message.
// quits reports whether msgs quit the program, after the root has taken the cart's
// request to quit (which clears the reader's display first).
func (h *harness) quits(msgs []tea.Msg) bool {
	h.t.Helper()
	for _, m := range msgs {
		if _, ok := m.(cart.QuitMsg); ok && h.quits(h.step(m)) {
			return true
		}
	}
	return quits(msgs)
}

func quits(msgs []tea.Msg) bool {
	for _, m := range msgs {
		if _, ok := m.(tea.QuitMsg); ok {
			return true
		}
	}
	return false
}

func viewHas(t *testing.T, m Model, want ...string) {
	t.Helper()
	// Words only: long messages wrap, and where they wrap is not the point.
	v := strings.Join(strings.Fields(m.View()), " ")
	for _, w := range want {
		if !strings.Contains(v, strings.Join(strings.Fields(w), " ")) {
			t.Errorf("view lacks %q:\n%s", w, v)
		}
	}
}
