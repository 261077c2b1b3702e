package store

import (
	"encoding/json"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"go.etcd.io/bbolt"

	"github.com/till-pos/till/checkout"
)

// writeV1 makes a schema version 1 database as till wrote it before version 2: a
// journal line per key indexed by order and by time, sessions with empty index values.
func writeV1(t *testing.T, path string, sessions []checkout.Session, lines []Entry) {
	t.Helper()
	setBolt(t, path, func(tx *bbolt.Tx) error {
		if err := createV1(tx); err != nil {
			return err
		}
		if err := tx.Bucket(bucketMeta).Put(keySchemaVersion, seqKey(1)); err != nil {
			return err
		}
		for _, s := range sessions {
			data, _ := json.Marshal(s)
			id := []byte(s.OrderID)
			if err := tx.Bucket(bucketSessions).Put(id, data); err != nil {
				return err
			}
			if err := tx.Bucket(bucketSessionsByStart).Put(concat(timeKey(s.StartedAt), id), []byte{}); err != nil {
				return err
			}
			if unfinished(s) {
				if err := tx.Bucket(bucketSessionsOpen).Put(id, []byte{}); err != nil {
					return err
				}
			}
		}
		// A stale index key version 1 could leave behind.
		if err := tx.Bucket(bucketSessionsByStart).Put(concat(timeKey(t0.Add(-time.Hour)), []byte("ord_1")), []byte{}); err != nil {
			return err
		}
		journal := tx.Bucket(bucketJournal)
		for _, e := range lines {
			seq, _ := journal.NextSequence()
			e.Seq = seq
			data, _ := json.Marshal(e)
			if err := journal.Put(seqKey(seq), data); err != nil {
				return err
			}
			if err := tx.Bucket(bucketJournalByOrder).Put(concat([]byte(e.OrderID), []byte{0}, seqKey(seq)), []byte{}); err != nil {
				return err
			}
			if err := tx.Bucket(bucketJournalByTime).Put(concat(timeKey(e.At), seqKey(seq)), []byte{}); err != nil {
				return err
			}
		}
		if err := journal.SetSequence(99); err != nil {
			return err
		}
		return journal.Put(seqKey(99), []byte("not json")) // a line nobody could read
	})
}

func TestOpenUpgradesSchemaV1(t *testing.T) {
	path := filepath.Join(t.TempDir(), "till.db")
	paid := sampleSession("ord_1")
	paid.Phase = checkout.Paid
	waiting := session("ord_2", checkout.Awaiting, t0.Add(time.Minute))
	lines := []Entry{
		entry("ord_1", StageBefore, "create", t0),
		entry("ord_2", StageBefore, "create", t0.Add(time.Minute)),
		poll("ord_1", t0.Add(time.Second), 200, "req_1"),
		poll("ord_1", t0.Add(2*time.Second), 200, "req_2"),
		poll("ord_1", t0.Add(3*time.Second), 200, "req_3"),
		entry("ord_1", StageAfter, "capture", t0.Add(4*time.Second)),
	}
	writeV1(t, path, []checkout.Session{paid, waiting}, lines)

	s, err := Open(path, Options{})
	if err != nil {
		t.Fatalf("Open a version 1 database: %v", err)
	}
	t.Cleanup(func() { _ = s.Close() })
	if s.SchemaVersion() != 3 {
		t.Fatalf("schema version %d after the upgrade", s.SchemaVersion())
	}
	got, found, err := s.Session("ord_1")
	if err != nil || !found || !reflect.DeepEqual(got, paid) {
		t.Fatalf("session after the upgrade: %+v, %v, %v", got, found, err)
	}
	sums, err := s.Summaries(time.Time{})
	if err != nil || !reflect.DeepEqual(sums, []checkout.Summary{paid.Summary(), waiting.Summary()}) {
		t.Fatalf("summaries after the upgrade: %+v, %v (the stale key must be gone)", sums, err)
	}
	entries, err := s.Entries("ord_1")
	if err != nil || !reflect.DeepEqual(seqs(entries), []uint64{1, 3, 6}) || entries[1].Repeats != 2 || entries[1].RequestID != "req_3" {
		t.Fatalf("journal after the upgrade: %+v, %v; want create, the polls as one line, capture", entries, err)
	}
	all, err := s.AllEntries(t0.Add(time.Minute))
	if err != nil || len(all) != 1 || all[0].OrderID != "ord_2" {
		t.Fatalf("AllEntries after the upgrade: %+v, %v", all, err)
	}
	if open, _ := s.Unfinished(); len(open) != 1 || open[0].OrderID != "ord_2" {
		t.Fatalf("unfinished after the upgrade: %+v", open)
	}
	// Sequence numbers carry on past version 1's, the unreadable line's included.
	next := appendAll(t, s, entry("ord_2", StageNote, "resume", t0.Add(2*time.Minute)))[0]
	if next.Seq != 100 {
		t.Errorf("the first line after the upgrade got seq %d, want 100", next.Seq)
	}
	// Archiving works on upgraded orders.
	if n, err := s.Archive(t0.Add(time.Hour)); err != nil || n != 1 {
		t.Errorf("Archive after the upgrade = %d, %v", n, err)
	}
	s = reopen(t, s)
	if s.SchemaVersion() != 3 {
		t.Errorf("reopened at version %d", s.SchemaVersion())
	}
}
