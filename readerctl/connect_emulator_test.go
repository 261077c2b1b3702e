package readerctl

import (
	"context"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/emulator"
)

// TestConnectAgainstTheEmulator: with Connect, till works in the connected account's own
// readers and payments (the emulator keeps accounts apart), and the emulator takes its
// application fee at creation and at capture.
func TestConnectAgainstTheEmulator(t *testing.T) {
	const account = "acct_1Connected"
	e, err := emulator.New(emulator.Options{Seed: true, SeedAccounts: []string{account}})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(e)
	t.Cleanup(srv.Close)
	c, err := New(Config{APIKey: testKey, BaseURL: srv.URL, MaxNetworkRetries: -1, Timeout: 5 * time.Second,
		Account: account, ApplicationFee: checkout.Fee{BasisPoints: 250}})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	readers, err := c.ListReaders(ctx)
	if err != nil || len(readers) != 2 {
		t.Fatalf("the connected account's readers = %v, %v", readers, err)
	}
	platform := map[string]bool{}
	for _, id := range e.ReaderIDs()[:2] {
		platform[id] = true
	}
	for _, r := range readers {
		if platform[r.ID] {
			t.Fatalf("the connected account lists the platform's reader %s", r.ID)
		}
	}
	in, err := c.CreateIntent(ctx, checkout.CreateIntent{OrderID: "c-1", Amount: checkout.Money{Amount: 1500, Currency: "usd"},
		CaptureMethod: checkout.CaptureManual, Key: "create-c-1"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.ProcessOnReader(ctx, checkout.ProcessOnReader{ReaderID: readers[0].ID, PaymentIntentID: in.ID, Key: "process-c-1"}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.PresentCard(ctx, readers[0].ID, ""); err != nil {
		t.Fatal(err)
	}
	got, err := c.CaptureIntent(ctx, checkout.CaptureIntent{PaymentIntentID: in.ID, Key: "capture-c-1", Capturable: 1500})
	if err != nil || got.Status != checkout.IntentSucceeded {
		t.Fatalf("capture = %+v, %v", got, err)
	}
	if _, ok := e.PaymentIntentStatus(in.ID); !ok {
		t.Fatalf("the payment is not in the emulator")
	}
}
