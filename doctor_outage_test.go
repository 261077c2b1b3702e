package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/emulator"
)

// A support person running the doctor sees the captures and cancels held while Stripe
// did not answer (with their countdown and what to run), as a warning, and whether
// Stripe answers now; the bundle carries both.
func TestDoctorReportsHeldCallsAndTheOutage(t *testing.T) {
	e := newSupportEnv(t, emulator.Options{})
	e.holdCapture(t, "ord_held", 1500)
	path := filepath.Join(t.TempDir(), "bundle.json")
	code, out, errOut := e.till(t, "doctor", "--bundle", path)
	got := results(out)
	if code != 0 || got["outbox"] != "warn" || got["outage"] != "ok" {
		t.Fatalf("exit %d, %v\n%s%s", code, got, out, errOut)
	}
	for _, words := range []string{"1 held", "order ord_held: capture of $15.00", "1d 23h left to capture", "till outbox --send", "Stripe answers"} {
		if !strings.Contains(out, words) {
			t.Errorf("no %q in\n%s", words, out)
		}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var b bundle
	if err := json.Unmarshal(data, &b); err != nil {
		t.Fatalf("bundle is not JSON: %v", err)
	}
	if len(b.Outbox) != 1 || b.Outbox[0].OrderID != "ord_held" || b.Outbox[0].CaptureLeft == nil ||
		*b.Outbox[0].CaptureLeft < 47*3600 || *b.Outbox[0].CaptureLeft > 48*3600 || b.Reach.Down {
		t.Fatalf("bundle: outbox %+v, reach %+v", b.Outbox, b.Reach)
	}

	// Stripe stops answering: the doctor says so in the banner's words; the outbox is
	// read from the disk all the same.
	e.emu.SetFault("", emulator.Fault{DropRate: 1})
	before := time.Now().Add(-time.Minute)
	code, out, errOut = e.till(t, "doctor", "--bundle", path)
	got = results(out)
	if code != 1 || got["outage"] != "fail" || got["outbox"] != "warn" {
		t.Fatalf("exit %d, %v\n%s%s", code, got, out, errOut)
	}
	for _, words := range []string{"Stripe unreachable since", "card payments cannot be taken", "till pay --cash", "order ord_held"} {
		if !strings.Contains(out, words) {
			t.Errorf("no %q in\n%s", words, out)
		}
	}
	data, _ = os.ReadFile(path)
	b = bundle{}
	if err := json.Unmarshal(data, &b); err != nil {
		t.Fatalf("bundle is not JSON: %v", err)
	}
	if !b.Reach.Down || b.Reach.Since == nil || b.Reach.Since.Before(before) || b.Reach.Misses < 2 || len(b.Outbox) != 1 {
		t.Fatalf("bundle in an outage: reach %+v, outbox %+v", b.Reach, b.Outbox)
	}
}

// The doctor and till outbox hold the database, so no till is sending anything while
// they print: a call the session shows in flight was cut off, and says so.
func TestHeldLineSaysACallInFlightWasCutOff(t *testing.T) {
	at := time.Date(2026, 11, 29, 10, 2, 0, 0, time.Local)
	h := checkout.HeldCall{OrderID: "o1", Step: checkout.StepCapture, Amount: checkout.Money{Amount: 1500, Currency: "usd"},
		Since: at, CaptureBefore: at.Add(48 * time.Hour), Sending: true}
	if got := heldLine(h, at.Add(time.Hour)); got != "order o1: capture of $15.00, cut off mid-call (no answer known) since 2026-11-29 10:02:00, 1d 23h left to capture" {
		t.Errorf("%q", got)
	}
	h.Sending = false
	if got := heldLine(h, at.Add(49*time.Hour)); got != "order o1: capture of $15.00, waiting for Stripe since 2026-11-29 10:02:00, its capture_before has passed" {
		t.Errorf("%q", got)
	}
}
