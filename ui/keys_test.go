package ui

import (
	"slices"
	"strings"
	"testing"

	"github.com/till-pos/till/checkout"
)

// TestHelpShowsOnlyKeysThatApply checks the help line of every phase.
func TestHelpShowsOnlyKeysThatApply(t *testing.T) {
	twoLines := emptySession("usd")
	twoLines.Cart = threeLines()
	noIntent := live(checkout.Unknown)
	cases := []struct {
		name   string
		s      checkout.Session
		reader checkout.Reader
		want   string
	}{
		{"empty cart", emptySession("usd"), frontCounter, "a enter p q"},
		{"cart with lines", twoLines, frontCounter, "↑/↓ a d enter p q"},
		{"creating", live(checkout.Creating), frontCounter, ""},
		{"sending", live(checkout.Sending), frontCounter, ""},
		{"awaiting, simulated reader", awaiting(), frontCounter, "1 2 t s x"},
		{"awaiting, real reader", awaiting(), realReader, "s x"},
		{"approved", approved(), frontCounter, "enter/c s x"},
		{"capturing", live(checkout.Capturing), frontCounter, ""},
		{"paid", live(checkout.Paid), frontCounter, "enter q"},
		{"declined", declined(checkout.Failure{Kind: checkout.KindDeclined}), frontCounter, "r p s x"},
		{"declined, reader in use", inUse(), frontCounter, "r p o s x"},
		{"unknown with intent", withIntent(live(checkout.Unknown), ""), frontCounter, "s x"},
		{"unknown without intent", noIntent, frontCounter, "s"},
		{"canceling", live(checkout.Canceling), frontCounter, ""},
		{"canceled", live(checkout.Canceled), frontCounter, "enter q"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := newHarness(t, Options{}, c.reader)
			h.m.readers = []checkout.Reader{c.reader}
			c.s.ReaderID = c.reader.ID
			h.m.session = c.s
			if got := strings.Join(helpKeys(h.m), " "); got != c.want {
				t.Errorf("keys %q, want %q", got, c.want)
			}
		})
	}
}

// TestPhaseKeys presses each phase's keys and checks where the session goes and which
// call is made first.
func TestPhaseKeys(t *testing.T) {
	cases := []struct {
		name      string
		from      checkout.Session
		keys      []string
		wantPhase checkout.Phase
		wantCalls string // the first gateway calls after the keys, "" for none
	}{
		{"s checks at once", awaiting(), []string{"s"}, checkout.Awaiting, "read_reader read_intent"},
		{"x cancels the reader's action", awaiting(), []string{"x"}, checkout.Canceling, "read_reader cancel_action"},
		{"q does nothing while awaiting", awaiting(), []string{"q"}, checkout.Awaiting, ""},
		{"c captures", approved(), []string{"c"}, checkout.Capturing, "capture"},
		{"enter captures", approved(), []string{"enter"}, checkout.Capturing, "capture"},
		{"x asks before releasing", approved(), []string{"x"}, checkout.Approved, ""},
		{"x then n keeps the approval", approved(), []string{"x", "n"}, checkout.Approved, ""},
		{"x then y releases", approved(), []string{"x", "y"}, checkout.Canceling, "cancel_intent"},
		{"s checks an approval", approved(), []string{"s"}, checkout.Approved, "read_intent"},
		{"r retries on the same reader", declined(checkout.Failure{Kind: checkout.KindDeclined}), []string{"r"}, checkout.Sending, "read_reader process"},
		{"x cancels a declined payment", declined(checkout.Failure{Kind: checkout.KindDeclined}), []string{"x"}, checkout.Canceling, "cancel_intent"},
		{"p then enter retries on the chosen reader", declined(checkout.Failure{Kind: checkout.KindDeclined}), []string{"p", "down", "enter"}, checkout.Sending, "read_reader process"},
		{"p then esc goes back", declined(checkout.Failure{Kind: checkout.KindDeclined}), []string{"p", "esc"}, checkout.Declined, ""},
		{"o asks before taking the reader over", inUse(), []string{"o"}, checkout.Declined, ""},
		{"o then n leaves the other payment alone", inUse(), []string{"o", "n"}, checkout.Declined, ""},
		{"o then y takes the reader over", inUse(), []string{"o", "y"}, checkout.Sending, "process"},
		{"s re-reads an unknown payment", withIntent(live(checkout.Unknown), checkout.IntentRequiresPaymentMethod), []string{"s"}, checkout.Unknown, "read_reader read_intent"},
		{"x cancels an unknown payment", asPhase(awaiting(), checkout.Unknown), []string{"x"}, checkout.Canceling, "read_reader cancel_action"},
		{"s replays creation when there is no intent", live(checkout.Unknown), []string{"s"}, checkout.Unknown, "create"},
		{"n starts a new sale", withIntent(live(checkout.Paid), checkout.IntentSucceeded), []string{"n"}, checkout.Building, ""},
		{"enter starts a new sale", withIntent(live(checkout.Canceled), checkout.IntentCanceled), []string{"enter"}, checkout.Building, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := newHarness(t, Options{}, frontCounter, backCounter)
			h.m.readers = []checkout.Reader{frontCounter, backCounter}
			h.m.loadingReaders = false
			h.m.session = c.from
			h.mirror(c.from)
			want := strings.Fields(c.wantCalls)
			var before int
			for _, k := range c.keys {
				before = len(h.log.calls())
				h.settle(h.step(keyMsg(k)), func(m Model) bool { return len(h.log.calls()) >= before+len(want) })
			}
			if h.m.session.Phase != c.wantPhase {
				t.Errorf("phase %s, want %s", h.m.session.Phase, c.wantPhase)
			}
			var got []string
			for _, call := range h.log.calls()[before:] {
				if step := strings.Fields(call)[0]; step != "list_readers" && len(got) < len(want) {
					got = append(got, step)
				}
			}
			if !slices.Equal(got, want) {
				t.Errorf("calls %v, want %v (all: %v)", got, want, h.log.calls())
			}
		})
	}
}

// asPhase moves a made-up session to another phase.
func asPhase(s checkout.Session, p checkout.Phase) checkout.Session {
	s.Phase = p
	return s
}

// inUse is a payment whose send found the reader taking another payment.
func inUse() checkout.Session {
	return declined(checkout.Failure{Kind: checkout.KindReaderBusy, Code: checkout.CodeReaderInUse, Message: "pi_other"})
}

func TestRetryOnAnotherReaderUsesAndRemembersIt(t *testing.T) {
	h := newHarness(t, Options{}, frontCounter, backCounter)
	h.m.readers = []checkout.Reader{frontCounter, backCounter}
	h.m.session = declined(checkout.Failure{Kind: checkout.KindReaderOffline})
	h.mirror(h.m.session)
	h.press("p", "up") // readers are listed by name: Back counter, then Front counter
	h.pressUntil("enter", phaseIs(checkout.Awaiting))
	if h.m.session.ReaderID != backCounter.ID || h.m.readerID != backCounter.ID {
		t.Errorf("payment on %s, next charge on %s; want both on %s", h.m.session.ReaderID, h.m.readerID, backCounter.ID)
	}
	if got := h.st.pref(prefReader); got != backCounter.ID {
		t.Errorf("remembered reader %q, want %q", got, backCounter.ID)
	}
	if !slices.Contains(h.log.calls(), "process till_"+h.m.session.OrderID+"_process_2 "+backCounter.ID) {
		t.Errorf("no second attempt on the back counter: %v", h.log.calls())
	}
}

func TestPresentKeys(t *testing.T) {
	cases := []struct {
		name      string
		keys      []string
		wantCard  string
		wantPhase checkout.Phase
	}{
		{"1 presents the approving card", []string{"1"}, cardApproves, checkout.Approved},
		{"2 presents the declining card", []string{"2"}, cardDeclines, checkout.Declined},
		{"t lists the test cards", []string{"t", "down", "down", "enter"}, testCards[2].Number, checkout.Approved},
		{"t then esc presents nothing", []string{"t", "esc"}, "", checkout.Awaiting},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := newHarness(t, Options{ReaderID: frontCounter.ID}, frontCounter)
			chargeToAwaiting(t, h)
			for _, k := range c.keys {
				h.settle(h.step(keyMsg(k)), func(m Model) bool { return m.session.Phase != checkout.Awaiting })
			}
			var presented []string
			for _, call := range h.log.calls() {
				if f := strings.Fields(call); f[0] == "present" {
					presented = append(presented, f[1])
				}
			}
			if want := strings.Fields(c.wantCard); !slices.Equal(presented, want) {
				t.Errorf("presented %v, want %v", presented, want)
			}
			if h.m.session.Phase != c.wantPhase {
				t.Errorf("phase %s, want %s", h.m.session.Phase, c.wantPhase)
			}
		})
	}
}

func TestPresentFailureSaysWhyAndKeepsPolling(t *testing.T) {
	h := newHarness(t, Options{ReaderID: frontCounter.ID}, frontCounter)
	chargeToAwaiting(t, h)
	h.gw.PresentFn = func(string, string) (checkout.Reader, error) {
		return checkout.Reader{}, &checkout.Failure{Kind: checkout.KindReaderBusy, Code: "terminal_reader_busy"}
	}
	before := len(h.log.calls())
	h.pressUntil("1", func(m Model) bool { return len(h.log.calls()) > before+3 })
	viewHas(t, h.m, "Could not present the card: "+checkout.Explain(&checkout.Failure{Kind: checkout.KindReaderBusy}))
	reads := 0
	for _, c := range h.log.calls()[before:] {
		if strings.HasPrefix(c, "read_intent") {
			reads++
		}
	}
	if reads == 0 || h.m.session.Phase != checkout.Awaiting {
		t.Errorf("after a failed present: %d reads, phase %s", reads, h.m.session.Phase)
	}
}

func TestQuit(t *testing.T) {
	cases := []struct {
		name     string
		from     checkout.Session
		keys     []string
		wantQuit bool
		asked    bool
	}{
		{"q on the cart", emptySession("usd"), []string{"q"}, true, false},
		{"ctrl+c on the cart", emptySession("usd"), []string{"ctrl+c"}, true, false},
		{"q on the receipt", live(checkout.Paid), []string{"q"}, true, false},
		{"ctrl+c while live asks", awaiting(), []string{"ctrl+c"}, false, true},
		{"ctrl+c then y quits", awaiting(), []string{"ctrl+c", "y"}, true, false},
		{"ctrl+c twice quits", awaiting(), []string{"ctrl+c", "ctrl+c"}, true, false},
		{"ctrl+c then n stays", awaiting(), []string{"ctrl+c", "n"}, false, false},
		{"ctrl+c while capturing asks", live(checkout.Capturing), []string{"ctrl+c"}, false, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := newHarness(t, Options{}, frontCounter)
			h.m.readers = []checkout.Reader{frontCounter}
			h.m.session = c.from
			quit := false
			for _, k := range c.keys {
				quit = quits(h.step(keyMsg(k))) || quit
			}
			if quit != c.wantQuit || (!quit && h.m.confirmQuit != c.asked) {
				t.Errorf("quit %v asked %v, want %v %v", quit, h.m.confirmQuit, c.wantQuit, c.asked)
			}
			if c.asked {
				viewHas(t, h.m, "The payment stays open and till resumes it next time. Quit? (y/n)")
			}
		})
	}
}

func TestElapsedClockRunsOnlyWhileAwaiting(t *testing.T) {
	h := newHarness(t, Options{ReaderID: frontCounter.ID}, frontCounter)
	h.start(nil)
	if h.clocks != 0 || h.m.clocking {
		t.Fatal("clock ticking on the cart")
	}
	chargeToAwaiting(t, h)
	if !h.m.clocking || h.clocks == 0 {
		t.Fatal("no clock while awaiting")
	}
	viewHas(t, h.m, "Waiting         00:00")
	h.clock.advance(75 * 1e9)
	if msgs := h.step(clockMsg{}); len(msgs) != 1 {
		t.Errorf("clock did not re-arm while awaiting: %v", msgs)
	}
	viewHas(t, h.m, "Waiting         01:15")

	h.pressUntil("1", phaseIs(checkout.Approved))
	if msgs := h.step(clockMsg{}); len(msgs) != 0 || h.m.clocking {
		t.Errorf("clock kept running after awaiting: %v", msgs)
	}
}

func TestSpinnerRunsOnlyDuringCalls(t *testing.T) {
	h := newHarness(t, Options{}, frontCounter)
	h.m.readers = []checkout.Reader{frontCounter}
	h.m.session = live(checkout.Capturing)
	m, cmd := h.m.animate()
	if !m.spinning || cmd == nil {
		t.Fatal("no spinner while capturing")
	}
	h.m = m
	h.step(spinMsg{})
	if h.m.frame != 1 {
		t.Errorf("frame %d after one tick, want 1", h.m.frame)
	}
	h.m.session = approved()
	if msgs := h.step(spinMsg{}); len(msgs) != 0 || h.m.spinning {
		t.Error("spinner kept running with nothing under way")
	}
}
