package readerctl

import (
	"context"
	"testing"
	"time"

	"github.com/till-pos/till/checkout"
)

// One call reads the reader, its payment and the card: what a poll needs.
func TestEmulatorReaderStatusInOneCall(t *testing.T) {
	m := newEmu(t)
	in := m.create(t, "o1", 1500, checkout.CaptureManual)
	m.process(t, in.ID, "k1")
	r, got, err := m.c.ReadReaderStatus(context.Background(), m.readers[0])
	if err != nil || got == nil || got.ID != in.ID || got.Status != checkout.IntentRequiresPaymentMethod {
		t.Fatalf("waiting: %+v, %v", got, err)
	}
	if a, ok := r.ActionFor(in.ID); !ok || a.Status != checkout.ActionInProgress {
		t.Fatalf("waiting: reader action %+v", r.Action)
	}
	m.present(t, "")
	before := len(m.observed())
	_, got, err = m.c.ReadReaderStatus(context.Background(), m.readers[0])
	if err != nil || got == nil || got.Status != checkout.IntentRequiresCapture || got.Card.Last4 == "" || got.CaptureBefore.IsZero() {
		t.Fatalf("approved: %+v, %v; want requires_capture with the card and capture_before", got, err)
	}
	if calls := m.observed()[before:]; len(calls) != 1 || calls[0].Method != "GET" {
		t.Fatalf("calls %+v; want one GET", calls)
	}
	// A reader with no payment action has no intent to give.
	_, got, err = m.c.ReadReaderStatus(context.Background(), m.readers[1])
	if err != nil || got != nil {
		t.Fatalf("idle reader: %+v, %v", got, err)
	}
}

// Readers Stripe returned a moment ago stand in for a read; older ones do not.
func TestRecentReader(t *testing.T) {
	m := newEmu(t)
	if _, ok := m.c.RecentReader(m.readers[0], time.Minute); ok {
		t.Fatal("a reader never seen is recent")
	}
	if _, err := m.c.ListReaders(context.Background()); err != nil {
		t.Fatal(err)
	}
	r, ok := m.c.RecentReader(m.readers[1], time.Minute)
	if !ok || r.ID != m.readers[1] {
		t.Fatalf("after the list: %+v, %v", r, ok)
	}
	if _, ok := m.c.RecentReader(m.readers[1], 0); ok {
		t.Fatal("a reader seen before the window counts as recent")
	}
	in := m.create(t, "o2", 700, checkout.CaptureManual)
	m.process(t, in.ID, "k2")
	if r, ok := m.c.RecentReader(m.readers[0], time.Minute); !ok || r.BusyWith() != in.ID {
		t.Fatalf("after the send: %+v; want the reader taking %s", r.Action, in.ID)
	}
}

// The readers come with their payments in one listing: no PaymentIntent is listed.
func TestEmulatorListReadersWithIntents(t *testing.T) {
	m := newEmu(t)
	in := m.create(t, "o3", 900, checkout.CaptureManual)
	m.process(t, in.ID, "k3")
	before := len(m.observed())
	readers, intents, err := m.c.ListReadersWithIntents(context.Background())
	if err != nil || len(readers) != 2 || len(intents) != 1 || intents[0].ID != in.ID || intents[0].OrderID != "o3" {
		t.Fatalf("%d readers, intents %+v, %v", len(readers), intents, err)
	}
	if calls := m.observed()[before:]; len(calls) != 1 || calls[0].Path != "/v1/terminal/readers" {
		t.Fatalf("calls %+v; want the one listing", calls)
	}
}
