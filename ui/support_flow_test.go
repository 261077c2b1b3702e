package ui

import (
	"context"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest"

	"github.com/till-pos/till/checkout"
)

// TestFlowSupportCancelsAStuckReader: another till's payment is on the front counter
// when the reader drops off mid-payment (the disconnect fault, switched on from the
// support screen's emulator panel). Support sees it flagged, cancels its action
// (confirming, as it is not this till's) and the emulator shows the reader cleared.
func TestFlowSupportCancelsAStuckReader(t *testing.T) {
	f := newFlow(t, true)
	front := f.front()
	ctx := context.Background()
	in, err := f.gw.CreateIntent(ctx, checkout.CreateIntent{OrderID: "ord_other_till", ReaderID: front,
		Amount: usd(1850), CaptureMethod: checkout.CaptureManual, Key: "till_ord_other_till_create"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.gw.ProcessOnReader(ctx, checkout.ProcessOnReader{ReaderID: front, PaymentIntentID: in.ID,
		Key: "till_ord_other_till_process_1"}); err != nil {
		t.Fatal(err)
	}

	f.wait("a free line")
	f.key("ctrl+s")
	f.wait("2 readers in every location") // the list is read, not just the header drawn
	f.key("down")                         // readers are listed by name: the back counter comes first
	// The reader drops off mid-payment: switched on from the emulator's fault panel.
	f.tm.Type("f")
	f.wait("Emulator faults on Front counter")
	for range 5 {
		f.key("down")
	}
	f.key("enter")
	f.wait("ON")
	if got := f.emu.Faults()[front]; !got.Disconnect {
		t.Fatalf("the emulator's faults on the front counter: %+v, want disconnect", got)
	}
	f.key("esc")
	time.Sleep(60 * time.Millisecond) // past StuckAfter
	f.tm.Type("s")
	f.wait("Possibly disconnected")
	f.tm.Type("x")
	f.wait("(y/n)")
	f.tm.Type("y")
	f.wait("Canceled process_payment_intent on Front counter")
	f.key("esc")
	f.wait("Cart")
	f.tm.Type("q")
	f.tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))

	if typ, status, pi, ok := f.emu.ReaderAction(front); ok && status == string(checkout.ActionInProgress) {
		t.Errorf("the reader still has its action: %s %s %s", typ, status, pi)
	}
	if st, _ := f.emu.PaymentIntentStatus(in.ID); st != string(checkout.IntentRequiresPaymentMethod) {
		t.Errorf("the other till's intent is %s; canceling the reader's action must leave it alone", st)
	}
}
