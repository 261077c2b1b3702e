package checkout

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestValidOrderID(t *testing.T) {
	for _, ok := range []string{"ord_20261129T062254_8529a2c2", "A-1001", "K-1", "o", "2024.001", strings.Repeat("a", MaxOrderIDLen)} {
		if err := ValidOrderID(ok); err != nil {
			t.Errorf("%q: %v", ok, err)
		}
	}
	for _, bad := range []string{"", "../../x", "a/b", `a\b`, "..", ".hidden", "-rf", "_x", "bad\nid", "del\x7f", "tab\tid",
		"sp ace", "é", "a\x00b", "x;rm", "$(x)", "a'b", strings.Repeat("a", MaxOrderIDLen+1), "\x1b[31mred"} {
		err := ValidOrderID(bad)
		if err == nil {
			t.Errorf("%q accepted", bad)
			continue
		}
		if strings.ContainsAny(err.Error(), "\n\x1b\x7f\x00") {
			t.Errorf("the message carries the raw id: %q", err)
		}
	}
}

// Issue 11 defect 1: the export's file name was built from the order id, so "../"
// wrote anywhere. ExportPath names one plain file inside the directory, or refuses.
func TestExportPathStaysInItsDirectory(t *testing.T) {
	dir := filepath.Join("exports", "here")
	got, err := ExportPath(dir, "timeline", "ord_1", "json")
	if err != nil || got != filepath.Join(dir, "till-timeline-ord_1.json") {
		t.Fatalf("ExportPath = %q, %v", got, err)
	}
	for _, tt := range []struct{ kind, id, ext string }{
		{"timeline", "../../x", "json"}, {"timeline", "a/../../b", "json"}, {"timeline", "", "json"},
		{"timeline", "x\n", "json"}, {"../t", "ord_1", "json"}, {"timeline", "ord_1", "json/../../x"}, {"timeline", "ord_1", "j.s"},
	} {
		if p, err := ExportPath(dir, tt.kind, tt.id, tt.ext); err == nil {
			t.Errorf("ExportPath(%q, %q, %q) = %q", tt.kind, tt.id, tt.ext, p)
		}
	}
}

// Issue 11 defect 6: an id with a control character made an Idempotency-Key no HTTP
// client sends, retried for ever. New ids are refused at the charge; the keys of an old
// one stay valid headers; an old one that never got its PaymentIntent closes on resume.
func TestOrderIDsThatCannotBeSent(t *testing.T) {
	at := time.Now()
	_, _, err := Apply(Session{}, ChargeRequested{OrderID: "bad\nid", Amount: Money{100, "usd"}, ReaderID: "tmr_1", At: at})
	if !errors.Is(err, ErrBadCharge) {
		t.Fatalf("a charge for %q: %v", "bad\nid", err)
	}
	old := Session{OrderID: "bad\nid\x7f", Phase: Unknown, Amount: Money{100, "usd"}, ReaderID: "tmr_1"}
	for _, key := range []string{old.CreateKey(), old.ProcessKey(), old.CaptureKey(), old.CancelKey()} {
		if !Sendable(key) || strings.Contains(key, "bad") {
			t.Errorf("key %q", key)
		}
	}
	if (Session{OrderID: "ord_1"}).CreateKey() != "till_ord_1_create" {
		t.Error("the keys of a good id changed: replays would no longer find their first answer")
	}
	for _, phase := range []Phase{Unknown, Creating} {
		old.Phase = phase
		next, effects, err := Apply(old, Resumed{At: at})
		if err != nil || next.Phase != Canceled || effects != nil {
			t.Errorf("resuming it from %s: %s %v %v", phase, next.Phase, effects, err)
		}
	}
	old.PaymentIntentID = "pi_1" // found at Stripe after all (it cannot be, but then it is settled normally)
	if next, effects, _ := Apply(old, Resumed{At: at}); next.Phase != Unknown || len(effects) != 1 {
		t.Errorf("with an intent: %s %v", next.Phase, effects)
	}
}
