package checkout

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"
)

func TestCashReceipt(t *testing.T) {
	c, err := cafe(t).CartOf([]string{"LATTE:2", "CROISSANT"})
	if err != nil {
		t.Fatal(err)
	}
	cadCart := Cart{Currency: "cad", Lines: []Line{{Description: "Muffin", UnitPrice: 1002, Quantity: 1}}}
	sales := map[string]Session{
		"receipt_cash_usd_42.txt": {OrderID: "ord_cash_1", Phase: Paid, Cart: c, Amount: c.Total(), StartedAt: t0,
			Cash: &Cash{Due: c.Total(), Given: usd(2000), Change: usd(2000 - c.Total().Amount)}},
		"receipt_cash_cad_32.txt": {OrderID: "ord_cash_2", Phase: Paid, Cart: cadCart, Amount: cad(1002), StartedAt: t0,
			Cash: &Cash{Due: cad(1000), Given: cad(1000), Change: cad(0)}},
	}
	for name, s := range sales {
		r, err := CashReceipt(cafeShop, s)
		if err != nil {
			t.Fatal(err)
		}
		width := 42
		if name == "receipt_cash_cad_32.txt" {
			width = 32
		}
		text, err := ReceiptText(r, width)
		if err != nil {
			t.Fatal(err)
		}
		golden(t, name, text)
	}
	doc, _ := json.Marshal(ReceiptJSON(mustCashReceipt(t, sales["receipt_cash_cad_32.txt"])))
	var got map[string]any
	_ = json.Unmarshal(doc, &got)
	cash, _ := got["cash"].(map[string]any)
	if got["tender"] != "cash" || got["payment_intent"] != "" || got["total"] != 1002.0 || cash["due"] != 1000.0 || cash["given"] != 1000.0 || cash["change"] != 0.0 {
		t.Errorf("JSON %s", doc)
	}
	bare := Session{OrderID: "o", Phase: Paid, Amount: usd(500), StartedAt: t0, Cash: &Cash{Due: usd(500), Given: usd(500), Change: usd(0)}}
	if r := mustCashReceipt(t, bare); len(r.Cart.Lines) != 1 || r.Totals.Total != 500 {
		t.Errorf("a bare amount's receipt: %+v", r.Cart)
	}
	if _, err := CashReceipt(cafeShop, at(Paid)); !errors.Is(err, ErrNoReceipt) {
		t.Errorf("a card payment as cash: %v", err)
	}
}

func mustCashReceipt(t *testing.T, s Session) Receipt {
	t.Helper()
	r, err := CashReceipt(cafeShop, s)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// A cash sale's receipt comes from the till's own record, never from Stripe; Stripe
// cannot email it.
func TestFindReceiptOfACashSale(t *testing.T) {
	s := Session{OrderID: "cash_1", Phase: Paid, Amount: usd(500), StartedAt: t0, Cash: &Cash{Due: usd(500), Given: usd(1000), Change: usd(500)}}
	r, err := FindReceipt(context.Background(), nil, sessionBook{s.OrderID: s}, cafeShop, "cash_1")
	if err != nil || r.Cash == nil || r.FileName() != "cash_1" || r.Charged != 500 {
		t.Fatalf("receipt %+v, %v", r, err)
	}
	if err := EmailReceipt(context.Background(), nil, &cashBook{}, r, "ana@example.com", func() time.Time { return t0 }); err == nil {
		t.Fatal("a cash receipt was emailed")
	}
	card, _ := usSale(t)
	if (Receipt{PaymentIntent: card.PaymentIntentID}).FileName() != pi {
		t.Error("a card receipt is named by its PaymentIntent")
	}
}
