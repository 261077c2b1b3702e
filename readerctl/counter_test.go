package readerctl

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"reflect"
	"testing"
	"time"

	"github.com/till-pos/till/checkout"
)

// The customer's tip is read back from the PaymentIntent and captured in full.
func TestEmulatorTipIsReadAndCapturedInFull(t *testing.T) {
	m := newEmu(t)
	ctx := context.Background()
	in := m.create(t, "o-tip", 1000, checkout.CaptureManual)
	if _, err := m.c.ProcessOnReader(ctx, checkout.ProcessOnReader{ReaderID: m.readers[0], PaymentIntentID: in.ID, Key: "p-tip",
		Tipping: &checkout.Tipping{AmountEligible: 920}}); err != nil {
		t.Fatal(err)
	}
	if _, err := m.c.PresentCardWithTip(ctx, m.readers[0], "", 250); err != nil {
		t.Fatal(err)
	}
	got := m.read(t, in.ID)
	if got.Status != checkout.IntentRequiresCapture || got.Tip != 250 || got.Amount.Amount != 1250 || got.AmountCapturable != 1250 {
		t.Fatalf("approved %+v", got)
	}
	captured, err := m.c.CaptureIntent(ctx, checkout.CaptureIntent{PaymentIntentID: in.ID, Key: "c-tip"})
	if err != nil || captured.AmountReceived != 1250 || captured.Tip != 250 {
		t.Fatalf("captured %+v, %v", captured, err)
	}
}

// rawReader reads the reader as the emulator holds it.
func rawReaderJSON(t *testing.T, m *emu, id string) map[string]any {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, m.url+"/v1/terminal/readers/"+id, nil)
	req.Header.Set("Authorization", "Bearer "+testKey)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	var r map[string]any
	if err := json.Unmarshal(body, &r); err != nil {
		t.Fatalf("%s: %v", body, err)
	}
	return r
}

// The cart goes onto the reader, reads back as it was sent, never over a payment,
// and comes off with cancel_action.
func TestEmulatorShowsAndClearsTheCart(t *testing.T) {
	m := newEmu(t)
	ctx := context.Background()
	now := func() time.Time { return emuNow }
	disp := checkout.Display{Currency: "usd", Tax: 98, Total: 1290,
		Lines: []checkout.DisplayLine{{Description: "Latte", Amount: 900, Quantity: 2}, {Description: "Croissant (-$0.33)", Amount: 292, Quantity: 1}}}
	res := checkout.PerformDisplay(ctx, m.c, checkout.ShowCart{ReaderID: m.readers[0], Display: disp}, now)
	if res.Outcome != checkout.DisplayShown || res.Reader.Action == nil || !reflect.DeepEqual(*res.Reader.Action.Display, disp) {
		t.Fatalf("show: %+v", res)
	}
	r, err := m.c.ReadReader(ctx, m.readers[0])
	if err != nil || r.Action.Type != "set_reader_display" || !reflect.DeepEqual(*r.Action.Display, disp) {
		t.Fatalf("read back: %+v %v", r.Action, err)
	}
	cart := rawReaderJSON(t, m, m.readers[0])["action"].(map[string]any)["set_reader_display"].(map[string]any)["cart"].(map[string]any)
	if cart["total"] != 1290.0 || cart["tax"] != 98.0 {
		t.Fatalf("the emulator holds %v", cart)
	}
	res = checkout.PerformDisplay(ctx, m.c, checkout.ClearDisplay{ReaderID: m.readers[0], Display: disp}, now)
	if res.Outcome != checkout.DisplayCleared || res.Failure != nil || res.Reader.Action != nil {
		t.Fatalf("clear: %+v", res)
	}

	// A payment in progress is left alone, and a clear does not touch it either.
	in := m.create(t, "o-busy", 500, checkout.CaptureManual)
	m.process(t, in.ID, "p-busy")
	if res := checkout.PerformDisplay(ctx, m.c, checkout.ShowCart{ReaderID: m.readers[0], Display: disp}, now); res.Outcome != checkout.DisplaySkipped {
		t.Fatalf("over a payment: %+v", res)
	}
	if res := checkout.PerformDisplay(ctx, m.c, checkout.ClearDisplay{ReaderID: m.readers[0], Display: disp}, now); res.Outcome != checkout.DisplayCleared {
		t.Fatalf("clear over a payment: %+v", res)
	}
	if r, _ := m.c.ReadReader(ctx, m.readers[0]); r.BusyWith() != in.ID {
		t.Fatalf("the payment was touched: %+v", r.Action)
	}
}

// A receipt reads the card's entry method, EMV data and authorization code from the
// charge; an email receipt sets receipt_email.
func TestEmulatorReceiptDetails(t *testing.T) {
	m := newEmu(t)
	ctx := context.Background()
	in := m.create(t, "o-rc", 1234, checkout.CaptureManual)
	m.process(t, in.ID, "p-rc")
	m.present(t, "4001007020000002") // offline PIN
	p, err := m.c.ReadPayment(ctx, in.ID)
	if err != nil {
		t.Fatal(err)
	}
	e := p.EMV
	if p.Intent.Card.Last4 != "0002" || p.ReadMethod == "" || p.AuthorizationCode == "" || e.AID == "" || e.ARC == "" ||
		e.TVR == "" || e.TSI == "" || e.Cryptogram == "" || e.CVM != "offline_pin" || e.AccountType == "" || e.ApplicationName == "" ||
		!p.ChargedAt.Equal(emuNow) {
		t.Fatalf("payment %+v", p)
	}
	if _, err := m.c.SetReceiptEmail(ctx, in.ID, "ana@example.com", "till_o-rc_receipt_email"); err != nil {
		t.Fatal(err)
	}
	if p, _ := m.c.ReadPayment(ctx, in.ID); p.ReceiptEmail != "ana@example.com" {
		t.Fatalf("receipt_email %q", p.ReceiptEmail)
	}
}
