package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/emulator"
)

// refundOn runs till refund in the environment and decodes its JSON.
func (e *supportEnv) refundOn(t *testing.T, args ...string) (int, refundResult, string) {
	t.Helper()
	code, out, errOut := e.till(t, append([]string{"refund", "--json"}, args...)...)
	var res refundResult
	if out != "" {
		if err := json.Unmarshal([]byte(out), &res); err != nil {
			t.Fatalf("refund: exit %d, %q, %q", code, out, errOut)
		}
	}
	return code, res, errOut
}

// refundsAt lists what Stripe refunded of a payment.
func (e *supportEnv) refundsAt(t *testing.T, pi string) (sum int64, refunds []checkout.StripeRefund) {
	t.Helper()
	refunds, err := e.other(t).ListRefunds(context.Background(), pi)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range refunds {
		if r.Status.Counts() {
			sum += r.Amount.Amount
		}
	}
	return sum, refunds
}

func TestRefundPartialThenTheRestThenARefusedThird(t *testing.T) {
	e := newSupportEnv(t, emulator.Options{})
	if code, p := e.payOn(t, "--amount", "12.00", "--order", "R-1"); code != 0 {
		t.Fatalf("pay: %d %+v", code, p)
	}
	code, first, errOut := e.refundOn(t, "R-1", "--amount", "5.00", "--refund-id", "rf-a", "--reason", "requested_by_customer")
	if code != 0 || first.Status != "succeeded" || first.Amount != 500 || first.Currency != "usd" || first.OrderID != "R-1" ||
		!strings.HasPrefix(first.Refund, "re_") || !strings.HasPrefix(first.PaymentIntent, "pi_") || first.FailureReason != "" {
		t.Fatalf("first refund: exit %d, %+v, %q", code, first, errOut)
	}
	// More than is left is refused before anything is sent, naming what is left.
	code, _, errOut = e.refundOn(t, "R-1", "--amount", "8.00")
	if code != 1 || !strings.Contains(errOut, "only $7.00 is left to refund of $12.00") {
		t.Fatalf("too much: exit %d, %q", code, errOut)
	}
	// The rest, named by the payment instead of the order.
	code, rest, errOut := e.refundOn(t, first.PaymentIntent, "--refund-id", "rf-b")
	if code != 0 || rest.Status != "succeeded" || rest.Amount != 700 {
		t.Fatalf("the rest: exit %d, %+v, %q", code, rest, errOut)
	}
	code, _, errOut = e.refundOn(t, "R-1", "--amount", "0.01")
	if code != 1 || !strings.Contains(errOut, "already refunded in full") {
		t.Fatalf("third refund: exit %d, %q", code, errOut)
	}
	// Re-running a finished refund reports it again and refunds nothing.
	code, again, _ := e.refundOn(t, "R-1", "--refund-id", "rf-a")
	if code != 0 || again.Refund != first.Refund {
		t.Fatalf("re-run: exit %d, %+v", code, again)
	}
	if code, _, errOut := e.refundOn(t, "R-2", "--refund-id", "rf-a"); code != 2 || !strings.Contains(errOut, "is for order R-1") {
		t.Fatalf("a refund id of another order: exit %d, %q", code, errOut)
	}
	if sum, refunds := e.refundsAt(t, first.PaymentIntent); sum != 1200 || len(refunds) != 2 {
		t.Fatalf("Stripe refunded %d in %d refunds, want 1200 in 2", sum, len(refunds))
	}
}

func TestRefundRefusesBadInputBeforeSendingAnything(t *testing.T) {
	e := newSupportEnv(t, emulator.Options{})
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"R-1", "--reason", "changed_mind"}, "is not one of requested_by_customer"},
		{[]string{"R-1", "--refund-id", "a b"}, "may hold only"},
		{[]string{"R-1", "--cancel"}, "--cancel needs the --refund-id"},
		{[]string{"R-1", "--refund-id", "x", "--cancel"}, "no refund x to cancel"},
		{[]string{"R-404"}, "order R-404 has no successful payment"},
	}
	for _, tt := range tests {
		code, _, errOut := e.refundOn(t, tt.args...)
		if code != 2 || !strings.Contains(errOut, tt.want) {
			t.Errorf("%q: exit %d, %q", tt.args, code, errOut)
		}
	}
	if code, _ := e.payOn(t, "--amount", "3.00", "--order", "R-1"); code != 0 {
		t.Fatal("pay failed")
	}
	for _, amount := range []string{"abc", "-1", "0", "1.234"} {
		if code, _, errOut := e.refundOn(t, "R-1", "--amount", amount); code != 2 || !strings.Contains(errOut, "Nothing was sent") {
			t.Errorf("--amount %s: exit %d, %q", amount, code, errOut)
		}
	}
	if sum, _ := e.refundsAt(t, e.session(t, "R-1").PaymentIntentID); sum != 0 {
		t.Fatalf("refunded %d", sum)
	}
}

// An Interac payment is refunded in person: the reader waits for the card, the test
// helper presents the payment's own card, and the customer can cancel on the reader.
func TestRefundInteracOnTheReader(t *testing.T) {
	e := newSupportEnv(t, emulator.Options{})
	t.Setenv("TILL_CURRENCY", "cad")
	if code, p := e.payOn(t, "--amount", "30.00", "--order", "I-1", "--card", "4506445006931933", "--reader", e.readers[1]); code != 0 {
		t.Fatalf("pay: %d %+v", code, p)
	}
	code, res, errOut := e.refundOn(t, "I-1", "--amount", "10.00", "--refund-id", "rf-i")
	if code != 0 || res.Status != "succeeded" || res.Currency != "cad" || res.Amount != 1000 {
		t.Fatalf("in-person refund: exit %d, %+v, %q", code, res, errOut)
	}
	if typ, status, _, _ := e.emu.ReaderAction(e.readers[1]); typ != "refund_payment" || status != "succeeded" {
		t.Fatalf("the refund did not go to the reader that took the payment: %s %s", typ, status)
	}
	if steps := e.steps(t, "I-1"); count(steps, "refund_on_reader") != 1 || count(steps, "refund") != 0 {
		t.Fatalf("journal steps %q", steps)
	}

	// The customer presses cancel on the reader: nothing refunded, and the cashier is
	// told to retry or cancel.
	e.emu.SetFault(e.readers[1], emulator.Fault{CustomerCancel: true})
	code, res, _ = e.refundOn(t, "I-1", "--amount", "5.00", "--refund-id", "rf-j")
	if code != 1 || res.Status != "declined" || res.FailureReason != "customer_canceled" || !strings.Contains(res.Message, "The customer canceled") {
		t.Fatalf("customer cancel: exit %d, %+v", code, res)
	}
	// The cashier cancels the refund for good.
	code, res, _ = e.refundOn(t, "I-1", "--refund-id", "rf-j", "--cancel")
	if code != 1 || res.Status != "canceled" || !strings.Contains(res.Message, "Nothing was refunded") {
		t.Fatalf("cancel: exit %d, %+v", code, res)
	}
	if sum, _ := e.refundsAt(t, res.PaymentIntent); sum != 1000 {
		t.Fatalf("refunded %d, want only the first 1000", sum)
	}
}

// The cashier cancels while the reader waits for the customer's card.
func TestRefundInPersonCanceledWhileWaiting(t *testing.T) {
	e := newSupportEnv(t, emulator.Options{})
	t.Setenv("TILL_CURRENCY", "cad")
	if code, _ := e.payOn(t, "--amount", "20.00", "--order", "I-2", "--card", "4506445006931933"); code != 0 {
		t.Fatal("pay failed")
	}
	code, res, _ := e.refundOn(t, "I-2", "--refund-id", "rf-w", "--card", "none", "--wait", "1s")
	if code != 1 || res.Status != "awaiting" || !strings.Contains(res.Message, "run again with --refund-id rf-w") {
		t.Fatalf("waiting: exit %d, %+v", code, res)
	}
	// The refund left waiting is listed as unfinished, and the shift does not close over it.
	row := e.unfinished(t)[res.PaymentIntent]
	if advice, _ := row["advice"].(map[string]any); row["refund_id"] != "rf-w" || row["status"] != "refund awaiting" ||
		advice["action"] != "resume_refund" || !strings.Contains(advice["reason"].(string), "till refund I-2 --refund-id rf-w") {
		t.Fatalf("payments --unfinished lists the refund as %+v", row)
	}
	if code, _, errOut := e.till(t, "shift", "close"); code != 1 || !strings.Contains(errOut, "rf-w (order I-2, CA$20.00, awaiting)") {
		t.Fatalf("shift close with a refund under way: exit %d, %q", code, errOut)
	}
	// till readers names the refund the reader waits on (it said only "refund_payment
	// in_progress", with no id to give till refund --cancel).
	var waiting []string
	for id, r := range e.readersJSON(t) {
		if a, _ := r["action"].(map[string]any); a != nil && a["refund_id"] == "rf-w" {
			waiting = append(waiting, id)
		}
	}
	if _, out, _ := e.till(t, "readers"); len(waiting) != 1 || !strings.Contains(out, "refund_payment in_progress refund rf-w") {
		t.Fatalf("till readers: %q, %v", out, waiting)
	}
	code, res, _ = e.refundOn(t, "I-2", "--refund-id", "rf-w", "--cancel")
	if code != 1 || res.Status != "canceled" {
		t.Fatalf("cancel: exit %d, %+v", code, res)
	}
	for _, id := range e.readers {
		if _, status, _, ok := e.emu.ReaderAction(id); ok && status == "in_progress" {
			t.Fatalf("reader %s still waits for a card", id)
		}
	}
}

// A refund of the refund_fail card is pending, then fails: till refund follows it until
// it settles and says why, with Stripe's reason; what it gave back is refundable again.
func TestRefundFailCardIsFollowedUntilItSettles(t *testing.T) {
	e := newSupportEnv(t, emulator.Options{})
	if code, _ := e.payOn(t, "--amount", "8.00", "--order", "F-1", "--card", "4000000000005126"); code != 0 {
		t.Fatal("pay failed")
	}
	code, res, _ := e.refundOn(t, "F-1", "--refund-id", "rf-f")
	if code != 1 || res.Status != "failed" || res.FailureReason != "expired_or_canceled_card" ||
		!strings.Contains(res.Message, "the card has expired or was canceled") {
		t.Fatalf("exit %d, %+v", code, res)
	}
	if steps := e.steps(t, "F-1"); count(steps, "refund") != 1 {
		t.Fatalf("one refund call, then reads: %q", steps)
	}
	// Nothing was given back, so the whole payment can be refunded another way; the
	// failed refund stays failed when looked at again.
	if code, res, _ := e.refundOn(t, "F-1", "--refund-id", "rf-f"); code != 1 || res.Status != "failed" {
		t.Fatalf("again: exit %d, %+v", code, res)
	}
	// A create slower than --wait: the refund is made, still pending, when the wait ends.
	e.emu.SetFault("", emulator.Fault{Latency: 1200 * time.Millisecond})
	code, res, errOut := e.refundOn(t, "F-1", "--refund-id", "rf-g", "--amount", "8.00", "--wait", "1s")
	if code != 1 || res.Amount != 800 || res.Status != "pending" {
		t.Fatalf("a second try: exit %d, %+v, %q", code, res, errOut)
	}
}

// A succeeded refund is checked again when its --refund-id is: Stripe can fail a refund
// after reporting it succeeded.
func TestRefundSucceededIsCheckedAgain(t *testing.T) {
	e := newSupportEnv(t, emulator.Options{})
	if code, _ := e.payOn(t, "--amount", "8.00", "--order", "F-2"); code != 0 {
		t.Fatal("pay failed")
	}
	if code, res, _ := e.refundOn(t, "F-2", "--refund-id", "rf-s"); code != 0 || res.Status != "succeeded" {
		t.Fatalf("refund: exit %d, %+v", code, res)
	}
	before := len(e.steps(t, "F-2"))
	if code, res, _ := e.refundOn(t, "F-2", "--refund-id", "rf-s"); code != 0 || res.Status != "succeeded" {
		t.Fatalf("again: exit %d, %+v", code, res)
	}
	if steps := e.steps(t, "F-2"); count(steps, "refund") != 1 || len(steps) != before {
		t.Fatalf("checking again refunded again: %q", steps)
	}
}

// Two lines of the café's taxed, discounted sale are refunded with their share of the
// discount and tax (worked in checkout's TestLinesAmountIncludesTheirTaxAndDiscounts):
// a latte (of two) and the beans, then the other latte; the croissant and the tip are
// what is left, and a line already given back is refused.
func TestRefundTwoLinesOfATaxedCart(t *testing.T) {
	example, err := os.ReadFile("config.example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	e := newCounterEnv(t, string(example))
	var sale payResult
	e.tillJSON(t, &sale, "pay", "--json", "--item", "LATTE:2", "--item", "CROISSANT", "--item", "BEANS", "--discount", "10%", "--tip", "2.50", "--order", "L-1")
	if sale.Status != "succeeded" || sale.Amount != 2375 { // 23.75 and a 2.50 tip (23.75 alone is a test amount that declines)
		t.Fatalf("sale %+v", sale)
	}
	refund := func(args ...string) (int, refundResult, string) {
		code, out, errOut := e.till(t, append([]string{"refund", "L-1", "--json"}, args...)...)
		var res refundResult
		if out != "" {
			if err := json.Unmarshal([]byte(out), &res); err != nil {
				t.Fatalf("refund: %q", out)
			}
		}
		return code, res, errOut
	}
	code, res, errOut := refund("--line", "LATTE", "--line", "BEANS", "--refund-id", "rl-1")
	if code != 0 || res.Amount != 439+1181 || res.Status != "succeeded" {
		t.Fatalf("two lines: exit %d, %+v, %q", code, res, errOut)
	}
	// The same refund id with the same lines resumes it; with others it is refused.
	if code, again, _ := refund("--line", "LATTE", "--line", "BEANS", "--refund-id", "rl-1"); code != 0 || again.Refund != res.Refund {
		t.Fatalf("resume: exit %d, %+v", code, again)
	}
	if code, _, errOut := refund("--line", "CROISSANT", "--refund-id", "rl-1"); code != 2 || !strings.Contains(errOut, "other lines") {
		t.Fatalf("other lines under the same id: exit %d, %q", code, errOut)
	}
	if code, _, errOut := refund("--line", "BEANS"); code != 2 || !strings.Contains(errOut, "1 of BEANS were sold and 0 are left to refund") {
		t.Fatalf("the beans again: exit %d, %q", code, errOut)
	}
	if code, res, _ := refund("--line", "LATTE"); code != 0 || res.Amount != 438 {
		t.Fatalf("the other latte: exit %d, %+v", code, res)
	}
	// What is left is the croissant's 317 and the 250 tip: the whole of the rest.
	if code, res, _ := refund(); code != 0 || res.Amount != 317+250 {
		t.Fatalf("the rest: exit %d, %+v", code, res)
	}
	if code, _, errOut := refund("--line", "LATTE", "--amount", "1.00"); code != 2 || !strings.Contains(errOut, "not both") {
		t.Fatalf("--line with --amount: exit %d, %q", code, errOut)
	}
}

// A refund Stripe reports pending (the refund_pending card, 4000 0000 0000 7726) is
// followed until it settles: till refund waits, then reports it succeeded.
func TestRefundPendingIsFollowedUntilItSettles(t *testing.T) {
	e := newSupportEnv(t, emulator.Options{})
	if code, _ := e.payOn(t, "--amount", "6.00", "--order", "P-1", "--card", "4000000000007726"); code != 0 {
		t.Fatal("pay failed")
	}
	start := time.Now()
	code, res, errOut := e.refundOn(t, "P-1", "--refund-id", "rf-p")
	if code != 0 || res.Status != "succeeded" || time.Since(start) < 900*time.Millisecond {
		t.Fatalf("exit %d after %v, %+v, %q", code, time.Since(start), res, errOut)
	}
	if _, refunds := e.refundsAt(t, res.PaymentIntent); len(refunds) != 1 || refunds[0].Status != checkout.RefundStatusSucceeded {
		t.Fatalf("Stripe has %+v", refunds)
	}
}

// --cancel of a refund that already succeeded printed "checkout.CancelRequested does not
// apply while succeeded. Nothing was refunded." (a Go type, and untrue: it was); a
// resumed refund's other amount was echoed as typed ("not 2").
func TestRefundCancelOfAFinishedRefundSaysWhatItIs(t *testing.T) {
	e := newSupportEnv(t, emulator.Options{})
	if code, p := e.payOn(t, "--amount", "20.00", "--order", "RC-1"); code != 0 {
		t.Fatalf("pay: %d %+v", code, p)
	}
	if code, r, errOut := e.refundOn(t, "RC-1", "--amount", "1.00", "--refund-id", "RF-1"); code != 0 || r.Status != "succeeded" {
		t.Fatalf("refund: %d %+v %q", code, r, errOut)
	}
	code, _, errOut := e.refundOn(t, "RC-1", "--cancel", "--refund-id", "RF-1")
	if code != 1 || !strings.Contains(errOut, "refund RF-1 cannot be canceled (succeeded)") || !strings.Contains(errOut, "Refunded $1.00 to Visa •••• 4242.") ||
		strings.Contains(errOut, "checkout.") || strings.Contains(errOut, "Nothing was refunded") {
		t.Fatalf("cancel: exit %d %q", code, errOut)
	}
	if sum, _ := e.refundsAt(t, e.session(t, "RC-1").PaymentIntentID); sum != 100 {
		t.Fatalf("Stripe refunded %d", sum)
	}
	if code, _, errOut := e.refundOn(t, "RC-1", "--amount", "2", "--refund-id", "RF-1"); code != 2 || !strings.Contains(errOut, "was started for $1.00, not $2.00") {
		t.Fatalf("another amount: exit %d %q", code, errOut)
	}
}

// --wait was a deadline on the calls themselves: --wait 1ns left the refund in
// "creating" with no call made (an unfinished refund for support; --wait now takes at
// least 1s, as till pay's), and on a slow Stripe a short wait cut the create and left
// the outcome unknown. It bounds only the wait for the refund to settle.
func TestRefundWaitNeverCutsACall(t *testing.T) {
	e := newSupportEnv(t, emulator.Options{})
	if code, p := e.payOn(t, "--amount", "9.00", "--order", "RW-1"); code != 0 {
		t.Fatalf("pay: %d %+v", code, p)
	}
	e.emu.SetFault("", emulator.Fault{Latency: 600 * time.Millisecond}) // two calls outlast the wait
	code, r, errOut := e.refundOn(t, "RW-1", "--amount", "2.00", "--wait", "1s", "--refund-id", "RW-B")
	if code != 0 || r.Status != "succeeded" || r.Refund == "" {
		t.Fatalf("slow Stripe, --wait 1s: exit %d %+v %q", code, r, errOut)
	}
	if sum, _ := e.refundsAt(t, r.PaymentIntent); sum != 200 {
		t.Fatalf("Stripe refunded %d, want 200", sum)
	}
	if code, out, _ := e.till(t, "payments", "--unfinished"); code != 0 || !strings.Contains(out, "No unfinished payments") {
		t.Fatalf("a refund was left open: %q", out)
	}
}

// --card 1234 was taken without a word (pay refuses it before anything is sent).
func TestRefundChecksTheCardBeforeAnythingIsSent(t *testing.T) {
	e := newSupportEnv(t, emulator.Options{})
	if code, p := e.payOn(t, "--amount", "9.00", "--order", "RD-1"); code != 0 {
		t.Fatalf("pay: %d %+v", code, p)
	}
	code, _, errOut := e.refundOn(t, "RD-1", "--card", "1234")
	if code != 2 || !strings.Contains(errOut, `--card "1234" is not a card number`) || !strings.Contains(errOut, "Nothing was sent to Stripe") {
		t.Fatalf("exit %d %q", code, errOut)
	}
	if sum, _ := e.refundsAt(t, e.session(t, "RD-1").PaymentIntentID); sum != 0 {
		t.Fatalf("Stripe refunded %d", sum)
	}
}

// till refund --json printed its object indented over a dozen lines, where till pay
// --json and the README's example print one line a script reads as one.
func TestRefundJSONIsOneLineAsPaysIs(t *testing.T) {
	for name, print := range map[string]func(*bytes.Buffer){
		"refund": func(b *bytes.Buffer) {
			printRefundResult(b, refundResult{RefundID: "rf_1", Status: "succeeded", Message: "Refunded $1.00."}, true)
		},
		"pay": func(b *bytes.Buffer) { printResult(b, payResult{OrderID: "O-1", Message: "Paid $1.00"}, true) },
	} {
		var b bytes.Buffer
		print(&b)
		if out := b.String(); strings.Count(out, "\n") != 1 || !strings.HasSuffix(out, "}\n") || !json.Valid(b.Bytes()) {
			t.Errorf("%s --json: %q is not one JSON object on one line", name, out)
		}
	}
}

// An in-person refund sent to a reader taking this till's own open order ended with
// the screen's words, "perhaps for another till … or take it over": till refund has
// no take-over, and the order was its own.
func TestRefundOnAReaderBusyWithThisTillsOrderSaysWhose(t *testing.T) {
	e := newSupportEnv(t, emulator.Options{})
	t.Setenv("TILL_CURRENCY", "cad")
	if code, _ := e.payOn(t, "--amount", "20.00", "--order", "I-3", "--card", "4506445006931933"); code != 0 {
		t.Fatal("pay failed")
	}
	open := e.openPayment(t, "OPEN-3")
	code, res, errOut := e.refundOn(t, "I-3", "--refund-id", "rf-b", "--reader", open.Reader)
	for _, want := range []string{"this till's order OPEN-3, still open", "till pay --order OPEN-3", "till payments cancel " + open.PaymentIntent,
		"Nothing was refunded; run again with --refund-id rf-b"} {
		if !strings.Contains(res.Message, want) {
			t.Errorf("%q does not say %q", res.Message, want)
		}
	}
	if code != 1 || res.FailureReason != checkout.CodeReaderInUse || strings.Contains(res.Message, "take it over") || strings.Contains(res.Message, "another till") {
		t.Errorf("exit %d %+v %q", code, res, errOut)
	}
}
