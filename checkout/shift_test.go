package checkout

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestReport(t *testing.T) {
	until := t0.Add(8 * time.Hour)
	s := func(order string, p Phase, amount Money, startedAfter time.Duration) Summary {
		return Summary{OrderID: order, Phase: p, Amount: amount, StartedAt: t0.Add(startedAfter)}
	}
	eur := func(n int64) Money { return Money{Amount: n, Currency: "eur"} }
	sessions := []Summary{
		s("before", Paid, usd(9999), -time.Minute), // before the shift
		s("p1", Paid, usd(1000), time.Hour),
		s("p2", Paid, usd(250), 2*time.Hour),
		s("c1", Canceled, usd(700), 3*time.Hour),
		s("u2", Declined, usd(300), 5*time.Hour),
		s("u1", Approved, usd(1200), 4*time.Hour), // listed out of order on purpose
		s("cart", Building, usd(5000), time.Hour), // never reached a reader
		s("e1", Paid, eur(800), time.Hour),
		s("e2", Unknown, eur(50), 6*time.Hour),
		s("after", Paid, usd(1), 9*time.Hour),
	}
	sessions[1].Tip = 250 // $10.00 + a $2.50 tip on the reader: $10.00 sales and $2.50 tips
	sessions[5].Tip = 100 // a tip on an approval not yet captured: in what is unresolved, not yet in the tips
	r := Report(sessions, t0, until)
	want := []Totals{
		{Currency: "eur", Captured: eur(800), Refunded: eur(0), Canceled: eur(0), Unresolved: eur(50), Tips: eur(0), Paid: 1, UnresolvedCount: 1, RefundedOutside: eur(0), Cash: eur(0), CashRounding: eur(0)},
		{Currency: "usd", Captured: usd(1250), Refunded: usd(0), Canceled: usd(700), Unresolved: usd(1600), Tips: usd(250), Paid: 2, CanceledCount: 1, UnresolvedCount: 2, RefundedOutside: usd(0), Cash: usd(0), CashRounding: usd(0)},
	}
	if !reflect.DeepEqual(r.Totals, want) {
		t.Fatalf("totals:\n got %+v\nwant %+v", r.Totals, want)
	}
	var unresolved []string
	for _, u := range r.Unresolved {
		unresolved = append(unresolved, u.OrderID)
	}
	if !reflect.DeepEqual(unresolved, []string{"u1", "u2", "e2"}) {
		t.Fatalf("unresolved, oldest first: %v", unresolved)
	}
	if !r.Since.Equal(t0) || !r.Until.Equal(until) {
		t.Fatalf("period %v–%v", r.Since, r.Until)
	}
}

func TestReportEmpty(t *testing.T) {
	r := Report(nil, t0, t0.Add(time.Hour))
	if len(r.Totals) != 0 || len(r.Unresolved) != 0 || r.CanClose() != nil {
		t.Fatalf("an empty shift: %+v, CanClose %v", r, r.CanClose())
	}
}

func TestCanClose(t *testing.T) {
	tests := []struct {
		name     string
		sessions []Summary
		wantErr  []string // words in the error; nil means it may close
	}{
		{"all finished", []Summary{{OrderID: "a", Phase: Paid, Amount: usd(100), StartedAt: t0}, {OrderID: "b", Phase: Canceled, Amount: usd(5), StartedAt: t0}}, nil},
		{"one approved", []Summary{{OrderID: "a", Phase: Approved, Amount: usd(1234), StartedAt: t0}},
			[]string{"1 payment is unresolved", "a (approved, $12.34)"}},
		{"two open", []Summary{{OrderID: "x", Phase: Awaiting, Amount: usd(100), StartedAt: t0}, {OrderID: "y", Phase: Unknown, Amount: usd(200), StartedAt: t0}},
			[]string{"2 payments are unresolved", "x (awaiting", "y (unknown"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Report(tt.sessions, t0, t0).CanClose()
			if (err == nil) != (tt.wantErr == nil) {
				t.Fatalf("CanClose() = %v", err)
			}
			for _, w := range tt.wantErr {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("%q does not say %q", err, w)
				}
			}
		})
	}
}

func TestSessionSummary(t *testing.T) {
	s := Session{OrderID: "o", PaymentIntentID: "pi", Phase: Paid, Amount: usd(5), Tip: 1, ReaderID: "tmr", Card: Card{Brand: "visa", Last4: "4242"},
		StartedAt: t0, UpdatedAt: t0.Add(time.Minute), Attempts: 2, Cart: Cart{Currency: "usd"}}
	want := Summary{OrderID: "o", PaymentIntentID: "pi", Phase: Paid, Amount: usd(5), Tip: 1, ReaderID: "tmr", Card: Card{Brand: "visa", Last4: "4242"},
		StartedAt: t0, UpdatedAt: t0.Add(time.Minute)}
	if got := s.Summary(); got != want {
		t.Fatalf("Summary() = %+v, want %+v", got, want)
	}
}
