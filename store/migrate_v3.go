package store

import (
	"encoding/json"
	"fmt"

	"go.etcd.io/bbolt"

	"github.com/till-pos/till/checkout"
)

// toV3 moves a database from schema version 2 to 3, in the one transaction migrate
// runs it in:
//   - sessions_by_start holds each order's summary (was empty), and sessions_live
//     indexes the orders not archived (all of them, so far);
//   - the journal, a line per key indexed by order and by time, becomes one compact
//     record per order (journals), folded as Append folds it (addLine), indexed by its
//     latest time (journals_by_activity); sequence numbers carry on.
//
// A session or journal line versions 1 and 2 could not read either is left out of the
// indexes (the session itself stays, readable by nobody, as before).
func toV3(tx *bbolt.Tx) error {
	for _, name := range [][]byte{bucketJournals, bucketJournalActivity, bucketLive, bucketArchive} {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return fmt.Errorf("create bucket %s: %w", name, err)
		}
	}
	// Rebuilt from the sessions, which drops version 1's stale index keys.
	if err := tx.DeleteBucket(bucketSessionsByStart); err != nil {
		return err
	}
	if _, err := tx.CreateBucket(bucketSessionsByStart); err != nil {
		return err
	}
	byStart, live := writable(tx, bucketSessionsByStart), writable(tx, bucketLive)
	err := tx.Bucket(bucketSessions).ForEach(func(id, data []byte) error {
		var sess checkout.Session
		if decodeSession(string(id), data, &sess) != nil {
			return nil
		}
		key := concat(timeKey(sess.StartedAt), id)
		if err := byStart.Put(key, encodeSummary(sess.Summary())); err != nil {
			return err
		}
		return live.Put(key, []byte{})
	})
	if err != nil {
		return err
	}
	return journalToV3(tx)
}

func journalToV3(tx *bbolt.Tx) error {
	old := tx.Bucket(bucketJournal)
	var orders []string
	byOrder := map[string][]Entry{}
	// Keys are big-endian sequence numbers: ForEach goes in the order lines were written.
	err := old.ForEach(func(_, data []byte) error {
		var e Entry
		if json.Unmarshal(data, &e) != nil || checkOrderID(e.OrderID) != nil {
			return nil
		}
		lines, seen := byOrder[e.OrderID]
		if !seen {
			orders = append(orders, e.OrderID)
		}
		byOrder[e.OrderID], _ = addLine(lines, e)
		return nil
	})
	if err != nil {
		return err
	}
	journals, activity := writable(tx, bucketJournals), writable(tx, bucketJournalActivity)
	for _, order := range orders {
		lines := byOrder[order]
		if err := journals.Put([]byte(order), pack(encodeJournal(lines))); err != nil {
			return err
		}
		if err := activity.Put(concat(timeKey(lastActivity(lines)), []byte(order)), []byte{}); err != nil {
			return err
		}
	}
	if err := journals.SetSequence(old.Sequence()); err != nil {
		return err
	}
	for _, name := range [][]byte{bucketJournal, bucketJournalByOrder, bucketJournalByTime} {
		if err := tx.DeleteBucket(name); err != nil {
			return fmt.Errorf("drop bucket %s: %w", name, err)
		}
	}
	return nil
}
