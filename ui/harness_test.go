package ui

import (
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
)

func TestMain(m *testing.M) {
	lipgloss.SetColorProfile(termenv.Ascii)
	time.Local = time.UTC // views show local times; goldens must not depend on the machine
	os.Exit(m.Run())
}

// t0 is the fixed start of every test's clock.
var t0 = time.Date(2026, 3, 14, 15, 9, 26, 0, time.UTC)

// harness drives a Model the way Bubble Tea does, but synchronously: it runs each Cmd
// in the test goroutine and feeds the messages back through Update.
type harness struct {
	t     testing.TB
	log   *recorder
	gw    *fakeGateway
	st    *fakeStore
	clock *fixedClock
	m     Model

	mu        sync.Mutex
	waits     []time.Duration // delays before waiting effects, in order
	spins     int             // spinner frames scheduled
	clocks    int             // elapsed-time ticks scheduled
	refreshes []time.Duration // waits before the Readers pane's refreshes, in order
	orderNo   int
}

func newHarness(t testing.TB, opts Options, readers ...checkout.Reader) *harness {
	t.Helper()
	h := &harness{t: t, log: &recorder{}, clock: &fixedClock{t: t0}}
	h.gw = newFakeGateway(h.log, readers...)
	h.st = newFakeStore(h.log)
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
	opts.NewOrderID = func() string {
		h.orderNo++
		return fmt.Sprintf("ord_%d", h.orderNo)
	}
	h.m = New(Deps{Gateway: h.gw, Store: h.st}, opts)
	h.m.after = h.after
	h.step(tea.WindowSizeMsg{Width: 80, Height: 24})
	return h
}

// mirror makes the fake Stripe hold the session's intent and reader action, for
// tests that start from a made-up session.
func (h *harness) mirror(s checkout.Session) {
	h.gw.mu.Lock()
	defer h.gw.mu.Unlock()
	h.gw.intent = checkout.Intent{ID: s.PaymentIntentID, Status: s.IntentStatus, Amount: s.Amount, Card: s.Card}
	for i := range h.gw.readers {
		if h.gw.readers[i].ID == s.ReaderID && s.Action != nil {
			a := *s.Action
			h.gw.readers[i].Action = &a
		}
	}
}

// after stands in for tea.Tick: it records the delay and fires at once.
func (h *harness) after(d time.Duration, fn func(time.Time) tea.Msg) tea.Cmd {
	return func() tea.Msg {
		msg := fn(h.clock.Now())
		h.mu.Lock()
		defer h.mu.Unlock()
		switch msg.(type) {
		case dueMsg:
			h.waits = append(h.waits, d)
		case spinMsg:
			h.spins++
		case clockMsg:
			h.clocks++
		case readersDueMsg:
			h.refreshes = append(h.refreshes, d)
		}
		return msg
	}
}

// run executes a Cmd and every Cmd of a batch, returning their messages.
func run(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	switch msg := msg.(type) {
	case nil:
		return nil
	case tea.BatchMsg:
		var out []tea.Msg
		for _, c := range msg {
			out = append(out, run(c)...)
		}
		return out
	}
	return []tea.Msg{msg}
}

// step sends one message and returns the messages its Cmd produced.
func (h *harness) step(msg tea.Msg) []tea.Msg {
	h.t.Helper()
	next, cmd := h.m.Update(msg)
	h.m = next.(Model)
	return run(cmd)
}

// settle feeds messages back until none are left or until(m) holds; spinner and clock
// ticks are not fed back, or they would never end. It returns what is left.
func (h *harness) settle(q []tea.Msg, until func(Model) bool) []tea.Msg {
	h.t.Helper()
	for n := 0; len(q) > 0; n++ {
		if n > 500 {
			h.t.Fatalf("messages did not settle; phase %s", h.m.session.Phase)
		}
		if until != nil && until(h.m) {
			return q
		}
		msg := q[0]
		q = q[1:]
		switch msg.(type) {
		case spinMsg, clockMsg, readersDueMsg:
			continue // loops: fed back by hand when a test wants them
		}
		q = append(q, h.step(msg)...)
	}
	return q
}

// start runs Init and everything it leads to.
func (h *harness) start(until func(Model) bool) []tea.Msg {
	h.t.Helper()
	return h.settle(run(h.m.Init()), until)
}

// press sends keys one by one, settling after each.
func (h *harness) press(keys ...string) {
	h.t.Helper()
	for _, k := range keys {
		h.settle(h.step(keyMsg(k)), nil)
	}
}

// pressUntil sends one key and settles until the condition holds.
func (h *harness) pressUntil(k string, until func(Model) bool) []tea.Msg {
	h.t.Helper()
	return h.settle(h.step(keyMsg(k)), until)
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

func keyMsg(k string) tea.KeyMsg {
	types := map[string]tea.KeyType{
		"enter": tea.KeyEnter, "esc": tea.KeyEsc, "tab": tea.KeyTab, "shift+tab": tea.KeyShiftTab,
		"up": tea.KeyUp, "down": tea.KeyDown, "ctrl+c": tea.KeyCtrlC, "backspace": tea.KeyBackspace,
	}
	if t, ok := types[k]; ok {
		return tea.KeyMsg{Type: t}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
}

// phaseIs is a settle condition.
func phaseIs(p checkout.Phase) func(Model) bool {
	return func(m Model) bool { return m.session.Phase == p }
}

// helpKeys lists the keys the help line shows now.
func helpKeys(m Model) []string {
	var out []string
	for _, b := range m.keymap().shown() {
		if b.Enabled() {
			out = append(out, b.Help().Key)
		}
	}
	return out
}

// quits reports whether msgs hold tea.Quit's message.
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
