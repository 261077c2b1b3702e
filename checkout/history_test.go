package checkout

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

func historySample() []HistoryRow {
	in := func(d time.Duration) time.Time { return t0.Add(d) }
	sessions := []Summary{
		{OrderID: "ord-100", Phase: Paid, PaymentIntentID: "pi_a", Amount: usd(1234), Card: Card{"visa", "4242"}, ReaderID: reader, StartedAt: in(time.Minute)},
		{OrderID: "ord-101", Phase: Canceled, PaymentIntentID: "pi_b", Amount: usd(500), StartedAt: in(2 * time.Minute)},
		{OrderID: "ord-102", Phase: Paid, PaymentIntentID: "pi_c", Amount: usd(1800), Tip: 200, Card: Card{"mastercard", "4444"}, StartedAt: in(3 * time.Minute)},
		{OrderID: "ord-103", Phase: Awaiting, PaymentIntentID: "pi_d", Amount: usd(700), StartedAt: in(4 * time.Minute)}, // not finished
	}
	refunds := []Refund{
		{ID: "rf_1", PaymentIntentID: "pi_c", Amount: usd(500), Status: RefundStatusSucceeded},
		{ID: "rf_2", PaymentIntentID: "pi_c", Amount: usd(300), Status: RefundStatusFailed},
	}
	atStripe := []Intent{
		// Also refunded in the Dashboard: Stripe's figure wins.
		{ID: "pi_a", Status: IntentSucceeded, Amount: usd(1234), AmountReceived: 1234, AmountRefunded: 1234, OrderID: "ord-100", Card: Card{"visa", "4242"}, Created: in(time.Minute)},
		// This till's journal lost it; Stripe still has it.
		{ID: "pi_e", Status: IntentSucceeded, Amount: Money{3000, "cad"}, AmountReceived: 3000, Tip: 300, OrderID: "ord-200", Card: Card{"interac", "1933"},
			ReaderID: "tmr_2", TillID: "till-1", Created: in(5 * time.Minute)},
		{ID: "pi_far", Status: IntentSucceeded, Amount: usd(9900), AmountReceived: 9900, TillID: "till-9", Created: in(6 * time.Minute)},
	}
	return BuildHistory(sessions, refunds, atStripe, func(in Intent) bool { return in.TillID != "till-9" })
}

func TestBuildHistoryMergesTheJournalAndStripe(t *testing.T) {
	rows := historySample()
	var got []string
	for _, r := range rows {
		got = append(got, strings.Join([]string{r.PaymentIntentID, r.Status, r.Refunded.Decimal(), r.Source}, " "))
	}
	want := []string{
		"pi_e paid 0.00 stripe",
		"pi_c partially_refunded 5.00 till",
		"pi_b canceled 0.00 till",
		"pi_a refunded 12.34 both",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("rows, newest first:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if rows[0].Card.Last4 != "1933" || rows[0].ReaderID != "tmr_2" || rows[3].ReaderID != reader ||
		rows[0].Tip != (Money{300, "cad"}) || rows[1].Tip != usd(200) || rows[1].Amount != usd(2000) {
		t.Errorf("rows %+v", rows)
	}
	if rows[1].Left() != usd(1500) || rows[2].Left() != usd(0) || rows[3].Left() != usd(0) {
		t.Errorf("left: %v %v %v", rows[1].Left(), rows[2].Left(), rows[3].Left())
	}
}

func TestFilterHistoryAsYouType(t *testing.T) {
	rows := historySample()
	tests := []struct {
		filter HistoryFilter
		want   string
	}{
		{HistoryFilter{}, "pi_e pi_c pi_b pi_a"},
		{HistoryFilter{Text: "ord-10"}, "pi_c pi_b pi_a"},
		{HistoryFilter{Text: "ORD-102"}, "pi_c"},
		{HistoryFilter{Text: "pi_b"}, "pi_b"},
		{HistoryFilter{Text: "4444"}, "pi_c"},
		{HistoryFilter{Text: "1"}, "pi_e pi_c pi_b pi_a"}, // as typed: part of every order id
		{HistoryFilter{Text: "12"}, "pi_a"},
		{HistoryFilter{Text: "$12.3"}, "pi_a"},
		{HistoryFilter{Text: "12,34"}, "pi_a"},
		{HistoryFilter{Text: "30.00"}, "pi_e"},
		{HistoryFilter{Text: "visa 12"}, "pi_a"},
		{HistoryFilter{Text: "visa 20"}, ""},
		{HistoryFilter{Text: "interac"}, "pi_e"},
		{HistoryFilter{From: t0.Add(150 * time.Second)}, "pi_e pi_c"},
		{HistoryFilter{From: t0.Add(90 * time.Second), To: t0.Add(3 * time.Minute)}, "pi_c pi_b"},
		{HistoryFilter{Text: "."}, ""},
		{HistoryFilter{Text: "ca$30"}, "pi_e"},
		{HistoryFilter{Text: "x1"}, ""}, // not an amount, and in no id
		{HistoryFilter{Text: "1.2.3"}, ""},
	}
	for _, tt := range tests {
		var got []string
		for _, r := range FilterHistory(rows, tt.filter) {
			got = append(got, r.PaymentIntentID)
		}
		if strings.Join(got, " ") != tt.want {
			t.Errorf("%+v: %q, want %q", tt.filter, strings.Join(got, " "), tt.want)
		}
	}
}

func TestParseSince(t *testing.T) {
	loc := time.FixedZone("shop", -5*3600)
	tests := []struct {
		text string
		want time.Time
	}{
		{"24h", t0.Add(-24 * time.Hour)},
		{"90m", t0.Add(-90 * time.Minute)},
		{"7d", t0.AddDate(0, 0, -7)},
		{"2026-11-01", time.Date(2026, 11, 1, 0, 0, 0, 0, loc)},
		{"2026-11-01T10:00:00Z", time.Date(2026, 11, 1, 10, 0, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		if got, err := ParseSince(tt.text, t0, loc); err != nil || !got.Equal(tt.want) {
			t.Errorf("%s: %v %v, want %v", tt.text, got, err, tt.want)
		}
	}
	for _, bad := range []string{"", "yesterday", "-24h", "0d", "2026-13-01"} {
		if _, err := ParseSince(bad, t0, loc); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

type historyBookFake struct{ sessions []Summary }

func (b historyBookFake) Summaries(time.Time) ([]Summary, error) { return b.sessions, nil }
func (b historyBookFake) Refunds(time.Time) ([]Refund, error)    { return nil, nil }

type searcherFake struct {
	found []Intent
	more  bool
	err   error
}

func (s searcherFake) SearchPayments(context.Context, time.Time, int) ([]Intent, bool, error) {
	return s.found, s.more, s.err
}

func TestLoadHistorySaysWhatItCouldNotRead(t *testing.T) {
	book := historyBookFake{sessions: []Summary{{OrderID: "o", Phase: Paid, PaymentIntentID: "pi_o", Amount: usd(100), StartedAt: t0}}}
	h, err := LoadHistory(context.Background(), book, searcherFake{err: &Failure{Kind: KindNetwork}}, Scope{}, t0)
	if err == nil || len(h.Rows) != 1 || !strings.Contains(h.Note, "only this till's journal") {
		t.Fatalf("history %+v, %v", h, err)
	}
	h, err = LoadHistory(context.Background(), book, searcherFake{more: true}, Scope{}, t0)
	if err != nil || !strings.Contains(h.Note, "only the newest are shown") {
		t.Fatalf("history %+v, %v", h, err)
	}
	if _, err := LoadHistory(context.Background(), failingBook{}, searcherFake{}, Scope{}, t0); err == nil {
		t.Fatal("a journal that cannot be read is an error")
	}
}

type failingBook struct{ historyBookFake }

func (failingBook) Summaries(time.Time) ([]Summary, error) { return nil, errors.New("disk") }

// The readers of the journal's sessions are this till's own: Stripe's payments at
// their locations are in the history, those elsewhere are not.
func TestLoadHistoryScopesByTheSessionsReaders(t *testing.T) {
	readers := []Reader{{ID: "r_front", Location: "shop_a"}, {ID: "r_back", Location: "shop_a"}, {ID: "r_far", Location: "shop_b"}}
	book := historyBookFake{sessions: []Summary{{OrderID: "o", Phase: Paid, PaymentIntentID: "pi_o", ReaderID: "r_front", Amount: usd(100), StartedAt: t0}}}
	found := []Intent{
		{ID: "pi_near", Status: IntentSucceeded, ReaderID: "r_back", Amount: usd(200), AmountReceived: 200, Created: t0},
		{ID: "pi_far", Status: IntentSucceeded, ReaderID: "r_far", Amount: usd(300), AmountReceived: 300, Created: t0},
	}
	scope := NewScope("till-1", nil, readers)
	h, err := LoadHistory(context.Background(), book, searcherFake{found: found}, scope, t0)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, r := range h.Rows {
		ids = append(ids, r.PaymentIntentID)
	}
	slices.Sort(ids)
	if !slices.Equal(ids, []string{"pi_near", "pi_o"}) {
		t.Fatalf("rows %v, want pi_near and pi_o", ids)
	}
	if !scope.Has(found[1]) {
		t.Fatal("LoadHistory narrowed the caller's scope")
	}
}
