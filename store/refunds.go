package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"time"

	"go.etcd.io/bbolt"

	"github.com/till-pos/till/checkout"
)

// Refunds live in their own buckets, made on the first refund (a database that never
// refunded has none, and an older till simply does not see them):
//
//	refunds            refund id → JSON of checkout.Refund
//	refunds_open       refund id → "" for refunds not finished
//	refunds_by_order   order id + 0x00 + refund id → ""
//	refunds_by_start   StartedAt key + refund id → ""
var (
	bucketRefunds        = []byte("refunds")
	bucketRefundsOpen    = []byte("refunds_open")
	bucketRefundsByOrder = []byte("refunds_by_order")
	bucketRefundsByStart = []byte("refunds_by_start")
)

// SaveRefund writes the refund under its id, replacing any earlier record of it. It is
// committed to disk before SaveRefund returns, so a refund's idempotency key is on disk
// before the call it guards.
func (s *Store) SaveRefund(r checkout.Refund) error {
	if err := checkout.CheckRefundID(r.ID); err != nil {
		return fmt.Errorf("save refund: %w", err)
	}
	if err := checkOrderID(r.OrderID); err != nil {
		return fmt.Errorf("save refund %s: %w", r.ID, err)
	}
	data, err := json.Marshal(r)
	if err != nil {
		return fmt.Errorf("save refund %s: %w", r.ID, err)
	}
	id := []byte(r.ID)
	return s.update("save refund "+r.ID, func(tx *bbolt.Tx) error {
		b, err := refundBuckets(tx)
		if err != nil {
			return err
		}
		if old := b.all.Get(id); old != nil {
			var prev checkout.Refund
			if json.Unmarshal(old, &prev) == nil && prev.OrderID != r.OrderID {
				return fmt.Errorf("refund id %s is already used for order %s", r.ID, prev.OrderID)
			}
			if err := b.byStart.Delete(concat(timeKey(prev.StartedAt), id)); err != nil {
				return err
			}
		}
		if err := b.all.Put(id, data); err != nil {
			return err
		}
		if err := b.byOrder.Put(concat(orderPrefix(r.OrderID), id), []byte{}); err != nil {
			return err
		}
		if err := b.byStart.Put(concat(timeKey(r.StartedAt), id), []byte{}); err != nil {
			return err
		}
		if r.Phase.Finished() {
			return b.open.Delete(id)
		}
		return b.open.Put(id, []byte{})
	})
}

// Refund returns the refund with this id; false when there is none.
func (s *Store) Refund(id string) (checkout.Refund, bool, error) {
	var r checkout.Refund
	found := false
	err := s.view("read refund "+id, func(tx *bbolt.Tx) error {
		b := tx.Bucket(bucketRefunds)
		if b == nil {
			return nil
		}
		data := b.Get([]byte(id))
		if data == nil {
			return nil
		}
		found = true
		return decodeRefund(id, data, &r)
	})
	if err != nil || !found {
		return checkout.Refund{}, false, err
	}
	return r, true, nil
}

// RefundsOf returns the order's refunds, oldest first.
func (s *Store) RefundsOf(orderID string) ([]checkout.Refund, error) {
	prefix := orderPrefix(orderID)
	return s.refunds("read refunds of "+orderID, bucketRefundsByOrder, func(c *bbolt.Cursor, each func(id []byte)) {
		for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
			each(k[len(prefix):])
		}
	})
}

// UnfinishedRefunds returns the refunds not yet finished, oldest first: the ones a
// till must resume.
func (s *Store) UnfinishedRefunds() ([]checkout.Refund, error) {
	return s.refunds("list unfinished refunds", bucketRefundsOpen, func(c *bbolt.Cursor, each func(id []byte)) {
		for k, _ := c.First(); k != nil; k, _ = c.Next() {
			each(k)
		}
	})
}

// Refunds returns every refund started at or after since, oldest first.
func (s *Store) Refunds(since time.Time) ([]checkout.Refund, error) {
	return s.refunds("list refunds", bucketRefundsByStart, func(c *bbolt.Cursor, each func(id []byte)) {
		for k, _ := c.Seek(timeKey(since)); k != nil; k, _ = c.Next() {
			if len(k) > timeLen {
				each(k[timeLen:])
			}
		}
	})
}

// refunds reads, in one transaction, the refunds whose ids scan finds in an index.
func (s *Store) refunds(what string, index []byte, scan func(*bbolt.Cursor, func(id []byte))) ([]checkout.Refund, error) {
	var out []checkout.Refund
	err := s.view(what, func(tx *bbolt.Tx) error {
		all, idx := tx.Bucket(bucketRefunds), tx.Bucket(index)
		if all == nil || idx == nil {
			return nil
		}
		var bad error
		scan(idx.Cursor(), func(id []byte) {
			data := all.Get(id)
			if data == nil || bad != nil {
				return
			}
			var r checkout.Refund
			if bad = decodeRefund(string(id), data, &r); bad == nil {
				out = append(out, r)
			}
		})
		return bad
	})
	if err != nil {
		return nil, err
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].StartedAt.Before(out[j].StartedAt) })
	return out, nil
}

type refundBucketSet struct{ all, open, byOrder, byStart *bbolt.Bucket }

// refundBuckets opens the refund buckets, making them on the first refund.
func refundBuckets(tx *bbolt.Tx) (refundBucketSet, error) {
	var b refundBucketSet
	for _, x := range []struct {
		name []byte
		dst  **bbolt.Bucket
	}{{bucketRefunds, &b.all}, {bucketRefundsOpen, &b.open}, {bucketRefundsByOrder, &b.byOrder}, {bucketRefundsByStart, &b.byStart}} {
		bk, err := tx.CreateBucketIfNotExists(x.name)
		if err != nil {
			return b, fmt.Errorf("create bucket %s: %w", x.name, err)
		}
		*x.dst = bk
	}
	return b, nil
}

// decodeRefund reads a record; json.Unmarshal copies, so nothing points into bbolt's
// memory after the transaction ends.
func decodeRefund(id string, data []byte, r *checkout.Refund) error {
	if err := json.Unmarshal(data, r); err != nil {
		return fmt.Errorf("refund %s is unreadable: %w", id, err)
	}
	return nil
}
