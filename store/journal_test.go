package store

import (
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/till-pos/till/checkout"
)

func entry(orderID, stage, step string, at time.Time) Entry {
	return Entry{OrderID: orderID, Stage: stage, Step: step, At: at}
}

func appendAll(t *testing.T, s *Store, entries ...Entry) []Entry {
	t.Helper()
	out := make([]Entry, 0, len(entries))
	for _, e := range entries {
		got, err := s.Append(e)
		if err != nil {
			t.Fatalf("Append(%+v): %v", e, err)
		}
		out = append(out, got)
	}
	return out
}

func seqs(entries []Entry) []uint64 {
	out := make([]uint64, 0, len(entries))
	for _, e := range entries {
		out = append(out, e.Seq)
	}
	return out
}

func increasing(nums []uint64) bool {
	for i := 1; i < len(nums); i++ {
		if nums[i] <= nums[i-1] {
			return false
		}
	}
	return true
}

func TestAppendRoundTripsEveryField(t *testing.T) {
	s, _ := openTemp(t)
	e := Entry{
		OrderID: "ord_1", At: t0, Stage: StageAfter, Step: "capture", Method: "POST",
		Path: "/v1/payment_intents/pi_1/capture", IdempotencyKey: "till_ord_1_capture_0",
		PaymentIntentID: "pi_1", RequestID: "req_9", HTTPStatus: 200,
		Duration: 1234 * time.Millisecond, Outcome: "ok", Phase: "paid",
	}
	stored, err := s.Append(e)
	if err != nil {
		t.Fatal(err)
	}
	if stored.Seq == 0 {
		t.Fatal("Append did not set Seq")
	}
	e.Seq = stored.Seq
	if !reflect.DeepEqual(stored, e) {
		t.Errorf("Append returned %+v, want %+v", stored, e)
	}
	got, err := reopen(t, s).Entries("ord_1")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || !reflect.DeepEqual(got[0], e) {
		t.Errorf("Entries = %+v, want [%+v]", got, e)
	}
}

func TestEntriesPerOrderInSeqOrder(t *testing.T) {
	s, _ := openTemp(t)
	// ord_1 is a prefix of ord_10: the index must still keep them apart.
	// Notes and calls: lines no step folds (TestJournalFoldsEachStep).
	stored := appendAll(t, s,
		entry("ord_1", StageNote, "create", t0),
		entry("ord_10", StageNote, "create", t0),
		entry("ord_1", StageCall, "create", t0.Add(time.Second)),
		entry("ord_2", StageNote, "", t0),
		entry("ord_1", StageBefore, "process", t0.Add(2*time.Second)),
		entry("ord_10", StageCall, "create", t0.Add(time.Second)),
	)
	if got := seqs(stored); !increasing(got) {
		t.Fatalf("Append seqs = %v, want strictly increasing", got)
	}
	cases := []struct {
		order string
		want  []Entry
	}{
		{"ord_1", []Entry{stored[0], stored[2], stored[4]}},
		{"ord_10", []Entry{stored[1], stored[5]}},
		{"ord_2", []Entry{stored[3]}},
		{"ord_none", nil},
	}
	for _, tc := range cases {
		got, err := s.Entries(tc.order)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(tc.want) || (len(got) > 0 && !reflect.DeepEqual(got, tc.want)) {
			t.Errorf("Entries(%s) = seqs %v, want %v", tc.order, seqs(got), seqs(tc.want))
		}
	}
}

func TestAppendSeqContinuesAfterReopen(t *testing.T) {
	s, _ := openTemp(t)
	first := appendAll(t, s, entry("ord_1", StageBefore, "create", t0))
	s = reopen(t, s)
	second := appendAll(t, s, entry("ord_2", StageBefore, "create", t0))
	if second[0].Seq <= first[0].Seq {
		t.Errorf("seq after reopen = %d, want more than %d", second[0].Seq, first[0].Seq)
	}
}

func TestAppendRefusesBadEntries(t *testing.T) {
	s, _ := openTemp(t)
	cases := []struct {
		name string
		e    Entry
		want string
	}{
		{"no order", entry("", StageBefore, "create", t0), "order id is empty"},
		{"NUL in order", entry("ord\x00", StageBefore, "create", t0), "NUL"},
		{"no stage", entry("ord_1", "", "create", t0), "stage"},
		{"unknown stage", entry("ord_1", "during", "create", t0), "stage"},
	}
	for _, tc := range cases {
		got, err := s.Append(tc.e)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: Append err = %v, want one mentioning %q", tc.name, err, tc.want)
		}
		if got.Seq != 0 {
			t.Errorf("%s: refused entry got Seq %d", tc.name, got.Seq)
		}
	}
	all, err := s.AllEntries(time.Time{})
	if err != nil || len(all) != 0 {
		t.Errorf("after refused appends AllEntries = %d entries, %v; want none", len(all), err)
	}
}

func TestAppendStampsZeroTime(t *testing.T) {
	s, _ := openTemp(t)
	before := time.Now()
	stored := appendAll(t, s, entry("ord_1", StageNote, "", time.Time{}))[0]
	if stored.At.Before(before) || stored.At.After(time.Now()) {
		t.Errorf("At = %v, want the time of the Append", stored.At)
	}
}

func TestAllEntriesSince(t *testing.T) {
	s, _ := openTemp(t)
	// Written out of time order (a clock stepped back): results stay in Seq order.
	stored := appendAll(t, s,
		entry("ord_1", StageBefore, "create", t0.Add(2*time.Hour)),
		entry("ord_2", StageBefore, "create", t0),
		entry("ord_1", StageNote, "create", t0.Add(time.Hour)),
		entry("ord_3", StageNote, "", time.Date(1969, 1, 1, 0, 0, 0, 0, time.UTC)),
		entry("ord_2", StageNote, "create", t0.Add(time.Hour+time.Nanosecond)),
	)
	cases := []struct {
		since time.Time
		want  []int
	}{
		{time.Time{}, []int{0, 1, 2, 3, 4}},
		{t0, []int{0, 1, 2, 4}},
		{t0.Add(time.Nanosecond), []int{0, 2, 4}},
		{t0.Add(time.Hour), []int{0, 2, 4}},
		{t0.Add(time.Hour + time.Nanosecond), []int{0, 4}},
		{t0.Add(3 * time.Hour), nil},
	}
	for _, tc := range cases {
		got, err := s.AllEntries(tc.since)
		if err != nil {
			t.Fatal(err)
		}
		var want []Entry
		for _, i := range tc.want {
			want = append(want, stored[i])
		}
		if !slices.Equal(seqs(got), seqs(want)) || (len(got) > 0 && !reflect.DeepEqual(got, want)) {
			t.Errorf("AllEntries(%v) = seqs %v, want %v", tc.since, seqs(got), seqs(want))
		}
	}
}

func TestConcurrentAppendsGetDistinctSeqs(t *testing.T) {
	s, _ := openTemp(t)
	const writers, each = 4, 5
	var wg sync.WaitGroup
	errs := make(chan error, writers*each)
	for w := range writers {
		wg.Go(func() {
			for range each {
				_, err := s.Append(entry("ord_"+string(rune('a'+w)), StageNote, "", t0))
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	all, err := s.AllEntries(time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	got := seqs(all)
	if len(got) != writers*each || !increasing(got) {
		t.Errorf("seqs = %v, want %d distinct", got, writers*each)
	}
}

// Each phase a session is saved in is noted in its journal with it, in one
// transaction: the order's journal tells what happened beside the calls, and a step's
// after line still takes its before line's place.
func TestSavingANewPhaseNotesIt(t *testing.T) {
	s, _ := openTemp(t)
	sess := session("ord_story", checkout.Building, t0)
	declined := &checkout.Failure{Kind: checkout.KindDeclined, Code: "card_declined", DeclineCode: "insufficient_funds"}
	steps := []struct {
		phase   checkout.Phase
		failure *checkout.Failure
	}{{checkout.Building, nil}, {checkout.Creating, nil}, {checkout.Awaiting, nil}, {checkout.Awaiting, nil},
		{checkout.Declined, declined}, {checkout.Awaiting, nil}, {checkout.Approved, nil}, {checkout.Paid, nil}}
	for i, step := range steps {
		sess.Phase, sess.Failure, sess.UpdatedAt = step.phase, step.failure, t0.Add(time.Duration(i)*time.Second)
		if err := s.SaveSession(sess); err != nil {
			t.Fatal(err)
		}
		if step.phase == checkout.Creating {
			appendAll(t, s, entry("ord_story", StageBefore, "create", sess.UpdatedAt), entry("ord_story", StageAfter, "create", sess.UpdatedAt))
		}
	}
	entries, err := s.Entries("ord_story")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Stage+" "+e.Step+" "+e.Outcome)
	}
	want := []string{"note phase creating", "after create ", "note phase awaiting",
		"note phase declined (card_declined, insufficient_funds)", "note phase awaiting", "note phase approved", "note phase paid"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("journal\n%q\nwant\n%q", got, want)
	}
	if entries[3].At != t0.Add(4*time.Second) || entries[3].Phase != "declined" {
		t.Errorf("the decline's note %+v: not at the session's update", entries[3])
	}
}
