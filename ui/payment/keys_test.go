package payment

import (
	"slices"
	"strings"
	"testing"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/common"
	"github.com/till-pos/till/ui/internal/fake"
)

// TestHelpShowsOnlyKeysThatApply checks the help line of every phase.
func TestHelpShowsOnlyKeysThatApply(t *testing.T) {
	cases := []struct {
		name   string
		s      checkout.Session
		reader checkout.Reader
		want   string
	}{
		{"creating", live(checkout.Creating), fake.FrontCounter, ""},
		{"sending", live(checkout.Sending), fake.FrontCounter, ""},
		{"awaiting, simulated reader", awaiting(), fake.FrontCounter, "x s 1 2 t"},
		{"awaiting, real reader", awaiting(), fake.RealReader, "x s"},
		{"approved", approved(), fake.FrontCounter, "enter/c x s"},
		{"capturing", live(checkout.Capturing), fake.FrontCounter, ""},
		{"paid", live(checkout.Paid), fake.FrontCounter, "enter/n r q"},
		{"declined", declined(checkout.Failure{Kind: checkout.KindDeclined}), fake.FrontCounter, "r p x s"},
		{"declined, reader in use", inUse(), fake.FrontCounter, "r p o x s"},
		{"unknown with intent", withIntent(live(checkout.Unknown), ""), fake.FrontCounter, "x s"},
		{"unknown without intent: the cancel finds it first", live(checkout.Unknown), fake.FrontCounter, "x s"},
		{"canceling", live(checkout.Canceling), fake.FrontCounter, ""},
		{"canceled", live(checkout.Canceled), fake.FrontCounter, "enter/n r q"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			c.s.ReaderID = c.reader.ID
			r := newRig(t, c.reader).with(c.s)
			if got := helpKeys(r.m); got != c.want {
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
		{"x asks before canceling", awaiting(), []string{"x"}, checkout.Awaiting, ""},
		{"x then n keeps the customer paying", awaiting(), []string{"x", "n"}, checkout.Awaiting, ""},
		{"x then y cancels the reader's action", awaiting(), []string{"x", "y"}, checkout.Canceling, "read_reader cancel_action"},
		{"q does nothing while awaiting", awaiting(), []string{"q"}, checkout.Awaiting, ""},
		{"c captures", approved(), []string{"c"}, checkout.Capturing, "capture"},
		{"enter captures", approved(), []string{"enter"}, checkout.Capturing, "capture"},
		{"x asks before releasing", approved(), []string{"x"}, checkout.Approved, ""},
		{"x then n keeps the approval", approved(), []string{"x", "n"}, checkout.Approved, ""},
		{"x then y releases", approved(), []string{"x", "y"}, checkout.Canceling, "cancel_intent"},
		{"s checks an approval", approved(), []string{"s"}, checkout.Approved, "read_intent"},
		{"r retries on the same reader", declined(checkout.Failure{Kind: checkout.KindDeclined}), []string{"r"}, checkout.Sending, "read_reader process"},
		{"x then y cancels a declined payment", declined(checkout.Failure{Kind: checkout.KindDeclined}), []string{"x", "y"}, checkout.Canceling, "cancel_intent"},
		{"o asks before taking the reader over", inUse(), []string{"o"}, checkout.Declined, ""},
		{"o then n leaves the other payment alone", inUse(), []string{"o", "n"}, checkout.Declined, ""},
		{"o then y takes the reader over", inUse(), []string{"o", "y"}, checkout.Sending, "process"},
		{"s re-reads an unknown payment", withIntent(live(checkout.Unknown), checkout.IntentRequiresPaymentMethod), []string{"s"}, checkout.Unknown, "read_reader read_intent"},
		{"x then y cancels an unknown payment", asPhase(awaiting(), checkout.Unknown), []string{"x", "y"}, checkout.Canceling, "read_reader cancel_action"},
		{"s replays creation when there is no intent", live(checkout.Unknown), []string{"s"}, checkout.Unknown, "find_intents create"},
		{"n starts a new sale", withIntent(live(checkout.Paid), checkout.IntentSucceeded), []string{"n"}, checkout.Building, ""},
		{"enter starts a new sale", withIntent(live(checkout.Canceled), checkout.IntentCanceled), []string{"enter"}, checkout.Building, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := newRig(t, fake.FrontCounter, fake.BackCounter).with(c.from)
			want := strings.Fields(c.wantCalls)
			var before int
			for _, k := range c.keys {
				before = len(r.log.Calls())
				r.settle(r.step(fake.Key(k)), func() bool { return len(r.log.Calls()) >= before+len(want) })
			}
			if r.m.Session().Phase != c.wantPhase {
				t.Errorf("phase %s, want %s", r.m.Session().Phase, c.wantPhase)
			}
			var got []string
			for _, call := range r.log.Calls()[before:] {
				if len(got) < len(want) {
					got = append(got, strings.Fields(call)[0])
				}
			}
			if !slices.Equal(got, want) {
				t.Errorf("calls %v, want %v (all: %v)", got, want, r.log.Calls())
			}
		})
	}
}

// p on a declined payment asks the root for another reader; the session stays.
func TestRetryElsewhereAsksForAReader(t *testing.T) {
	r := newRig(t, fake.FrontCounter).with(declined(checkout.Failure{Kind: checkout.KindDeclined}))
	msgs := r.step(fake.Key("p"))
	if len(msgs) != 1 || msgs[0] != (RetryElsewhereMsg{ReaderID: fake.FrontCounter.ID}) || r.m.Session().Phase != checkout.Declined {
		t.Errorf("p gave %v, phase %s", msgs, r.m.Session().Phase)
	}
}

// s on a page that looks the same after the read (still declined) said nothing: the
// cashier could not tell the check was made. Once Stripe answers, the status line says so.
func TestCheckSaysStripeAnswered(t *testing.T) {
	r := newRig(t, fake.FrontCounter).with(declined(checkout.Failure{Kind: checkout.KindDeclined, Code: "card_declined"}))
	var said []string
	q := r.step(fake.Key("s"))
	for n := 0; len(q) > 0 && n < 100; n++ {
		msg := q[0]
		q = q[1:]
		if f, ok := msg.(common.FlashMsg); ok {
			said = append(said, f.Text)
			continue
		}
		if _, ok := msg.(ClockMsg); !ok {
			q = append(q, r.step(msg)...)
		}
	}
	want := "Checked with Stripe at " + t0.Format("15:04:05") + ": the screen shows where the payment is."
	if len(said) != 1 || said[0] != want || r.m.Session().Phase != checkout.Declined {
		t.Errorf("after s: said %q, phase %s; want %q", said, r.m.Session().Phase, want)
	}
}
