package store

import (
	"encoding/json"
	"fmt"
	"sort"

	"github.com/till-pos/till/checkout"
	"go.etcd.io/bbolt"
)

// bucketOutbox indexes the sessions that hold a capture or cancel till owes Stripe
// (checkout's held calls): order id → JSON of checkout.HeldCall. SaveSession keeps it in
// the same transaction as the session, so the outbox and the sessions never disagree. It
// is made the first time a session holds a call, not by a schema migration: a database
// without it simply has an empty outbox, and a till that does not know it ignores it.
var bucketOutbox = []byte("outbox")

// indexOutbox files the session in the outbox when it holds a call, and takes it out
// when it no longer does.
func indexOutbox(tx *bbolt.Tx, sess checkout.Session) error {
	id := []byte(sess.OrderID)
	h, held := sess.HeldCall()
	if !held {
		if b := tx.Bucket(bucketOutbox); b != nil {
			return b.Delete(id)
		}
		return nil
	}
	b, err := tx.CreateBucketIfNotExists(bucketOutbox)
	if err != nil {
		return fmt.Errorf("create bucket %s: %w", bucketOutbox, err)
	}
	data, err := json.Marshal(h)
	if err != nil {
		return err
	}
	return b.Put(id, data)
}

// Outbox returns the calls held by sessions, the longest waiting first.
func (s *Store) Outbox() ([]checkout.HeldCall, error) {
	var out []checkout.HeldCall
	err := s.view("read the outbox", func(tx *bbolt.Tx) error {
		b := tx.Bucket(bucketOutbox)
		if b == nil {
			return nil
		}
		return b.ForEach(func(id, data []byte) error {
			var h checkout.HeldCall
			if err := json.Unmarshal(data, &h); err != nil {
				return fmt.Errorf("outbox entry %q is unreadable: %w", id, err)
			}
			out = append(out, h)
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Since.Before(out[j].Since) })
	return out, nil
}
