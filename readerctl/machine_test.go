package readerctl

import (
	"context"
	"testing"
	"time"

	"github.com/till-pos/till/checkout"
)

// drive applies ev, then carries out the effects that do not wait, feeding their
// results back, the way the TUI and `till pay` do. It stops at a poll (an effect
// that waits) and returns it, or nil when the machine is at rest.
func drive(t *testing.T, c *Client, s checkout.Session, ev checkout.Event) (checkout.Session, checkout.Effect) {
	t.Helper()
	now := func() time.Time { return emuNow }
	for i := 0; i < 20; i++ {
		next, effs, err := checkout.Apply(s, ev)
		if err != nil {
			t.Fatalf("Apply(%s, %T): %v", s.Phase, ev, err)
		}
		s = next
		if len(effs) == 0 {
			return s, nil
		}
		if len(effs) != 1 {
			t.Fatalf("%d effects at once: %+v", len(effs), effs)
		}
		if checkout.Waits(effs[0]) {
			return s, effs[0]
		}
		ev = checkout.Perform(context.Background(), c, effs[0], now)
	}
	t.Fatal("the machine did not settle")
	return s, nil
}

// TestMachineOverEmulator runs checkout's state machine with this client as its
// gateway: a decline, a retry on the same intent, an approval and a capture.
func TestMachineOverEmulator(t *testing.T) {
	m := newEmu(t)
	s, poll := drive(t, m.c, checkout.Session{}, checkout.ChargeRequested{OrderID: "o-m", Amount: checkout.Money{Amount: 4200, Currency: "usd"}, ReaderID: m.readers[0], At: emuNow})
	if s.Phase != checkout.Awaiting || poll == nil {
		t.Fatalf("after charge: %s, poll %v", s.Phase, poll)
	}

	m.present(t, "4000000000009995")
	s, _ = drive(t, m.c, s, checkout.Perform(context.Background(), m.c, poll, func() time.Time { return emuNow }))
	if s.Phase != checkout.Declined || s.Failure == nil || s.Failure.Kind != checkout.KindDeclined || s.Failure.DeclineCode != "insufficient_funds" {
		t.Fatalf("after a declining card: %s %+v", s.Phase, s.Failure)
	}
	if msg := checkout.Explain(s.Failure); msg != "Declined: insufficient funds. Ask for another card." {
		t.Errorf("cashier sees %q", msg)
	}

	s, poll = drive(t, m.c, s, checkout.RetryRequested{At: emuNow})
	if s.Phase != checkout.Awaiting || poll == nil {
		t.Fatalf("after retry: %s", s.Phase)
	}
	m.present(t, "378282246310005")
	s, _ = drive(t, m.c, s, checkout.Perform(context.Background(), m.c, poll, func() time.Time { return emuNow }))
	if s.Phase != checkout.Approved || s.Card != (checkout.Card{Brand: "amex", Last4: "0005"}) {
		t.Fatalf("after a good card: %s %+v", s.Phase, s.Card)
	}

	s, _ = drive(t, m.c, s, checkout.CaptureRequested{At: emuNow})
	if s.Phase != checkout.Paid {
		t.Fatalf("after capture: %s %+v", s.Phase, s.Failure)
	}
	pis := m.e.PaymentIntents()
	if len(pis) != 1 || pis[0].Status != "succeeded" || pis[0].AmountReceived != 4200 || pis[0].OrderID != "o-m" {
		t.Errorf("emulator holds %+v, want one succeeded intent of 4200", pis)
	}
}

// TestMachineCancelOverEmulator: canceling while the reader waits clears the reader's
// action (compare before cancel) and cancels the intent.
func TestMachineCancelOverEmulator(t *testing.T) {
	m := newEmu(t)
	s, _ := drive(t, m.c, checkout.Session{}, checkout.ChargeRequested{OrderID: "o-c", Amount: checkout.Money{Amount: 1000, Currency: "usd"}, ReaderID: m.readers[0], At: emuNow})
	s, _ = drive(t, m.c, s, checkout.CancelRequested{At: emuNow})
	if s.Phase != checkout.Canceled {
		t.Fatalf("after cancel: %s %+v", s.Phase, s.Failure)
	}
	if _, _, _, ok := m.e.ReaderAction(m.readers[0]); ok {
		t.Error("the reader still has an action")
	}
	if pis := m.e.PaymentIntents(); len(pis) != 1 || pis[0].Status != "canceled" || pis[0].CancellationReason != "abandoned" {
		t.Errorf("emulator holds %+v", pis)
	}
}
