package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/emulator"
	"github.com/till-pos/till/store"
)

// displayTap serves the emulator and, right after each set_reader_display, reads the
// reader back from the emulator: the cart as the emulator holds it, before the payment
// replaces it on the screen.
type displayTap struct {
	emu  *emulator.Emulator
	mu   sync.Mutex
	cart json.RawMessage
}

func (d *displayTap) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	d.emu.ServeHTTP(w, r)
	if !strings.HasSuffix(r.URL.Path, "/set_reader_display") {
		return
	}
	get := httptest.NewRequest(http.MethodGet, strings.TrimSuffix(r.URL.Path, "/set_reader_display"), nil)
	get.Header.Set("Authorization", r.Header.Get("Authorization"))
	rec := httptest.NewRecorder()
	d.emu.ServeHTTP(rec, get)
	var reader struct {
		Action struct {
			SetReaderDisplay struct {
				Cart json.RawMessage `json:"cart"`
			} `json:"set_reader_display"`
		} `json:"action"`
	}
	_ = json.Unmarshal(rec.Body.Bytes(), &reader)
	d.mu.Lock()
	d.cart = reader.Action.SetReaderDisplay.Cart
	d.mu.Unlock()
}

// counterEnv is a shop's configuration, an emulator behind a displayTap and a database.
type counterEnv struct {
	db, config, url string
	tap             *displayTap
}

func newCounterEnv(t *testing.T, config string) *counterEnv {
	t.Helper()
	db := payEnv(t)
	emu, err := emulator.New(emulator.Options{Seed: true})
	if err != nil {
		t.Fatal(err)
	}
	tap := &displayTap{emu: emu}
	srv := httptest.NewServer(tap)
	t.Cleanup(srv.Close)
	file := filepath.Join(t.TempDir(), "till.yaml")
	if err := os.WriteFile(file, []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	return &counterEnv{db: db, config: file, url: srv.URL, tap: tap}
}

func (e *counterEnv) till(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	return runTill(t, append(args, "--config", e.config, "--api-base", e.url, "--db", e.db)...)
}

func (e *counterEnv) tillJSON(t *testing.T, v any, args ...string) {
	t.Helper()
	code, out, errOut := e.till(t, append(args, "--json")...)
	if code != 0 {
		t.Fatalf("till %v: exit %d, %s%s", args, code, out, errOut)
	}
	if err := json.Unmarshal([]byte(out), v); err != nil {
		t.Fatalf("till %v: %v in %q", args, err, out)
	}
}

// A sale of three catalogue items with tax and a discount, tipped on the reader, has
// the same total on the cart, on the reader's display (read back from the emulator),
// on the receipt, in till pay --json and in the shift report; and the same tip in
// all but the cart and the display, which come before it.
func TestTheSaleIsTheSameEverywhere(t *testing.T) {
	example, err := os.ReadFile("config.example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, shop := range []struct {
		name, config string
		items        []string
		discount     string
		tip          string
		total, tax   int64 // worked by hand in the comments
		tipMinor     int64
		currency     string
	}{
		// The example café: gross 900+325+1299 = 2524; 10% off = 252, shared 90/32/130;
		// prepared 8.25% of 810+293 = 90.9975 → 91; grocery 1% of 1169 = 11.69 → 12.
		{"USD, tax on top", string(example), []string{"LATTE:2", "CROISSANT", "BEANS"}, "10%", "2.50", 2375, 103, 250, "usd"},
		// Gross 720+140+450 = 1310; €1.00 off shared 55/11/34; VAT inside: 10% of 665 =
		// 60.45 → 60, 5.5% of 129 = 6.72 → 7, 20% of 416 = 69.33 → 69.
		{"EUR, VAT included", `currency: eur
shop: Café du Coin
catalogue:
  items:
    - {sku: CAPPUCCINO, name: Cappuccino, price: "3.60", tax: reduced}
    - {sku: CROISSANT, name: Croissant, price: "1.40", tax: food}
    - {sku: JUICE, name: Jus d'orange, price: "4.50", tax: standard}
tax: {mode: inclusive, rounding: total, classes: {standard: "20%", reduced: "10%", food: "5.5%"}}
tipping: {enabled: true}
receipt: {address: [3 rue du Marché, 75011 Paris], tax_id: FR12345678901}
`, []string{"CAPPUCCINO:2", "CROISSANT", "JUICE"}, "1.00", "2.00", 1210, 136, 200, "eur"},
		// Gross 550+540+240 = 1330; 5% off = 66.5 → 67, shared 28/27/12; inside:
		// 10% of 522 = 47.45 → 47, 8% of 513+228 = 54.89 → 55.
		{"JPY, tax included", `currency: jpy
shop: 角のカフェ
catalogue:
  items:
    - {sku: MATCHA, name: Matcha latte, price: 550, tax: standard}
    - {sku: ONIGIRI, name: Onigiri, price: 180, tax: reduced}
    - {sku: DANGO, name: Dango, price: 240, tax: reduced}
tax: {mode: inclusive, classes: {standard: "10%", reduced: "8%"}}
tipping: {enabled: true}
`, []string{"MATCHA", "ONIGIRI:3", "DANGO"}, "5%", "200", 1263, 102, 200, "jpy"},
	} {
		t.Run(shop.name, func(t *testing.T) {
			e := newCounterEnv(t, shop.config)
			cfg, err := load(t, "--config", e.config, "--api-base", e.url)
			if err != nil {
				t.Fatal(err)
			}
			// The cart, as the screen builds it.
			cart, err := cfg.Counter.Catalogue.CartOf(shop.items)
			if err != nil {
				t.Fatal(err)
			}
			d, _ := checkout.ParseDiscount(shop.discount, shop.currency)
			if cart, err = cart.SetDiscount(&d); err != nil {
				t.Fatal(err)
			}
			totals := cart.Totals()
			if totals.Total != shop.total || totals.Tax != shop.tax {
				t.Fatalf("cart: total %d tax %d, worked by hand %d %d", totals.Total, totals.Tax, shop.total, shop.tax)
			}

			args := []string{"pay", "--discount", shop.discount, "--tip", shop.tip}
			for _, it := range shop.items {
				args = append(args, "--item", it)
			}
			var paid payResult
			e.tillJSON(t, &paid, args...)

			var shown checkout.Display
			if err := json.Unmarshal(e.tap.cart, &shown); err != nil {
				t.Fatalf("the reader showed no cart: %q", e.tap.cart)
			}
			t.Logf("the cart as the emulator holds it: %s", e.tap.cart)
			var receipt checkout.ReceiptDoc
			e.tillJSON(t, &receipt, "receipt", paid.OrderID)
			var shift struct {
				Totals []struct {
					Currency string `json:"currency"`
					Captured int64  `json:"captured"`
					Tips     int64  `json:"tips"`
				} `json:"totals"`
			}
			e.tillJSON(t, &shift, "shift", "report")
			if len(shift.Totals) != 1 || shift.Totals[0].Currency != shop.currency {
				t.Fatalf("shift %+v", shift)
			}

			for where, got := range map[string]int64{
				"the reader's display": shown.Total, "till pay --json": paid.Amount, "the receipt": receipt.Total,
				"the shift report": shift.Totals[0].Captured,
			} {
				if got != shop.total {
					t.Errorf("%s says %d, the cart %d", where, got, shop.total)
				}
			}
			for where, got := range map[string]int64{"the display": shown.Tax, "till pay": paid.Tax, "the receipt": receipt.Tax} {
				if got != shop.tax {
					t.Errorf("tax on %s is %d, the cart's %d", where, got, shop.tax)
				}
			}
			for where, got := range map[string]int64{"till pay": paid.Tip, "the receipt": receipt.Tip, "the shift's tips": shift.Totals[0].Tips} {
				if got != shop.tipMinor {
					t.Errorf("tip in %s is %d, the customer chose %d", where, got, shop.tipMinor)
				}
			}
			if paid.Status != "succeeded" || paid.AmountReceived != shop.total+shop.tipMinor || receipt.TotalWithTip != paid.AmountReceived ||
				paid.Subtotal != totals.Subtotal || paid.Discount != totals.Discount || len(paid.Lines) != 3 || receipt.Status != "paid" {
				t.Errorf("pay %+v\nreceipt %+v", paid, receipt)
			}
			if len(shown.Lines) != 3 || receipt.Card.Last4 == "" || receipt.EMV.AID == "" || receipt.AuthorizationCode == "" {
				t.Errorf("display %+v\nreceipt card %+v emv %+v", shown, receipt.Card, receipt.EMV)
			}
		})
	}
}

// The $10.00 sale with a $2.50 tip: the customer paid $12.50, and the shift counts
// $10.00 sales and $2.50 tips.
func TestTheTipIsCountedApart(t *testing.T) {
	db := payEnv(t)
	code, res, stderr := pay(t, "--amount", "10.00", "--tip", "2.50", "--db", db)
	if code != 0 || res.Amount != 1000 || res.Tip != 250 || res.AmountReceived != 1250 || !strings.Contains(res.Message, "Paid $10.00 + $2.50 tip") {
		t.Fatalf("exit %d %+v %s", code, res, stderr)
	}
	pis := emulatorPaymentIntents(t, db)
	if len(pis) != 1 || pis[0].Status != "succeeded" {
		t.Fatalf("emulator %+v", pis)
	}
	var out, errOut bytes.Buffer
	if code := run([]string{"shift", "report", "--json", "--db", db}, &out, &errOut); code != 0 {
		t.Fatalf("shift: %d %s", code, errOut.String())
	}
	var shift struct {
		Totals []map[string]any `json:"totals"`
	}
	if err := json.Unmarshal(out.Bytes(), &shift); err != nil || len(shift.Totals) != 1 ||
		shift.Totals[0]["captured"] != 1000.0 || shift.Totals[0]["tips"] != 250.0 {
		t.Fatalf("shift %s", out.String())
	}
}

func TestPayRefusesABadSale(t *testing.T) {
	db := payEnv(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--item", "LATTE", "--amount", "1.00"}, "not both"},
		{[]string{}, "give --amount 12.34 or one --item"},
		{[]string{"--item", "TEA-BAGS"}, `no item has the SKU "TEA-BAGS"`},
		{[]string{"--item", "LATTE:0"}, "from 1 to 9999"},
		{[]string{"--item", "LATTE", "--discount", "200%"}, "more than 100%"},
		{[]string{"--item", "LATTE", "--discount", "100%"}, "comes to nothing"},
		{[]string{"--item", "LATTE", "--discount", "9.00"}, "more than the order"},
		{[]string{"--amount", "5.00", "--discount", "1.00"}, "applies to --item lines"},
		{[]string{"--amount", "5.00", "--tip", "-1"}, "--tip: bad amount"},
	} {
		code, _, stderr := pay(t, append(tc.args, "--db", db)...)
		if code != 2 || !strings.Contains(stderr, tc.want) || !strings.Contains(stderr, "Nothing was sent") {
			t.Errorf("%v: exit %d, %q", tc.args, code, stderr)
		}
	}
	if pis := emulatorPaymentIntents(t, db); len(pis) != 0 {
		t.Fatalf("%d PaymentIntents made", len(pis))
	}
	// A shop with tipping off has no tip to pick.
	t.Setenv("TILL_TIPPING_ENABLED", "false")
	if code, _, stderr := pay(t, "--amount", "5.00", "--tip", "1.00", "--db", db); code != 2 || !strings.Contains(stderr, "tipping off") {
		t.Errorf("tipping off: exit %d, %q", code, stderr)
	}
}

// With tipping off, the reader is told to skip the tip screen.
func TestPayTellsTheReaderAboutTipping(t *testing.T) {
	for _, tc := range []struct {
		env, want string
	}{
		{"false", `"skip_tipping":true`},
		{"true", `"amount_eligible":1225`}, // LATTE:2 + CROISSANT is 1225 before 8.25% tax
	} {
		e := newSupportEnv(t, emulator.Options{})
		t.Setenv("TILL_TIPPING_ENABLED", tc.env)
		code, out, stderr := e.till(t, "pay", "--config", "config.example.yaml", "--item", "LATTE:2", "--item", "CROISSANT", "--card", "none", "--wait", "1s", "--reader", e.readers[0])
		if code == 0 || !strings.Contains(stderr+out, "still open (awaiting)") {
			t.Fatalf("exit %d: %s%s", code, out, stderr)
		}
		req := httptest.NewRequest(http.MethodGet, "/v1/terminal/readers/"+e.readers[0], nil)
		req.Header.Set("Authorization", "Bearer "+emulatorKey)
		rec := httptest.NewRecorder()
		e.emu.ServeHTTP(rec, req)
		if !strings.Contains(rec.Body.String(), tc.want) {
			t.Errorf("tipping %s: the reader's action has no %s: %s", tc.env, tc.want, rec.Body.String())
		}
	}
}

// A declined sale resumed later keeps its lines, tax and discount: they are in the
// session (and the journal) from before the PaymentIntent was made.
func TestAResumedSaleKeepsItsLines(t *testing.T) {
	db := payEnv(t)
	sale := []string{"--item", "LATTE:2", "--item", "CROISSANT", "--discount", "1.00", "--order", "R-1", "--db", db}
	code, first, _ := pay(t, append(sale, "--card", "4000000000000002")...)
	if code == 0 || first.Status != "requires_payment_method" || len(first.Lines) != 2 {
		t.Fatalf("first run: %d %+v", code, first)
	}
	// The cashier comes back with the amount only: the order is the same sale.
	code, second, _ := pay(t, "--amount", "12.18", "--order", "R-1", "--db", db)
	if code != 0 || second.PaymentIntent != first.PaymentIntent || !reflect.DeepEqual(second.Lines, first.Lines) ||
		second.Discount != 100 || second.Tax != first.Tax || second.Amount != 1218 {
		t.Fatalf("resumed: %d %+v\nfirst %+v", code, second, first)
	}
	entries := journalOf(t, db, "R-1")
	var sold *checkout.Cart
	for _, e := range entries {
		// The create's before line, or the step's line that took its place.
		if (e.Stage == store.StageBefore || e.Stage == store.StageAfter) && e.Step == "create" && e.Cart != nil {
			sold = e.Cart
		}
	}
	if sold == nil || sold.Total().Amount != 1218 || len(sold.Lines) != 2 || sold.Discount == nil {
		t.Fatalf("the journal has not the order as sold before its creation: %+v", sold)
	}
}

// A sale Stripe refuses before any payment reaches the reader is abandoned: its cart
// comes off the reader's screen.
func TestARefusedSaleClearsTheReader(t *testing.T) {
	db := payEnv(t)
	emu, err := emulator.New(emulator.Options{Seed: true})
	if err != nil {
		t.Fatal(err)
	}
	refuse := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost && r.URL.Path == "/v1/payment_intents" {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusBadRequest)
			_, _ = w.Write([]byte(`{"error":{"type":"invalid_request_error","code":"parameter_invalid_integer","message":"No."}}`))
			return
		}
		emu.ServeHTTP(w, r)
	})
	srv := httptest.NewServer(refuse)
	defer srv.Close()
	reader := emu.ReaderIDs()[0]
	var out, errOut bytes.Buffer
	code := run([]string{"pay", "--config", "config.example.yaml", "--item", "LATTE", "--api-base", srv.URL, "--db", db, "--reader", reader, "--json"}, &out, &errOut)
	var res payResult
	if code == 0 || json.Unmarshal(out.Bytes(), &res) != nil || res.Status != "" || res.PaymentIntent != "" {
		t.Fatalf("exit %d %s %s", code, out.String(), errOut.String())
	}
	if typ, status, _, ok := emu.ReaderAction(reader); ok && typ == "set_reader_display" && status == "in_progress" {
		t.Fatal("the abandoned cart is still on the reader")
	}
	// It was shown first.
	entries := journalOf(t, db, res.OrderID)
	var paths []string
	for _, e := range entries {
		// A call's line, or the step's line that took the place of its one call.
		if e.Method == http.MethodPost {
			paths = append(paths, strings.TrimPrefix(e.Path, "/v1/terminal/readers/"+reader+"/"))
		}
	}
	if strings.Join(paths, " ") != "set_reader_display /v1/payment_intents cancel_action" {
		t.Fatalf("calls %v", paths)
	}
}
