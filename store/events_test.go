package store

import (
	"path/filepath"
	"testing"
	"time"

	"go.etcd.io/bbolt"
)

func TestNoteEventOncePerID(t *testing.T) {
	s, _ := openTemp(t)
	now := time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)
	for i, want := range []bool{false, true, true} {
		seen, err := s.NoteEvent("evt_1", now.Add(time.Duration(i)*time.Minute))
		if err != nil || seen != want {
			t.Fatalf("delivery %d: seen %v, %v", i, seen, err)
		}
	}
	s = reopen(t, s)
	if seen, err := s.NoteEvent("evt_1", now.Add(time.Hour)); err != nil || !seen {
		t.Fatalf("after a restart: seen %v, %v", seen, err)
	}
	if seen, _ := s.NoteEvent("evt_2", now); seen {
		t.Fatal("another id counted as seen")
	}
	for _, bad := range []string{"", "evt_\x00", string(make([]byte, 300))} {
		if _, err := s.NoteEvent(bad, now); err == nil {
			t.Errorf("id %q accepted", bad)
		}
	}
}

// Ids are forgotten after EventRetention, so the buckets stay small.
func TestNoteEventForgetsOldIDs(t *testing.T) {
	s, _ := openTemp(t)
	now := time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)
	for _, id := range []string{"evt_a", "evt_b"} {
		if _, err := s.NoteEvent(id, now); err != nil {
			t.Fatal(err)
		}
	}
	later := now.Add(EventRetention + time.Minute)
	if _, err := s.NoteEvent("evt_c", later); err != nil {
		t.Fatal(err)
	}
	if seen, _ := s.NoteEvent("evt_a", later); seen {
		t.Fatal("an id older than the retention is still remembered")
	}
	n := 0
	_ = s.view("count", func(tx *bbolt.Tx) error {
		n = tx.Bucket(bucketEventsByTime).Stats().KeyN
		return nil
	})
	if n != 2 { // evt_c, and evt_a again
		t.Fatalf("%d ids kept", n)
	}
}

// A database made before webhooks (schema version 1) gains the event buckets.
func TestVersionOneDatabaseUpgrades(t *testing.T) {
	path := filepath.Join(t.TempDir(), "till.db")
	db, err := bbolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Update(func(tx *bbolt.Tx) error {
		if err := createV1(tx); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Put(keySchemaVersion, seqKey(1))
	}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.SchemaVersion() != schemaVersion || storedVersion(t, s) != schemaVersion {
		t.Fatalf("version %d", s.SchemaVersion())
	}
	if _, err := s.NoteEvent("evt_1", time.Now()); err != nil {
		t.Fatal(err)
	}
}
