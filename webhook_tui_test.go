package main

import (
	"bytes"
	"io"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/till-pos/till/emulator"
	"github.com/till-pos/till/readerctl"
	"github.com/till-pos/till/ui"
)

// The cashier screen with till's webhook receiver on, fed by the emulator's signed
// deliveries: the line under the header says polling until the first event, webhooks
// (with the lag) while events arrive, polling again once they go silent (deliveries
// lost: the payment still finishes, by polling), and webhooks when they are back.
func TestFlowHeaderFollowsWebhooks(t *testing.T) {
	st := openStore(t, filepath.Join(t.TempDir(), "till.db"))
	t.Cleanup(func() { _ = st.Close() })
	const silence = 2 * time.Second // webhook.silent_after, short for the test
	hooks, opts := webhookTarget(t, st, silence)
	opts.Seed = true
	emu, err := emulator.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { emu.Close() })
	emuSrv := httptest.NewServer(emu)
	t.Cleanup(emuSrv.Close)
	rc, err := readerctl.New(readerctl.Config{APIKey: "sk_test_x", BaseURL: emuSrv.URL})
	if err != nil {
		t.Fatal(err)
	}
	cfg := Config{PollEvery: 20 * time.Millisecond, MaxBackoff: 200 * time.Millisecond}
	cfg.SafetyPoll = 10 * time.Second
	m := ui.New(ui.Deps{Gateway: rc, Store: st, Webhooks: hooks}, ui.Options{
		Shop: "till demo shop", ReaderID: emu.ReaderIDs()[0], PollEvery: cfg.PollEvery, MaxBackoff: cfg.MaxBackoff,
		CallTimeout: 5 * time.Second, PollWait: pollPace(cfg, hooks)})
	tm, screen := watchScreen(t, m)
	wait := screen.waitText(t)
	// The renderer repaints only the lines that change, so the source shown now is the
	// one the line under the header was last drawn with.
	source := func(want string) {
		t.Helper()
		screen.waitFor(t, func(string) bool { return screen.source() == want }, "the source "+want)
	}
	typeKey := func(k tea.KeyType) { tm.Send(tea.KeyMsg{Type: k}) }
	sale := func(price string) {
		t.Helper()
		tm.Type("a")
		wait("Add a line")
		tm.Type("Coffee")
		typeKey(tea.KeyTab)
		tm.Type(price)
		typeKey(tea.KeyEnter)
		wait("$" + price)
		typeKey(tea.KeyEnter)
		wait("Ask the customer")
		tm.Type("1")
		wait("ready to capture")
		tm.Type("c")
		wait("PaymentIntent")
	}

	source("polling") // the receiver runs; nothing has come yet
	sale("3.50")
	source("webhooks")
	if h := hooks.Health(); h.Received == 0 || h.Rejected+h.Failures != 0 {
		t.Fatalf("receiver: %+v", h)
	}

	emu.SetFault("", emulator.Fault{WebhookLossRate: 1}) // Stripe's events stop coming
	source("polling")
	heard := hooks.Health().Received
	tm.Type("n")
	sale("4.25") // polling alone takes it to paid
	if got := screen.source(); got != "polling" || hooks.Health().Received != heard {
		t.Fatalf("with every delivery lost the line says %s, and %d events came", got, hooks.Health().Received-heard)
	}

	emu.ClearFaults()
	tm.Type("n")
	tm.Type("a")
	wait("Add a line")
	tm.Type("Tea")
	typeKey(tea.KeyTab)
	tm.Type("2.00")
	typeKey(tea.KeyEnter)
	wait("$2.00")
	typeKey(tea.KeyEnter)
	wait("Ask the customer")
	source("webhooks") // the payment's events come again
	tm.Type("x")
	wait("Cancel the payment?")
	tm.Type("y")
	wait("Payment canceled")
	tm.Type("q")
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
}

// watchScreen runs m under teatest at 80×24 and keeps what it draws.
func watchScreen(t *testing.T, m tea.Model) (*teatest.TestModel, *screenLog) {
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(80, 24))
	screen := &screenLog{stop: make(chan struct{})}
	go screen.copy(tm.Output())
	t.Cleanup(func() { close(screen.stop) })
	return tm, screen
}

// waitText is a wait for text drawn since the last wait.
func (s *screenLog) waitText(t *testing.T) func(text string) {
	return func(text string) {
		t.Helper()
		s.waitFor(t, func(since string) bool { return strings.Contains(since, text) }, text)
	}
}

// screenLog keeps everything a teatest program drew, for waits that look at what the
// screen shows now rather than at what was drawn since the last wait.
type screenLog struct {
	stop chan struct{} // closed when the test ends
	mu   sync.Mutex
	all  []byte
	mark int // the end of what the last wait matched
}

func (s *screenLog) copy(r io.Reader) {
	buf := make([]byte, 32<<10)
	for {
		n, err := r.Read(buf)
		s.mu.Lock()
		s.all = append(s.all, buf[:n]...)
		s.mu.Unlock()
		if n > 0 && err == nil {
			continue
		}
		select { // teatest's output says EOF until more is drawn
		case <-s.stop:
			return
		case <-time.After(5 * time.Millisecond):
		}
	}
}

// waitFor waits until cond holds for what was drawn since the last wait.
func (s *screenLog) waitFor(t *testing.T, cond func(since string) bool, what string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		s.mu.Lock()
		since, end := string(s.all[s.mark:]), len(s.all)
		s.mu.Unlock()
		if cond(since) {
			s.mu.Lock()
			s.mark = end
			s.mu.Unlock()
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the screen never showed %s; last drawn:\n%s", what, since[max(len(since)-3000, 0):])
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// source is the source the line under the header was last drawn with.
func (s *screenLog) source() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	hooks, polling := bytes.LastIndex(s.all, []byte(" webhooks · lag ")), bytes.LastIndex(s.all, []byte(" polling ──"))
	switch {
	case hooks > polling:
		return "webhooks"
	case polling > hooks:
		return "polling"
	}
	return ""
}
