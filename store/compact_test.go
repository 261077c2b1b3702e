package store

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/till-pos/till/checkout"
)

func poll(order string, at time.Time, status int, requestID string) Entry {
	return Entry{OrderID: order, At: at, Stage: StageCall, Method: "GET", Path: "/v1/terminal/readers/tmr_1",
		HTTPStatus: status, RequestID: requestID, Outcome: "ok", Duration: time.Millisecond}
}

// A run of identical polls is one journal line with a count; an answer that differs
// starts a new line.
func TestJournalFoldsRepeatedPolls(t *testing.T) {
	s, _ := openTemp(t)
	first := appendAll(t, s, entry("ord_1", StageNote, "resume", t0))[0]
	var last Entry
	for i := range 5 {
		last = appendAll(t, s, poll("ord_1", t0.Add(time.Duration(i+1)*time.Second), 200, "req_"+string(rune('a'+i))))[0]
	}
	limited := appendAll(t, s, poll("ord_1", t0.Add(6*time.Second), 429, "req_x"))[0]
	again := appendAll(t, s, poll("ord_1", t0.Add(7*time.Second), 200, "req_y"))[0]
	got, err := s.Entries("ord_1")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 4 || got[0].Seq != first.Seq {
		t.Fatalf("%d lines %+v; want the note, 5 polls as one, the 429, the next poll", len(got), got)
	}
	run := got[1]
	if run.Repeats != 4 || !run.At.Equal(t0.Add(time.Second)) || !run.Until.Equal(t0.Add(5*time.Second)) || run.RequestID != "req_e" {
		t.Errorf("the run: %+v; want 4 repeats from 1s to 5s, last request req_e", run)
	}
	if !reflect.DeepEqual(run, last) {
		t.Errorf("Append returned %+v for the last poll, the journal has %+v", last, run)
	}
	if got[2].Seq != limited.Seq || got[2].HTTPStatus != 429 || got[3].Seq != again.Seq || got[3].Repeats != 0 {
		t.Errorf("after the run: %+v", got[2:])
	}
	// The run's latest time is what AllEntries looks at.
	all, err := s.AllEntries(t0.Add(4 * time.Second))
	if err != nil || len(all) != 3 || all[0].Seq != run.Seq {
		t.Errorf("AllEntries from 4s = %+v, %v; want the run and the two after it", all, err)
	}
}

func TestSummaries(t *testing.T) {
	s, _ := openTemp(t)
	paid := sampleSession("ord_b")
	paid.Phase, paid.StartedAt = checkout.Paid, t0.Add(time.Hour)
	for _, sess := range []checkout.Session{paid, session("ord_a", checkout.Approved, t0), session("ord_0", checkout.Paid, t0.Add(-time.Hour))} {
		if err := s.SaveSession(sess); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.Summaries(t0)
	if err != nil {
		t.Fatal(err)
	}
	want := []checkout.Summary{session("ord_a", checkout.Approved, t0).Summary(), paid.Summary()}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Summaries = %+v\nwant %+v", got, want)
	}
	// Moving an order's start moves its summary.
	paid.StartedAt = t0.Add(-2 * time.Hour)
	if err := s.SaveSession(paid); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Summaries(t0); len(got) != 1 || got[0].OrderID != "ord_a" {
		t.Fatalf("after moving ord_b's start: %+v", got)
	}
}

// An archived order keeps its session (cart and all), its outcome lines and its
// summary; it loses the call lines. Saving it again brings it back whole.
func TestArchive(t *testing.T) {
	s, _ := openTemp(t)
	old := sampleSession("ord_old")
	old.Phase, old.UpdatedAt = checkout.Paid, t0
	recent := session("ord_recent", checkout.Canceled, t0.Add(48*time.Hour))
	open := session("ord_open", checkout.Approved, t0.Add(-time.Hour))
	for _, sess := range []checkout.Session{old, recent, open} {
		if err := s.SaveSession(sess); err != nil {
			t.Fatal(err)
		}
	}
	lines := appendAll(t, s,
		entry("ord_old", StageBefore, "capture", t0),
		poll("ord_old", t0, 200, "req_1"),
		entry("ord_old", StageAfter, "capture", t0),
		entry("ord_old", StageNote, "resume", t0),
	)
	cutoff := t0.Add(24 * time.Hour)
	n, err := s.Archive(cutoff)
	if err != nil || n != 1 {
		t.Fatalf("Archive = %d, %v; want the one old finished order", n, err)
	}
	if n, err := s.Archive(cutoff); err != nil || n != 0 {
		t.Fatalf("Archive again = %d, %v; want nothing more", n, err)
	}
	got, found, err := s.Session("ord_old")
	want := old
	want.Action, want.ReadError, want.ReadFailures = nil, nil, 0
	if err != nil || !found || !reflect.DeepEqual(got.Cart, old.Cart) || got.Action != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("archived session: %+v, %v, %v", got, found, err)
	}
	entries, err := s.Entries("ord_old")
	if err != nil || !reflect.DeepEqual(seqs(entries), []uint64{lines[2].Seq, lines[3].Seq}) {
		t.Fatalf("archived journal: %+v, %v; want the after and note lines", entries, err)
	}
	if all, _ := s.AllEntries(time.Time{}); len(linesOf(all, "ord_old")) != 0 {
		t.Errorf("AllEntries lists archived lines: %+v", all)
	}
	sums, err := s.Summaries(time.Time{})
	if err != nil || len(sums) != 3 {
		t.Fatalf("Summaries after archiving: %+v, %v", sums, err)
	}
	if list := sessionsSince(t, s, time.Time{}); len(list) != 3 {
		t.Fatalf("Sessions after archiving: %d", len(list))
	}
	// Saving the session again (a refund, say) brings the order back with its lines.
	if err := s.SaveSession(got); err != nil {
		t.Fatal(err)
	}
	appendAll(t, s, entry("ord_old", StageBefore, "refund", t0.Add(72*time.Hour)))
	entries, err = s.Entries("ord_old")
	if err != nil || len(entries) != 3 || entries[2].Step != "refund" {
		t.Fatalf("unarchived journal: %+v, %v", entries, err)
	}
	if all, _ := s.AllEntries(time.Time{}); len(linesOf(all, "ord_old")) != 3 {
		t.Errorf("AllEntries after unarchiving: %+v", all)
	}
	// Still finished long ago: the next Archive takes it again.
	if n, err := s.Archive(cutoff); err != nil || n != 1 {
		t.Errorf("Archive after unarchiving = %d, %v; want 1", n, err)
	}
}

func orderName(i int) string { return fmt.Sprintf("ord_%05d", i) }

// More orders than one transaction archives, with unfinished ones among them.
func TestArchiveInBatches(t *testing.T) {
	s, _ := openTemp(t)
	const orders = archiveBatch*2 + 7
	for i := range orders {
		phase := checkout.Paid
		if i%100 == 0 {
			phase = checkout.Declined
		}
		if err := s.SaveSession(session(orderName(i), phase, t0.Add(time.Duration(i)*time.Second))); err != nil {
			t.Fatal(err)
		}
	}
	n, err := s.Archive(t0.Add(time.Hour))
	if want := orders - (orders+99)/100; err != nil || n != want {
		t.Fatalf("Archive = %d, %v; want %d", n, err, want)
	}
	if open, _ := s.Unfinished(); len(open) != (orders+99)/100 {
		t.Fatalf("%d unfinished left", len(open))
	}
}

// A step's outcome line takes the place of its before line, and of its one call; a
// step that took several calls keeps them.
func TestJournalFoldsEachStep(t *testing.T) {
	s, _ := openTemp(t)
	key := "till_ord_1_create"
	before := appendAll(t, s, Entry{OrderID: "ord_1", At: t0, Stage: StageBefore, Step: "create", IdempotencyKey: key, Phase: "creating"})[0]
	appendAll(t, s, Entry{OrderID: "ord_1", At: t0.Add(time.Second), Stage: StageCall, Method: "POST", Path: "/v1/payment_intents",
		IdempotencyKey: key, RequestID: "req_1", HTTPStatus: 200, Outcome: "ok"})
	step := appendAll(t, s, Entry{OrderID: "ord_1", At: t0.Add(2 * time.Second), Stage: StageAfter, Step: "create", IdempotencyKey: key,
		PaymentIntentID: "pi_1", Phase: "creating", Outcome: "ok", Duration: 2 * time.Second})[0]
	want := Entry{Seq: before.Seq, OrderID: "ord_1", At: t0, Stage: StageAfter, Step: "create", Method: "POST", Path: "/v1/payment_intents",
		IdempotencyKey: key, PaymentIntentID: "pi_1", RequestID: "req_1", HTTPStatus: 200, Duration: 2 * time.Second, Outcome: "ok", Phase: "creating"}
	if !reflect.DeepEqual(step, want) {
		t.Fatalf("the step's line:\n got %+v\nwant %+v", step, want)
	}
	// A step retried through a rate limit keeps each attempt.
	key = "till_ord_1_capture_1"
	appendAll(t, s,
		Entry{OrderID: "ord_1", At: t0.Add(time.Minute), Stage: StageBefore, Step: "capture", IdempotencyKey: key},
		Entry{OrderID: "ord_1", At: t0.Add(time.Minute), Stage: StageCall, Method: "POST", IdempotencyKey: key, HTTPStatus: 429, RequestID: "req_2"},
		Entry{OrderID: "ord_1", At: t0.Add(time.Minute), Stage: StageCall, Method: "POST", IdempotencyKey: key, HTTPStatus: 200, RequestID: "req_3"},
		Entry{OrderID: "ord_1", At: t0.Add(time.Minute), Stage: StageAfter, Step: "capture", IdempotencyKey: key, Outcome: "ok"},
	)
	// A step whose before line is not the last step's stays as written.
	appendAll(t, s,
		Entry{OrderID: "ord_1", At: t0.Add(2 * time.Minute), Stage: StageBefore, Step: "cancel_intent", IdempotencyKey: "k9"},
		Entry{OrderID: "ord_1", At: t0.Add(2 * time.Minute), Stage: StageNote, Step: "resume"},
		Entry{OrderID: "ord_1", At: t0.Add(2 * time.Minute), Stage: StageAfter, Step: "cancel_intent", IdempotencyKey: "k9", Outcome: "ok"},
	)
	got, err := s.Entries("ord_1")
	if err != nil {
		t.Fatal(err)
	}
	var shape []string
	for _, e := range got {
		shape = append(shape, fmt.Sprintf("%s %s %d", e.Stage, e.Step, e.HTTPStatus))
	}
	wantShape := []string{"after create 200", "after capture 0", "call  429", "call  200",
		"before cancel_intent 0", "note resume 0", "after cancel_intent 0"}
	if !reflect.DeepEqual(shape, wantShape) {
		t.Fatalf("journal %q\nwant    %q", shape, wantShape)
	}
}

// linesOf are the entries of one order.
func linesOf(entries []Entry, orderID string) []Entry {
	var out []Entry
	for _, e := range entries {
		if e.OrderID == orderID {
			out = append(out, e)
		}
	}
	return out
}
