package ui

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/internal/fake"
)

// hook connects the harness's screen to a webhook receiver, as Deps.Webhooks does.
func (h *harness) hook(w *fake.Webhooks) {
	h.m.webhooks = w
	h.m = h.m.readHooks()
}

// arriving is a receiver hearing Stripe: its last event came 3s ago, 2s late.
func arriving(now time.Time) checkout.WebhookHealth {
	return checkout.WebhookHealth{Listen: "127.0.0.1:4243", Received: 14, Duplicates: 2, OtherVersion: 1,
		LastEventAt: now.Add(-3 * time.Second), LastLag: 2 * time.Second, Arriving: true}
}

// ruleOf is the line under the header, colour off.
func ruleOf(m Model) string {
	return strings.Split(ansi.Strip(m.View()), "\n")[1]
}

// webhookBook is every screen the webhook receiver changes, reached through Update.
func webhookBook(t *testing.T) map[string]Model {
	book := map[string]Model{}
	w := &fake.Webhooks{}
	w.Set(arriving(t0))
	h := awaitingBook(t, frontCounter.ID)
	h.hook(w)
	book["webhooks_awaiting"] = h.m

	silent := &fake.Webhooks{}
	silent.Set(checkout.WebhookHealth{Listen: "127.0.0.1:4243", Received: 9, LastEventAt: t0.Add(-150 * time.Second), LastLag: time.Second})
	h = bookHarness(t, t0, frontCounter.ID)
	h.fill()
	h.hook(silent)
	book["webhooks_polling_cart"] = h.m

	h = liveAwaiting(t)
	h.hook(w)
	book["webhooks_live_awaiting"] = h.m

	h = newHarness(t, Options{}, frontCounter)
	h.openSupport(paneWebhooks)
	book["support_webhooks_off"] = h.m

	h = newHarness(t, Options{}, frontCounter)
	h.hook(&fake.Webhooks{})
	h.m.webhooks.(*fake.Webhooks).Set(checkout.WebhookHealth{Listen: "127.0.0.1:4243"})
	h.m = h.m.readHooks()
	h.openSupport(paneWebhooks)
	book["support_webhooks_none_yet"] = h.m

	h = newHarness(t, Options{}, frontCounter)
	h.hook(w)
	h.openSupport(paneWebhooks)
	book["support_webhooks_arriving"] = h.m

	troubled := &fake.Webhooks{}
	troubled.Set(checkout.WebhookHealth{Listen: "0.0.0.0:4243", Received: 31, Duplicates: 4, Rejected: 3, Failures: 1,
		LastEventAt: t0.Add(-7 * time.Minute), LastLag: 12 * time.Second,
		LastProblem: "the signature does not match the webhook secret", LastProblemAt: t0.Add(-40 * time.Second)})
	h = newHarness(t, Options{}, frontCounter)
	h.hook(troubled)
	h.openSupport(paneWebhooks)
	book["support_webhooks_problems"] = h.m
	return book
}

// TestWebhookViews renders the screens webhooks change at 80×24 and 60×20
// (go test ./ui -update rewrites the goldens).
func TestWebhookViews(t *testing.T) { requireViews(t, webhookBook(t)) }

// The line under the header says which source keeps payments current: polling until
// webhooks arrive, then webhooks and the last event's lag, and polling again when they
// go silent, read by the root once a second with no other message; nothing at all when
// no receiver runs.
func TestHeaderFollowsTheWebhookSource(t *testing.T) {
	w := &fake.Webhooks{}
	w.Set(checkout.WebhookHealth{Listen: "127.0.0.1:4243"})
	h := newHarness(t, Options{ReaderID: frontCounter.ID}, frontCounter)
	h.hook(w)
	var ticks int
	for _, msg := range fake.Run(h.m.Init()) {
		if _, ok := msg.(hooksMsg); ok {
			ticks++
		}
	}
	if ticks != 1 {
		t.Fatalf("%d reads of the receiver scheduled at start, want 1", ticks)
	}
	for _, tc := range []struct {
		name   string
		health checkout.WebhookHealth
		want   string
	}{
		{"nothing yet", checkout.WebhookHealth{}, " polling ──"},
		{"arriving", checkout.WebhookHealth{Arriving: true, LastEventAt: t0, LastLag: 1500 * time.Millisecond}, " webhooks · lag 1s ──"},
		{"arriving on time", checkout.WebhookHealth{Arriving: true, LastEventAt: t0, LastLag: 300 * time.Millisecond}, " webhooks · lag <1s ──"},
		{"silent", checkout.WebhookHealth{LastEventAt: t0.Add(-3 * time.Minute), LastLag: time.Second}, " polling ──"},
	} {
		w.Set(tc.health)
		if msgs := h.step(hooksMsg{}); len(msgs) != 1 {
			t.Fatalf("%s: the next read is not scheduled: %v", tc.name, msgs)
		}
		for _, size := range [][2]int{{80, 24}, {60, 20}} {
			if got := ruleOf(sized(h.m, size[0], size[1])); !strings.HasSuffix(got, tc.want) || ansi.StringWidth(got) != size[0] {
				t.Errorf("%s at %dx%d: %q, want it to end %q", tc.name, size[0], size[1], got, tc.want)
			}
		}
	}
	if got := ruleOf(newHarness(t, Options{}, frontCounter).m); strings.Trim(got, "─") != "" {
		t.Errorf("with no receiver the rule says %q", got)
	}
	if fake.Run(newHarness(t, Options{}, frontCounter).m.hooksTick()) != nil {
		t.Error("the receiver is read with none running")
	}
}

// A webhook notice reaches a payment support is settling in its own lane: the capture
// support sent is paid by the event that overtakes the capture's answer, and the
// answer, when it comes, changes nothing.
func TestSupportLaneTakesWebhookNotices(t *testing.T) {
	const (
		mine   = "ord_20260314150500_aaaaaa"
		minePI = "pi_3Emu0000000007"
	)
	h := paymentsHarness(t)
	h.openSupport(panePayments)
	h.press("down", "down")
	capturing := func(Model) bool { s, _, _ := h.st.Session(mine); return s.Phase == checkout.Capturing }
	left := h.settle(h.step(fake.Key("c")), capturing)
	if !capturing(h.m) || len(left) == 0 {
		t.Fatalf("support's capture is not under way (left %v)", left)
	}
	in, _ := h.gw.Other(minePI)
	in.Status, in.AmountReceived = checkout.IntentSucceeded, in.Amount.Amount
	q := h.step(noticeMsg{notice: checkout.Notified{EventID: "evt_paid", Type: "payment_intent.succeeded", Intent: &in, At: t0}})
	h.settle(q, nil)
	if s, _, _ := h.st.Session(mine); s.Phase != checkout.Paid {
		t.Fatalf("after the webhook, support's payment is %s, want paid", s.Phase)
	}
	viewHas(t, h.m, "Captured "+minePI)
	h.settle(left, nil) // the capture's own answer
	if s, _, _ := h.st.Session(mine); s.Phase != checkout.Paid || countCalls(h, "capture") != 1 {
		t.Fatalf("after the answer: %s, %d captures", s.Phase, countCalls(h, "capture"))
	}
	if h.session().Phase != checkout.Building {
		t.Errorf("the cashier's session moved to %s", h.session().Phase)
	}
}

// The screen listens to the receiver's notices one at a time: a wait from the start,
// the next one set up by each notice handled, and none after the receiver stops.
func TestNoticesAreListenedForOneAtATime(t *testing.T) {
	w := &fake.Webhooks{C: make(chan checkout.Notified, 2)}
	w.C <- checkout.Notified{EventID: "evt_1", Type: "terminal.reader.action_updated", Reader: &frontCounter}
	w.C <- checkout.Notified{EventID: "evt_2", Type: "terminal.reader.action_updated", Reader: &frontCounter}
	close(w.C)
	h := newHarness(t, Options{}, frontCounter)
	h.hook(w)
	notices := func(msgs []tea.Msg) (out []string) {
		for _, msg := range msgs {
			if n, ok := msg.(noticeMsg); ok {
				out = append(out, n.notice.EventID)
			}
		}
		return out
	}
	if got := notices(fake.Run(h.m.listen())); len(got) != 1 || got[0] != "evt_1" {
		t.Fatalf("first wait: %v", got)
	}
	msgs := h.step(noticeMsg{notice: checkout.Notified{EventID: "evt_1", Reader: &frontCounter}})
	if got := notices(msgs); len(got) != 1 || got[0] != "evt_2" {
		t.Fatalf("after a notice, the next wait brought %v, want evt_2", got)
	}
	if got := notices(h.step(noticeMsg{notice: checkout.Notified{EventID: "evt_2", Reader: &frontCounter}})); len(got) != 0 {
		t.Fatalf("a closed receiver brought %v", got)
	}
}
