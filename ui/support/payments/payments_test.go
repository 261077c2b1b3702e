package payments

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/common"
	"github.com/till-pos/till/ui/internal/fake"
)

var t0 = fake.T0

func usd(cents int64) checkout.Money { return checkout.Money{Amount: cents, Currency: "usd"} }

// pane is the Payments pane on three unfinished payments: this till's approved order
// (journal and Stripe agree), another till's authorization, and an abandoned attempt;
// and a paid one, which is not listed.
func pane(t *testing.T, extra ...checkout.Intent) (Model, *fake.Recorder) {
	t.Helper()
	log := &fake.Recorder{}
	gw, st := fake.NewGateway(log, fake.FrontCounter, fake.BackCounter), fake.NewStore(log)
	mine := checkout.Session{OrderID: "ord_mine", Phase: checkout.Approved, PaymentIntentID: "pi_mine", IntentStatus: checkout.IntentRequiresCapture,
		Amount: usd(2974), ReaderID: fake.FrontCounter.ID, StartedAt: t0.Add(-4 * time.Minute)}
	paid := checkout.Session{OrderID: "ord_paid", Phase: checkout.Paid, PaymentIntentID: "pi_paid", IntentStatus: checkout.IntentSucceeded,
		Amount: usd(500), StartedAt: t0.Add(-8 * time.Minute)}
	st.Put(mine)
	st.Put(paid)
	gw.SetOthers(append([]checkout.Intent{
		{ID: "pi_mine", Status: checkout.IntentRequiresCapture, Amount: mine.Amount, OrderID: mine.OrderID, Created: mine.StartedAt, ReaderID: fake.FrontCounter.ID},
		{ID: "pi_other", Status: checkout.IntentRequiresCapture, Amount: usd(1850), OrderID: "ord_other_till", Created: t0.Add(-50 * time.Minute),
			ReaderID: fake.BackCounter.ID, TillID: "till-2"},
		{ID: "pi_gone", Status: checkout.IntentRequiresPaymentMethod, Amount: usd(420), OrderID: "ord_gone", Created: t0.Add(-30 * time.Minute),
			LastError: &checkout.Failure{Kind: checkout.KindDeclined, Code: "card_declined"}, ReaderID: fake.BackCounter.ID},
		{ID: "pi_paid", Status: checkout.IntentSucceeded, Amount: paid.Amount, OrderID: paid.OrderID, Created: paid.StartedAt},
	}, extra...)...)
	m := New(common.DefaultStyles(), common.DefaultKeys(), Deps{Gateway: gw, Journal: st, Now: func() time.Time { return t0 }, CallTimeout: time.Second})
	m, cmd := m.Enter()
	m = feed(m, cmd)
	return m, log
}

// feed runs a Cmd and hands the pane what it produced.
func feed(m Model, cmd tea.Cmd) Model {
	for _, msg := range fake.Run(cmd) {
		m, _ = m.Update(msg)
	}
	return m
}

func press(m Model, keys ...string) Model {
	for _, k := range keys {
		m, _ = m.Update(fake.Key(k))
	}
	return m
}

func TestPaymentsMergeStoreAndStripe(t *testing.T) {
	m, log := pane(t)
	var ids []string
	for _, p := range m.payments {
		ids = append(ids, p.ID+"/"+m.owner(p))
	}
	want := []string{"pi_other/another till", "pi_gone/another till", "pi_mine/this till"}
	if !slices.Equal(ids, want) {
		t.Errorf("payments %v, want %v (each once, paid ones left out)", ids, want)
	}
	if !slices.Contains(log.Calls(), "unfinished_intents  "+t0.Add(-7*24*time.Hour).Format(time.RFC3339)) {
		t.Errorf("did not list the last 7 days: %v", log.Calls())
	}
	if !slices.Equal(m.Known(), []string{"pi_mine"}) {
		t.Errorf("known to this till's journal: %v", m.Known())
	}
}

// TestCancelReasonFollowsTheAdvice: the reason list opens on the reason Advise names.
func TestCancelReasonFollowsTheAdvice(t *testing.T) {
	m, _ := pane(t, checkout.Intent{ID: "pi_mine_again", Status: checkout.IntentSucceeded, Amount: usd(2974), OrderID: "ord_mine",
		Created: t0.Add(-4 * time.Minute)})
	for _, tc := range []struct {
		keys []string
		pi   string
		want string
	}{
		{nil, "pi_other", checkout.ReasonAbandoned},                            // another till's, tied to no order here
		{[]string{"esc", "down", "down"}, "pi_mine", checkout.ReasonDuplicate}, // its order was paid by another intent
	} {
		m = press(m, tc.keys...)
		m = press(m, "x")
		p, _ := m.Selected()
		if got := checkout.CancelReasons[m.reason]; p.ID != tc.pi || got != tc.want {
			t.Errorf("cancel %s: reason %q preselected, want %s for %s", p.ID, got, tc.want, tc.pi)
		}
	}
}

func TestExpiry(t *testing.T) {
	for _, tc := range []struct {
		in   time.Duration
		want string
	}{
		{47*time.Hour + 10*time.Minute, "expires in 1d 23h"},
		{5*time.Hour + 3*time.Minute, "expires in 5h 3m"},
		{20 * time.Second, "expires in 1m"},
		{-time.Minute, "authorization expired"},
	} {
		if got := Expiry(t0.Add(tc.in), t0); got != tc.want {
			t.Errorf("Expiry(%s) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if got := Expiry(time.Time{}, t0); got != "" {
		t.Errorf("no capture_before gave %q", got)
	}
}

// An unsettled refund's order id and amount are whole at 60 and 80 columns, its id
// after or under its row: the order's column was 26 cells, which cut till's own
// 28-cell order ids, and the amount's 10 cut "CA$1,234.56".
func TestUnsettledRefundRowWhole(t *testing.T) {
	m := New(common.DefaultStyles(), common.DefaultKeys(), Deps{Now: func() time.Time { return t0 }})
	const order, id = "ord_20261129T200436_0c1b66c1", "rf_20261129T200529_b8b19514"
	m.refunds = []checkout.Refund{{ID: id, OrderID: order, Phase: checkout.RefundAwaiting,
		Amount: checkout.Money{Amount: 1234_56, Currency: "cad"}}}
	for _, width := range []int{60, 80, 120} {
		p := &common.Page{Width: width}
		m.refundsView(p)
		v := ansi.Strip(p.String())
		for _, want := range []string{order + " awaiting", " CA$1,234.56", id} {
			if !strings.Contains(v, want) {
				t.Errorf("at %d columns %q is not whole:\n%s", width, want, v)
			}
		}
	}
}

// Whose names this till's unfinished work the pane read: an order of its journal by its
// PaymentIntent, a refund by its id; another till's payment is none of it.
func TestWhoseNamesThisTillsWork(t *testing.T) {
	m, _ := pane(t)
	m.refunds = []checkout.Refund{{ID: "rf_1", OrderID: "ord_paid", Phase: checkout.RefundAwaiting}}
	for other, want := range map[string]string{"pi_mine": "order ord_mine", "rf_1": "refund rf_1", "pi_other": "", "": ""} {
		if got := m.Whose(other); got != want {
			t.Errorf("Whose(%q) = %q, want %q", other, got, want)
		}
	}
}

// A payment with no order (made in the Dashboard, say) has no timeline to open: enter is
// not offered on it. It opened the Timeline on no order, whose words send support back
// to this pane's enter.
func TestNoTimelineForAPaymentWithNoOrder(t *testing.T) {
	dashboard := checkout.Intent{ID: "pi_dashboard", Status: checkout.IntentRequiresCapture, Amount: usd(700),
		Created: t0.Add(-time.Minute), ReaderID: fake.FrontCounter.ID}
	m, _ := pane(t, dashboard)
	for {
		if p, _ := m.Selected(); p.ID == "pi_dashboard" {
			break
		}
		if before := m.pay; press(m, "down").pay == before {
			t.Fatal("the Dashboard's payment is not listed")
		}
		m = press(m, "down")
	}
	if m.keys().Timeline.Enabled() {
		t.Error("enter timeline is offered on a payment with no order")
	}
	if _, cmd := m.Update(fake.Key("enter")); cmd != nil {
		t.Errorf("enter on a payment with no order asked for %T", cmd())
	}
}
