package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"

	"go.etcd.io/bbolt"

	"github.com/till-pos/till/checkout"
)

// Archiving. A finished order older than the configured age (store.archive_after) keeps
// what history, refunds and receipts need — its session, cart lines and all, its
// summary, and its journal's outcome lines (with their keys and Stripe request ids) —
// and loses the call-by-call lines, which till's log keeps. Session, Entries and
// Summaries read an archived order as they read any other; saving its session again
// brings it back.

// Archived record field tags (codec.go).
const (
	arcSession = 1 // the session's JSON
	arcJournal = 2 // the kept journal lines, as a journal record
)

type archived struct {
	session []byte // JSON of checkout.Session
	entries []Entry
}

// archiveBatch is how many orders one transaction archives.
const archiveBatch = 500

// Archive archives every finished order whose session was last updated before cutoff,
// and returns how many it archived. It reads only orders that started before cutoff and
// are not archived yet, so running it at every start costs next to nothing.
func (s *Store) Archive(cutoff time.Time) (int, error) {
	// Most starts find nothing to archive: a read finds that out without a write.
	due := false
	err := s.view("look for orders to archive", func(tx *bbolt.Tx) error {
		end := timeKey(cutoff)
		c := tx.Bucket(bucketLive).Cursor()
		for k, _ := c.First(); k != nil && !due && len(k) > timeLen && bytes.Compare(k[:timeLen], end) < 0; k, _ = c.Next() {
			_, due = archivable(tx, k[timeLen:], cutoff)
		}
		return nil
	})
	if err != nil || !due {
		return 0, err
	}
	total := 0
	var from []byte
	for {
		n, next, err := s.archiveFrom(cutoff, from)
		total += n
		if err != nil || next == nil {
			return total, err
		}
		from = next
	}
}

// archiveFrom archives up to archiveBatch orders of sessions_live from key from on, and
// returns the key to go on from (nil when done).
func (s *Store) archiveFrom(cutoff time.Time, from []byte) (n int, next []byte, err error) {
	err = s.update("archive finished orders", func(tx *bbolt.Tx) error {
		n, next = 0, nil
		end := timeKey(cutoff)
		var keys [][]byte
		c := tx.Bucket(bucketLive).Cursor()
		k, _ := c.First()
		if from != nil {
			k, _ = c.Seek(from)
		}
		for ; k != nil && len(k) > timeLen && bytes.Compare(k[:timeLen], end) < 0; k, _ = c.Next() {
			if len(keys) == archiveBatch {
				next = keyed(k)
				break
			}
			keys = append(keys, keyed(k))
		}
		for _, key := range keys {
			done, err := archiveOrder(tx, key, cutoff)
			if err != nil {
				return err
			}
			if done {
				n++
			}
		}
		return nil
	})
	return n, next, err
}

// archiveOrder archives the order of one sessions_live key when it is finished and
// was last updated before cutoff.
func archiveOrder(tx *bbolt.Tx, liveKey []byte, cutoff time.Time) (bool, error) {
	id := liveKey[timeLen:]
	sess, ok := archivable(tx, id, cutoff)
	if !ok {
		return false, nil
	}
	lines, err := decodeJournal(tx.Bucket(bucketJournals).Get(id), sess.OrderID)
	if err != nil {
		return false, err
	}
	var kept []Entry
	for _, e := range lines {
		if e.Stage == StageAfter || e.Stage == StageNote {
			kept = append(kept, e)
		}
	}
	// What was last seen of the reader and of failed reads is of no use to history.
	sess.Action, sess.ReadError, sess.ReadFailures = nil, nil, 0
	compact, err := json.Marshal(sess)
	if err != nil {
		return false, err
	}
	if err := writable(tx, bucketArchive).Put(id, pack(encodeArchived(archived{session: compact, entries: kept}))); err != nil {
		return false, err
	}
	if lines != nil {
		if err := tx.Bucket(bucketJournalActivity).Delete(concat(timeKey(lastActivity(lines)), id)); err != nil {
			return false, err
		}
	}
	for _, del := range []struct {
		bucket, key []byte
	}{{bucketSessions, id}, {bucketJournals, id}, {bucketLive, liveKey}} {
		if err := tx.Bucket(del.bucket).Delete(del.key); err != nil {
			return false, err
		}
	}
	return true, nil
}

// archivable is the order's session when it is finished and was last updated before cutoff.
func archivable(tx *bbolt.Tx, id []byte, cutoff time.Time) (checkout.Session, bool) {
	var sess checkout.Session
	data := tx.Bucket(bucketSessions).Get(id)
	ok := data != nil && decodeSession(string(id), data, &sess) == nil && sess.Phase.Finished() && sess.UpdatedAt.Before(cutoff)
	return sess, ok
}

// unarchive brings an archived order back to the live set, its kept lines first in its
// journal, before its session is saved again (a refund, say). It does nothing for an
// order that is not archived.
func unarchive(tx *bbolt.Tx, id []byte) error {
	rec := tx.Bucket(bucketArchive).Get(id)
	if rec == nil {
		return nil
	}
	a, err := decodeArchived(rec, string(id))
	if err != nil {
		return err
	}
	journals := writable(tx, bucketJournals)
	old := journals.Get(id)
	lines, err := decodeJournal(old, string(id))
	if err != nil {
		return err
	}
	before := lastActivity(lines)
	lines = append(a.entries, lines...)
	if len(lines) > 0 {
		if err := journals.Put(id, pack(encodeJournal(lines))); err != nil {
			return err
		}
		if err := moveActivity(tx, id, before, old != nil, lastActivity(lines)); err != nil {
			return err
		}
	}
	return tx.Bucket(bucketArchive).Delete(id)
}

func encodeArchived(a archived) []byte {
	var f fields
	f.raw(arcSession, a.session)
	f.raw(arcJournal, encodeJournal(a.entries))
	return f.b
}

func decodeArchived(rec []byte, orderID string) (archived, error) {
	var a archived
	rec, err := unpack(rec)
	if err != nil {
		return archived{}, fmt.Errorf("the archived order %s is unreadable: %w", orderID, err)
	}
	err = eachField(rec, func(f field) error {
		var err error
		switch f.tag {
		case arcSession:
			a.session = bytes.Clone(f.b)
		case arcJournal:
			a.entries, err = decodeJournal(f.b, orderID)
		}
		return err
	})
	if err != nil {
		return archived{}, fmt.Errorf("the archived order %s is unreadable: %w", orderID, err)
	}
	return a, nil
}

// sessionData is the order's session JSON, live or archived; nil when there is none.
func sessionData(tx *bbolt.Tx, id []byte) ([]byte, error) {
	if data := tx.Bucket(bucketSessions).Get(id); data != nil {
		return unpack(data)
	}
	rec := tx.Bucket(bucketArchive).Get(id)
	if rec == nil {
		return nil, nil
	}
	a, err := decodeArchived(rec, string(id))
	return a.session, err
}
