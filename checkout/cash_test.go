package checkout

import (
	"errors"
	"strings"
	"testing"
)

func cad(n int64) Money { return Money{Amount: n, Currency: "cad"} }

func TestRoundCash(t *testing.T) {
	for amount, want := range map[int64]int64{1000: 1000, 1001: 1000, 1002: 1000, 1003: 1005, 1004: 1005,
		1006: 1005, 1007: 1005, 1008: 1010, 1009: 1010, 2: 0, 3: 5} {
		if got := RoundCash(cad(amount), 5); got != cad(want) {
			t.Errorf("RoundCash(%d, 5) = %v, want %d", amount, got, want)
		}
	}
	if got := RoundCash(Money{1005, "nzd"}, 10); got.Amount != 1010 {
		t.Errorf("a half rounds up: %v", got)
	}
	if got := RoundCash(usd(1001), 1); got != usd(1001) {
		t.Errorf("no rounding: %v", got)
	}
	if CashIncrement("CAD") != 5 || CashIncrement("chf") != 5 || CashIncrement("nzd") != 10 || CashIncrement("usd") != 1 || CashIncrement("jpy") != 1 {
		t.Error("cash increments")
	}
}

func TestCashSale(t *testing.T) {
	s, effects, err := Apply(Session{}, CashTendered{OrderID: "cash_1", Amount: cad(1002), Given: cad(2000), Increment: 5, At: t0})
	if err != nil || effects != nil {
		t.Fatalf("Apply: %v %v", effects, err)
	}
	want := Cash{Due: cad(1000), Given: cad(2000), Change: cad(1000)}
	if s.Phase != Paid || s.Cash == nil || *s.Cash != want || s.PaymentIntentID != "" || s.Amount != cad(1002) ||
		!s.StartedAt.Equal(t0) || s.Tender() != "cash" {
		t.Fatalf("session %+v cash %+v", s, s.Cash)
	}
	if at(Paid).Tender() != "card" {
		t.Error("a card payment's tender")
	}
	exact, _, err := Apply(Session{}, CashTendered{OrderID: "cash_2", Amount: usd(1234), Given: usd(1234), At: t0})
	if err != nil || exact.Cash.Change != usd(0) {
		t.Fatalf("exact cash: %+v %v", exact.Cash, err)
	}
	cart, _ := Cart{Currency: "usd"}.Add(Line{Description: "tea", UnitPrice: 250, Quantity: 2})
	fromCart, _, err := Apply(Session{Cart: cart}, CashTendered{OrderID: "cash_3", Amount: usd(500), Given: usd(1000), At: t0})
	if err != nil || fromCart.Cash.Change != usd(500) || len(fromCart.Cart.Lines) != 1 {
		t.Fatalf("from the cart: %+v %v", fromCart, err)
	}
}

func TestCashRefused(t *testing.T) {
	cart, _ := Cart{Currency: "usd"}.Add(Line{Description: "tea", UnitPrice: 250, Quantity: 2})
	tests := []struct {
		name string
		from Session
		ev   CashTendered
		says string
	}{
		{"short", Session{}, CashTendered{OrderID: "o", Amount: usd(1234), Given: usd(1000)}, "$10.00 is $2.34 short of the $12.34 due"},
		{"short after rounding", Session{}, CashTendered{OrderID: "o", Amount: cad(1003), Given: cad(1000), Increment: 5}, "short of the CA$10.05 due"},
		{"no order", Session{}, CashTendered{Amount: usd(100), Given: usd(100)}, "no id"},
		{"no amount", Session{}, CashTendered{OrderID: "o", Amount: usd(0), Given: usd(100)}, "above zero"},
		{"other currency", Session{}, CashTendered{OrderID: "o", Amount: usd(100), Given: Money{100, "eur"}}, "in EUR, the sale in USD"},
		{"nothing given", Session{}, CashTendered{OrderID: "o", Amount: usd(100), Given: usd(0)}, "cash given must be above zero"},
		{"not the cart's total", Session{Cart: cart}, CashTendered{OrderID: "o", Amount: usd(100), Given: usd(1000)}, "not the cart's total"},
	}
	for _, tt := range tests {
		got, effects, err := Apply(tt.from, tt.ev)
		if !errors.Is(err, ErrBadCash) || !strings.Contains(err.Error(), tt.says) || got.Phase != Building || effects != nil {
			t.Errorf("%s: %v (phase %s); want ErrBadCash saying %q", tt.name, err, got.Phase, tt.says)
		}
	}
	if _, _, err := Apply(at(Awaiting), CashTendered{OrderID: "ord_1", Amount: usd(1234), Given: usd(2000)}); !errors.Is(err, ErrInvalidTransition) {
		t.Errorf("cash on a card payment under way: %v", err)
	}
}

func TestReportCountsCashApart(t *testing.T) {
	sale := func(order string, amount, due int64) Session {
		return Session{OrderID: order, Phase: Paid, Amount: cad(amount), StartedAt: t0,
			Cash: &Cash{Due: cad(due), Given: cad(5000), Change: cad(5000 - due)}}
	}
	card := Session{OrderID: "card", Phase: Paid, Amount: cad(999), StartedAt: t0, PaymentIntentID: pi}
	r := Report([]Summary{sale("a", 1002, 1000).Summary(), sale("b", 1003, 1005).Summary(), sale("c", 1004, 1005).Summary(), card.Summary()}, t0, t0)
	if len(r.Totals) != 1 {
		t.Fatalf("totals %+v", r.Totals)
	}
	got := r.Totals[0]
	if got.Cash != cad(3010) || got.CashCount != 3 || got.CashRounding != cad(1) || got.Captured != cad(999) || got.Paid != 1 {
		t.Fatalf("totals %+v", got)
	}
	if r.CanClose() != nil {
		t.Error("a cash sale is not unresolved")
	}
}

// cashBook is a CashBook in memory whose saves can fail.
type cashBook struct {
	saved   []Session
	entries []Entry
	fail    error
}

func (b *cashBook) SaveSession(s Session) error {
	if b.fail != nil {
		return b.fail
	}
	b.saved = append(b.saved, s)
	return nil
}

func (b *cashBook) Append(e Entry) (Entry, error) { b.entries = append(b.entries, e); return e, nil }

func TestRecordCash(t *testing.T) {
	b := &cashBook{}
	s, err := RecordCash(b, Session{}, CashTendered{OrderID: "c1", Amount: cad(1002), Given: cad(2000), Increment: 5, At: t0})
	if err != nil || s.Phase != Paid || len(b.saved) != 1 || b.saved[0].Cash.Change != cad(1000) {
		t.Fatalf("kept %+v, %v", b.saved, err)
	}
	if len(b.entries) != 1 || b.entries[0].Step != "cash" || b.entries[0].Outcome != "paid in cash: due CA$10.00, given CA$20.00, change CA$10.00" {
		t.Errorf("journal %+v", b.entries)
	}
	if _, err := RecordCash(b, Session{}, CashTendered{OrderID: "c2", Amount: cad(1002), Given: cad(1), At: t0}); !errors.Is(err, ErrBadCash) || len(b.saved) != 1 {
		t.Errorf("short: %v, %d saved", err, len(b.saved))
	}
	b.fail = errors.New("disk full")
	var notKept *ErrCashNotKept
	got, err := RecordCash(b, Session{}, CashTendered{OrderID: "c3", Amount: cad(100), Given: cad(100), At: t0})
	if !errors.As(err, &notKept) || got.Phase != Building || len(b.entries) != 1 || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("a full disk: %v, %+v", err, got)
	}
}
