package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/emulator"
)

// receiptEnv is the example café on a standalone emulator, with one paid sale; edit
// replaces lines of the example ("  directory: \"\"" → "  directory: /tmp").
func receiptEnv(t *testing.T, edit ...string) (*counterEnv, payResult) {
	t.Helper()
	example, err := os.ReadFile("config.example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	config := string(example)
	for i := 0; i+1 < len(edit); i += 2 {
		if !strings.Contains(config, edit[i]) {
			t.Fatalf("the example has no %q", edit[i])
		}
		config = strings.Replace(config, edit[i], edit[i+1], 1)
	}
	e := newCounterEnv(t, config)
	var paid payResult
	e.tillJSON(t, &paid, "pay", "--item", "LATTE:2", "--item", "CROISSANT", "--item", "BEANS", "--discount", "10%", "--tip", "2.50")
	return e, paid
}

func TestReceiptText(t *testing.T) {
	e, paid := receiptEnv(t)
	for _, w := range []string{"42", "48"} {
		code, out, stderr := e.till(t, "receipt", paid.OrderID, "--width", w)
		if code != 0 {
			t.Fatalf("exit %d %s", code, stderr)
		}
		for _, want := range []string{"Corner Café", "12 Market Street", "Order " + paid.OrderID, "House beans 250g", "Order discount, 10% off",
			"Tax (prepared food) 8.25%", "TOTAL", "$23.75", "Tip", "$2.50", "$26.25", "Visa **** 4242", "AID", "TVR", "Auth code", "APPROVED"} {
			if !strings.Contains(out, want) {
				t.Errorf("width %s: no %q in\n%s", w, want, out)
			}
		}
		for _, l := range strings.Split(out, "\n") {
			if n := utf8.RuneCountInString(l); (w == "42" && n > 42) || n > 48 {
				t.Errorf("width %s: %q is %d wide", w, l, n)
			}
		}
	}
	// By PaymentIntent, the same receipt.
	_, byOrder, _ := e.till(t, "receipt", paid.OrderID)
	if code, byPI, _ := e.till(t, "receipt", paid.PaymentIntent); code != 0 || byPI != byOrder {
		t.Errorf("by PaymentIntent:\n%s\nby order:\n%s", byPI, byOrder)
	}
}

// The receipt reads the card data from Stripe: till's database holds brand and last
// four, and none of the EMV data.
func TestReceiptStoresNoCardData(t *testing.T) {
	e, paid := receiptEnv(t)
	var doc checkout.ReceiptDoc
	e.tillJSON(t, &doc, "receipt", paid.OrderID)
	st := openStore(t, e.db)
	defer st.Close()
	s, _, _ := st.Session(paid.OrderID)
	entries, _ := st.Entries(paid.OrderID)
	stored, _ := json.Marshal([]any{s, entries})
	for _, v := range []string{doc.EMV.AID, doc.EMV.Cryptogram, doc.EMV.TVR, doc.AuthorizationCode, doc.Card.ReadMethod} {
		if v == "" || strings.Contains(string(stored), v) {
			t.Errorf("%q is empty or stored in till's database", v)
		}
	}
	if !strings.Contains(string(stored), `"last4":"4242"`) {
		t.Error("the last four are not kept")
	}
}

func TestReceiptPrints(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "printed.txt")
	e, paid := receiptEnv(t, `  print_command: ""`, "  print_command: [tee, "+out+"]")
	code, text, stderr := e.till(t, "receipt", paid.OrderID, "--print")
	if code != 0 || !strings.Contains(stderr, "sent to tee") {
		t.Fatalf("exit %d %s", code, stderr)
	}
	if printed, _ := os.ReadFile(out); string(printed) != text {
		t.Fatalf("printed\n%s\nshown\n%s", printed, text)
	}

	receipts := filepath.Join(dir, "receipts") // not there yet: made
	e, paid = receiptEnv(t, `  directory: ""`, "  directory: "+receipts)
	if code, _, stderr := e.till(t, "receipt", paid.PaymentIntent, "--print", "--json"); code != 0 || !strings.Contains(stderr, "written to") {
		t.Fatalf("exit %d %s", code, stderr)
	}
	if b, err := os.ReadFile(filepath.Join(receipts, "receipt-"+paid.PaymentIntent+".txt")); err != nil || !strings.Contains(string(b), "Corner Café") {
		t.Fatalf("%v %q", err, b)
	}

	e, paid = receiptEnv(t, `  print_command: ""`, "  print_command: [false]")
	if code, _, stderr := e.till(t, "receipt", paid.OrderID, "--print"); code != 1 || !strings.Contains(stderr, "was not printed: false") {
		t.Fatalf("a failed printer: exit %d %s", code, stderr)
	}
}

func TestReceiptEmail(t *testing.T) {
	e, paid := receiptEnv(t)
	code, _, stderr := e.till(t, "receipt", paid.OrderID, "--email", "ana@example.com")
	if code != 0 || !strings.Contains(stderr, "Stripe will email a receipt to ana@example.com") {
		t.Fatalf("exit %d %s", code, stderr)
	}
	req := httptest.NewRequest(http.MethodGet, "/v1/payment_intents/"+paid.PaymentIntent, nil)
	req.Header.Set("Authorization", "Bearer "+emulatorKey)
	rec := httptest.NewRecorder()
	e.tap.emu.ServeHTTP(rec, req)
	if !strings.Contains(rec.Body.String(), `"receipt_email":"ana@example.com"`) {
		t.Fatalf("the PaymentIntent: %s", rec.Body.String())
	}
}

func TestReceiptRefuses(t *testing.T) {
	e, paid := receiptEnv(t)
	var declined payResult
	code, out, _ := e.till(t, "pay", "--amount", "10.05", "--json")
	_ = json.Unmarshal([]byte(out), &declined)
	if code == 0 {
		t.Fatal("10.05 was approved")
	}
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"ord_nope"}, 1, `no order "ord_nope"`},
		{[]string{declined.OrderID}, 1, "is requires_payment_method, not paid or authorized"},
		{[]string{"pi_nope"}, 1, "cannot read pi_nope"},
		{[]string{paid.OrderID, "--width", "12"}, 2, "--width 12"},
		{[]string{paid.OrderID, "--email", "Ana <ana@example.com>"}, 2, "not an email address"},
		{[]string{paid.OrderID, "--print"}, 2, "--print needs receipt.print_command"},
		{[]string{}, 2, "Usage: till receipt"},
	} {
		code, _, stderr := e.till(t, append([]string{"receipt"}, tc.args...)...)
		if code != tc.code || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d, %q", tc.args, code, stderr)
		}
	}
}

// A payment this till has no order for (another till's) gets one line for its amount.
func TestReceiptOfAnotherTillsPayment(t *testing.T) {
	e := newSupportEnv(t, emulator.Options{})
	in := e.authorize(t, "their-order", e.readers[0], 1800)
	code, out, stderr := e.till(t, "receipt", in.ID, "--json")
	var doc checkout.ReceiptDoc
	if code != 0 || json.Unmarshal([]byte(out), &doc) != nil {
		t.Fatalf("exit %d %s %s", code, out, stderr)
	}
	if len(doc.Lines) != 1 || doc.Lines[0].Name != "Payment" || doc.Total != 1800 || doc.Status != "authorized" || doc.OrderID != "their-order" {
		t.Fatalf("%+v", doc)
	}
}

// A refund this till made has a receipt of its own, by its refund id: the lines given
// back, what is left of the payment; it prints to a file named by the refund, and
// Stripe is not asked to email it. The sale's receipt then says what was refunded.
func TestReceiptOfARefund(t *testing.T) {
	receipts := t.TempDir()
	e, paid := receiptEnv(t, `  directory: ""`, "  directory: "+receipts)
	var rf refundResult
	e.tillJSON(t, &rf, "refund", paid.OrderID, "--line", "BEANS")
	if rf.Status != "succeeded" {
		t.Fatalf("refund %+v", rf)
	}
	left := money(paid.AmountReceived - rf.Amount)
	code, out, stderr := e.till(t, "receipt", rf.RefundID, "--print")
	if code != 0 || !strings.Contains(stderr, "receipt-refund-"+rf.RefundID+".txt") {
		t.Fatalf("exit %d %s", code, stderr)
	}
	for _, want := range []string{"REFUND " + rf.RefundID, "1 x House beans 250g", "REFUND TOTAL", "-" + money(rf.Amount), "Visa **** 4242",
		"Left on the payment", left, "REFUNDED " + money(rf.Amount), rf.Refund, paid.PaymentIntent} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in\n%s", want, out)
		}
	}
	if b, err := os.ReadFile(filepath.Join(receipts, "receipt-refund-"+rf.RefundID+".txt")); err != nil || string(b) != out {
		t.Errorf("the file: %v\n%s", err, b)
	}
	if code, _, stderr := e.till(t, "receipt", rf.RefundID, "--email", "ana@example.com"); code != 2 || !strings.Contains(stderr, "Stripe emails refund receipts itself") {
		t.Errorf("--email on a refund: exit %d %s", code, stderr)
	}
	if code, byStripe, stderr := e.till(t, "receipt", rf.Refund); code != 0 || byStripe != out {
		t.Errorf("by Stripe's refund id: exit %d %s\n%s", code, stderr, byStripe)
	}
	_, sale, _ := e.till(t, "receipt", paid.OrderID)
	for _, want := range []string{"Refunded since", "-" + money(rf.Amount), "Paid after refunds", left} {
		if !strings.Contains(sale, want) {
			t.Errorf("the sale's receipt: no %q in\n%s", want, sale)
		}
	}
	// A refund made in the Dashboard (straight on the emulator) has a receipt by its id.
	req := httptest.NewRequest(http.MethodPost, "/v1/refunds", strings.NewReader("payment_intent="+paid.PaymentIntent+"&amount=100"))
	req.Header.Set("Authorization", "Bearer "+emulatorKey)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	rec := httptest.NewRecorder()
	e.tap.emu.ServeHTTP(rec, req)
	var dashboard struct{ ID string }
	if err := json.Unmarshal(rec.Body.Bytes(), &dashboard); err != nil || rec.Code != 200 {
		t.Fatalf("the Dashboard's refund: %d %s", rec.Code, rec.Body)
	}
	if code, slip, stderr := e.till(t, "receipt", dashboard.ID); code != 0 || !strings.Contains(slip, "REFUND "+dashboard.ID) || !strings.Contains(slip, "-$1.00") {
		t.Errorf("the Dashboard's refund: exit %d %s\n%s", code, stderr, slip)
	}
	// till refund says how to get the receipt of the refund it made.
	code, out, stderr = e.till(t, "refund", paid.OrderID, "--line", "CROISSANT")
	_, hint, found := strings.Cut(out, "The customer's refund receipt: till receipt ")
	if code != 0 || !found {
		t.Fatalf("till refund: exit %d, %q %s", code, out, stderr)
	}
	if code, slip, _ := e.till(t, "receipt", strings.TrimSpace(hint)); code != 0 || !strings.Contains(slip, "1 x Croissant") {
		t.Errorf("the receipt till refund named: exit %d\n%s", code, slip)
	}
}

// money is an amount in US dollars as receipts print it.
func money(cents int64) string { return checkout.Money{Amount: cents, Currency: "usd"}.String() }

// A receipt file is named by a PaymentIntent id, an order id or a refund id, each
// checked as such: nothing else, a path least of all, names a file.
func TestReceiptFileNames(t *testing.T) {
	dir := t.TempDir()
	for name, ok := range map[string]bool{
		"pi_3MtwBwLkdIwHu7ix28a3tqPa": true, "ORD-1.2": true, checkout.RefundFilePrefix + "rf_1": true,
		"../x": false, "pi_a/b": false, "a b": false, "": false, checkout.RefundFilePrefix + "../x": false, "pi_\x1b[2J": false,
	} {
		path, err := writeReceiptFile(dir, name, "text")
		if ok != (err == nil) || ok && filepath.Dir(path) != dir {
			t.Errorf("%q: %q %v", name, path, err)
		}
	}
}

// TestPrinterSaid: a failed print command's output is quoted on one line, with no
// escape sequence to reach the terminal and no trailing space when it said nothing.
func TestPrinterSaid(t *testing.T) {
	for _, tc := range []struct{ out, want string }{
		{"", ""},
		{"\n  \n", ""},
		{"lp: printer \"counter\" not found\n", `lp: printer "counter" not found`},
		{"\x1b[2J\x1b[31mjammed\x1b[0m\r\npaper out\t!", "[2J[31mjammed[0m paper out !"},
		{strings.Repeat("é", 301), strings.Repeat("é", 300) + "…"},
	} {
		if got := printerSaid(tc.out); got != tc.want {
			t.Errorf("printerSaid(%q) = %q, want %q", tc.out, got, tc.want)
		}
	}
	k := CounterConfig{Printer: []string{"sh", "-c", "printf '\\033[2Jjammed\\n' >&2; exit 3"}}
	_, err := printReceipt(context.Background(), k, "pi_1", "RECEIPT")
	if err == nil || !strings.HasSuffix(err.Error(), "exit status 3: [2Jjammed") {
		t.Fatalf("a failed print: %v", err)
	}
	k.Printer = []string{"sh", "-c", "exit 4"}
	if _, err := printReceipt(context.Background(), k, "pi_1", "RECEIPT"); err == nil || !strings.HasSuffix(err.Error(), "exit status 4") {
		t.Fatalf("a failed print that said nothing: %q", err)
	}
}
