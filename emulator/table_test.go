package emulator

import (
	"fmt"
	"slices"
	"testing"
)

// note is a tiny object kind for table tests.
type note struct {
	Tag  string
	Done bool
}

func noteTable(st *state) *table[note] {
	return newTable(st, kind[note]{name: "note",
		terms:    func(n *note, t *termList) { t.field("tag", n.Tag) },
		finished: func(n *note) bool { return n.Done },
		keep:     func(r Retention) int { return r.Finished },
	})
}

func ids[T any](list []*entry[T]) []string {
	var out []string
	for _, en := range list {
		if !en.dead {
			out = append(out, en.id)
		}
	}
	return out
}

func commitTable(st *state, r Retention) {
	w := recordWriter{}
	for _, t := range st.dirty {
		t.flush(&w)
	}
	st.dirty = st.dirty[:0]
	for _, t := range st.tables {
		t.retire(&w, r)
	}
}

// TestRetentionKeepsTheNewestFinished: the newest finished objects are kept, in the
// order they finished; an object that finished, reopened and finished again counts
// once, as of its last finish; unfinished objects are never forgotten.
func TestRetentionKeepsTheNewestFinished(t *testing.T) {
	st := &state{tracking: true, logf: t.Logf}
	tb := noteTable(st)
	r := Retention{Finished: 2}
	for i := range 6 {
		tb.putNext(fmt.Sprint("n", i), &note{Tag: "a"})
	}
	commitTable(st, r)
	finish := func(id string, done bool) {
		n, _ := tb.get(id)
		n.Done = done
		commitTable(st, r)
	}
	finish("n0", true)
	finish("n1", true)
	finish("n0", false) // reopened: no longer counts
	finish("n2", true)
	if got := ids(tb.all()); !slices.Equal(got, []string{"n0", "n1", "n2", "n3", "n4", "n5"}) {
		t.Fatalf("after reopening n0: %v", got)
	}
	finish("n0", true) // now the newest finished
	if got := ids(tb.all()); !slices.Equal(got, []string{"n0", "n2", "n3", "n4", "n5"}) {
		t.Fatalf("n1 finished first and should go: %v", got)
	}
	finish("n3", true)
	if got := ids(tb.all()); !slices.Equal(got, []string{"n0", "n3", "n4", "n5"}) {
		t.Fatalf("n2 should go: %v", got)
	}
	if got := ids(tb.withTerm("tag:a")); !slices.Equal(got, []string{"n0", "n3", "n4", "n5"}) {
		t.Fatalf("term list keeps the forgotten: %v", got)
	}
	if tb.has("n1") || tb.has("n2") {
		t.Fatal("forgotten objects still found by id")
	}
}

// TestTermListsStaySorted: term lists stay in creation order however entries come and
// go (removing the oldest moves the head; the rest shift).
func TestTermListsStaySorted(t *testing.T) {
	st := &state{tracking: true, logf: t.Logf}
	tb := noteTable(st)
	var want []string
	for i := range 200 {
		id := fmt.Sprintf("n%03d", i)
		tb.putNext(id, &note{Tag: "x"})
		want = append(want, id)
	}
	commitTable(st, Retention{Finished: 1000})
	move := func(id, tag string) {
		n, _ := tb.get(id)
		n.Tag = tag
	}
	// The oldest 100 leave one by one (the head moves), then come back in reverse order.
	for i := range 100 {
		move(want[i], "y")
		commitTable(st, Retention{Finished: 1000})
	}
	for i := 99; i >= 0; i-- {
		move(want[i], "x")
		commitTable(st, Retention{Finished: 1000})
	}
	// And some from the middle leave.
	for i := 150; i < 160; i++ {
		move(want[i], "y")
	}
	commitTable(st, Retention{Finished: 1000})
	expect := append(slices.Clone(want[:150]), want[160:]...)
	if got := ids(tb.withTerm("tag:x")); !slices.Equal(got, expect) {
		t.Fatalf("tag:x = %v", got)
	}
	if got := ids(tb.withTerm("tag:y")); !slices.Equal(got, want[150:160]) {
		t.Fatalf("tag:y = %v", got)
	}
	for i := 0; i < 200; i += 2 {
		tb.del(want[i])
	}
	commitTable(st, Retention{Finished: 1000})
	var odd []string
	for i := 1; i < 200; i += 2 {
		odd = append(odd, want[i])
	}
	if got := ids(tb.all()); !slices.Equal(got, odd) {
		t.Fatalf("order after deletions = %v", got)
	}
	if len(tb.all()) != len(odd) {
		t.Fatalf("order kept %d dead entries", len(tb.all())-len(odd))
	}
}

// TestReadsDoNotTrack: a read with tracking off (a GET) records nothing to commit.
func TestReadsDoNotTrack(t *testing.T) {
	st := &state{tracking: true, logf: t.Logf}
	tb := noteTable(st)
	tb.putNext("n1", &note{Tag: "a"})
	commitTable(st, Retention{Finished: 10})
	st.tracking = false
	tb.get("n1")
	if len(st.dirty) != 0 || len(tb.touched) != 0 {
		t.Fatal("a read was recorded as a change")
	}
	st.tracking = true
	tb.get("n1")
	if len(st.dirty) != 1 {
		t.Fatal("a get in a changing request was not recorded")
	}
}
