package store

import (
	"encoding/binary"
	"fmt"

	"go.etcd.io/bbolt"
)

// Bucket names.
var (
	bucketMeta            = []byte("meta")
	bucketSessions        = []byte("sessions")
	bucketSessionsOpen    = []byte("sessions_open")
	bucketSessionsByStart = []byte("sessions_by_start")
	bucketPrefs           = []byte("prefs")
	// Schema version 1's journal: a line per key, indexed twice. Version 3 drops them.
	bucketJournal        = []byte("journal")
	bucketJournalByOrder = []byte("journal_by_order")
	bucketJournalByTime  = []byte("journal_by_time")
	// Schema version 3.
	bucketJournals        = []byte("journals")
	bucketJournalActivity = []byte("journals_by_activity")
	bucketLive            = []byte("sessions_live")
	bucketArchive         = []byte("archive")
)

var keySchemaVersion = []byte("schema_version")

// migrations[i] moves a database from schema version i to i+1. Append to change the
// schema; never edit a migration that has shipped.
var migrations = [...]func(*bbolt.Tx) error{
	createV1,
	createV2, // webhook events (events.go)
	toV3,     // compact journal, summaries, archive (migrate_v3.go)
}

// schemaVersion is the version this till writes.
const schemaVersion = len(migrations)

// v1Buckets are the buckets of schema version 1.
var v1Buckets = [][]byte{
	bucketMeta, bucketSessions, bucketSessionsOpen, bucketSessionsByStart,
	bucketJournal, bucketJournalByOrder, bucketJournalByTime, bucketPrefs,
}

// buckets are the buckets of the current schema.
var buckets = [][]byte{
	bucketMeta, bucketSessions, bucketSessionsOpen, bucketSessionsByStart, bucketPrefs,
	bucketEvents, bucketEventsByTime,
	bucketJournals, bucketJournalActivity, bucketLive, bucketArchive,
}

func createV1(tx *bbolt.Tx) error {
	for _, name := range v1Buckets {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return fmt.Errorf("create bucket %s: %w", name, err)
		}
	}
	return nil
}

// migrate runs, in one update transaction, every migration the database has not had,
// and refuses a database written by a newer till. A database already up to date is only
// read: no write, no fsync, at every start of every command.
func (s *Store) migrate() error {
	current := false
	err := s.view("check "+s.path, func(tx *bbolt.Tx) error {
		version, err := readVersion(tx)
		current = err == nil && version == schemaVersion && hasAll(tx)
		return nil
	})
	if err != nil {
		return err
	}
	if current {
		s.version = schemaVersion
		return nil
	}
	return s.update("set up "+s.path, func(tx *bbolt.Tx) error {
		version, err := readVersion(tx)
		if err != nil {
			return corrupt(s.path, err.Error())
		}
		if version > schemaVersion {
			return &pathError{kind: ErrNewer, msg: fmt.Sprintf(
				"%s was made by a newer till (schema version %d; this till reads up to %d); upgrade till or pass --db another path",
				s.path, version, schemaVersion)}
		}
		if version == 0 && hasBuckets(tx) {
			return corrupt(s.path, "it is a bbolt database that till did not make")
		}
		for v := version; v < schemaVersion; v++ {
			if err := migrations[v](tx); err != nil {
				return fmt.Errorf("upgrade %s from schema version %d: %w", s.path, v, err)
			}
		}
		for _, name := range buckets {
			if tx.Bucket(name) == nil {
				return corrupt(s.path, fmt.Sprintf("bucket %s is missing", name))
			}
		}
		if version != schemaVersion {
			if err := tx.Bucket(bucketMeta).Put(keySchemaVersion, seqKey(uint64(schemaVersion))); err != nil {
				return err
			}
		}
		s.version = schemaVersion
		return nil
	})
}

// readVersion is the database's schema version; 0 for a database till has not set up.
func readVersion(tx *bbolt.Tx) (int, error) {
	meta := tx.Bucket(bucketMeta)
	if meta == nil {
		return 0, nil
	}
	v := meta.Get(keySchemaVersion)
	if len(v) != 8 {
		return 0, fmt.Errorf("schema version is unreadable")
	}
	n := binary.BigEndian.Uint64(v)
	if n > 1<<31 {
		return 0, fmt.Errorf("schema version %d is not believable", n)
	}
	return int(n), nil
}

// hasAll reports whether every bucket of the current schema is there.
func hasAll(tx *bbolt.Tx) bool {
	for _, name := range buckets {
		if tx.Bucket(name) == nil {
			return false
		}
	}
	return true
}

func hasBuckets(tx *bbolt.Tx) bool {
	found := false
	_ = tx.ForEach(func([]byte, *bbolt.Bucket) error {
		found = true
		return nil
	})
	return found
}
