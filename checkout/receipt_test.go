package checkout

import (
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite the golden receipts in testdata")

// golden compares got with testdata/name, or writes it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test ./checkout -update writes it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs (go test ./checkout -update rewrites it):\n got:\n%s\nwant:\n%s", name, got, want)
	}
}

var cafeShop = Shop{Name: "Corner Café", Address: []string{"12 Market Street", "Springfield, IL 62701"}, TaxID: "12-3456789", Footer: "Thank you! See you tomorrow."}

// usSale is the US café's sale of TestTotalsExclusive, paid with a $2.50 tip.
func usSale(t *testing.T) (Session, Payment) {
	t.Helper()
	c, err := cafe(t).CartOf([]string{"LATTE:2", "CROISSANT", "BEANS"})
	if err != nil {
		t.Fatal(err)
	}
	c, _ = c.SetLineDiscount(1, &Discount{Percent: 100000})
	c, _ = c.SetDiscount(&Discount{Amount: 100})
	s := Session{OrderID: "ord_20261122T120000_0a1b2c3d", Phase: Paid, Cart: c, Amount: c.Total(), PaymentIntentID: pi, Tip: 250}
	p := Payment{
		Intent: Intent{ID: pi, Status: IntentSucceeded, Amount: usd(2747), AmountReceived: 2747, Tip: 250,
			Card: Card{Brand: "visa", Last4: "4242"}, OrderID: s.OrderID},
		ChargedAt: t0, ReadMethod: "contactless_emv", AuthorizationCode: "123456",
		EMV: EMV{ApplicationName: "VISA CREDIT", AID: "A0000000031010", ARC: "3030", TVR: "0000008000", TSI: "6800",
			Cryptogram: "EF4B0A0D3C7C7D3E", CVM: "none", AccountType: "credit"},
	}
	return s, p
}

// goldenWidths renders the receipt at each width, checks no line is wider, and
// compares each with its golden file, name plus the width.
func goldenWidths(t *testing.T, r Receipt, name string, widths ...int) {
	t.Helper()
	for _, w := range widths {
		text, err := ReceiptText(r, w)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range strings.Split(text, "\n") {
			if utf8.RuneCountInString(l) > w {
				t.Errorf("%d columns: %q is wider", w, l)
			}
		}
		golden(t, name+strconv.Itoa(w)+".txt", text)
	}
}

func TestReceiptText(t *testing.T) {
	s, p := usSale(t)
	r, err := NewReceipt(cafeShop, &s, p)
	if err != nil {
		t.Fatal(err)
	}
	if r.Totals.Total != 2497 || r.Tip != 250 || r.Charged != 2747 {
		t.Fatalf("%+v", r)
	}
	goldenWidths(t, r, "receipt_usd_", 42, 48)
	if _, err := ReceiptText(r, 20); err == nil {
		t.Error("a 20-column receipt was made")
	}
}

// An EU receipt shows the VAT included, per rate; a signature CVM leaves a line to sign.
func TestReceiptTextInclusive(t *testing.T) {
	c := mustAdd(t, Cart{Currency: "eur", Pricing: Pricing{Mode: TaxInclusive}},
		Line{Description: "Cappuccino", UnitPrice: 360, Quantity: 1, TaxClass: "standard", TaxRate: 200000},
		Line{Description: "Croissant au beurre, fait maison ce matin", UnitPrice: 220, Quantity: 2, TaxClass: "reduced", TaxRate: 100000})
	c, _ = c.SetDiscount(&Discount{Percent: 100000})
	s := Session{OrderID: "ord_eu", Phase: Approved, Cart: c, PaymentIntentID: pi}
	p := Payment{Intent: Intent{ID: pi, Status: IntentRequiresCapture, Amount: Money{720, "eur"}, AmountCapturable: 720,
		Card: Card{Brand: "mastercard", Last4: "4444"}}, ChargedAt: t0, ReadMethod: "contact_emv",
		EMV: EMV{CVM: "signature", AID: "A0000000041010"}}
	r, err := NewReceipt(Shop{Name: "Café du Coin", Address: []string{"3 rue du Marché, 75011 Paris"}, TaxID: "FR12345678901"}, &s, p)
	if err != nil {
		t.Fatal(err)
	}
	text, _ := ReceiptText(r, 42)
	golden(t, "receipt_eur_42.txt", text)
}

func TestReceiptJSON(t *testing.T) {
	s, p := usSale(t)
	r, _ := NewReceipt(cafeShop, &s, p)
	data, err := json.MarshalIndent(ReceiptJSON(r), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "receipt_usd.json", string(data)+"\n")
	var doc map[string]any
	_ = json.Unmarshal(data, &doc)
	for _, k := range []string{"card", "emv", "authorization_code", "lines", "tax", "tip", "total"} {
		if _, ok := doc[k]; !ok {
			t.Errorf("no %q in the receipt JSON", k)
		}
	}
}

func TestNewReceiptRefuses(t *testing.T) {
	s, p := usSale(t)
	for name, tc := range map[string]struct {
		s    *Session
		edit func(*Payment)
		want string
	}{
		"not paid":            {&s, func(p *Payment) { p.Intent.Status = IntentRequiresPaymentMethod }, "is requires_payment_method"},
		"canceled":            {&s, func(p *Payment) { p.Intent.Status = IntentCanceled }, "not paid or authorized"},
		"lines do not add up": {&s, func(p *Payment) { p.Intent.Amount = usd(2748) }, "add up to $24.97 but Stripe has $24.98"},
		"another intent":      {&s, func(p *Payment) { p.Intent.ID = "pi_other" }, "was paid with pi_1"},
	} {
		q := p
		tc.edit(&q)
		if _, err := NewReceipt(cafeShop, tc.s, q); err == nil || !errors.Is(err, ErrNoReceipt) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", name, err, tc.want)
		}
	}
	// A payment till has no record of gets one line for its amount before the tip.
	r, err := NewReceipt(cafeShop, nil, p)
	if err != nil || len(r.Cart.Lines) != 1 || r.Totals.Total != 2497 || r.Charged != 2747 {
		t.Fatalf("%v %+v", err, r.Totals)
	}
}

func TestParseEmail(t *testing.T) {
	for _, ok := range []string{"ana@example.com", " j.doe+till@shop.co.uk "} {
		if _, err := ParseEmail(ok); err != nil {
			t.Errorf("%q: %v", ok, err)
		}
	}
	for _, bad := range []string{"", "ana", "ana@", "ana@localhost", "Ana <ana@example.com>", "a b@example.com", "ana@example.com, bo@example.com"} {
		if _, err := ParseEmail(bad); !errors.Is(err, ErrBadEmail) {
			t.Errorf("%q was taken", bad)
		}
	}
}

func FuzzParseEmail(f *testing.F) {
	for _, s := range []string{"ana@example.com", "a@b.c", "<a@b.c>", "\"a b\"@c.d"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		addr, err := ParseEmail(s)
		if err != nil {
			return
		}
		if strings.ContainsAny(addr, "\r\n<>,") || addr != strings.TrimSpace(addr) {
			t.Fatalf("%q → %q", s, addr)
		}
	})
}

func TestReceiptWrapsLongWords(t *testing.T) {
	lines := wrap("Supercalifragilisticexpialidocious espresso", 10)
	want := []string{"Supercalif", "ragilistic", "expialidoc", "ious", "espresso"}
	if strings.Join(lines, "|") != strings.Join(want, "|") {
		t.Fatalf("%q", lines)
	}
}

func TestReceiptEmailKey(t *testing.T) {
	a, b := ReceiptEmailKey(pi, "Ana@Example.com"), ReceiptEmailKey(pi, "ana@example.com")
	if a != b || a == ReceiptEmailKey(pi, "bo@example.com") || strings.Contains(a, "example") || !strings.HasPrefix(a, "till_pi_1_receipt_email_") {
		t.Fatalf("%q %q", a, b)
	}
}
