package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"go.etcd.io/bbolt"

	"github.com/till-pos/till/checkout"
)

// Journal stages, as checkout names them.
const (
	StageBefore = checkout.StageBefore
	StageCall   = checkout.StageCall
	StageAfter  = checkout.StageAfter
	StageNote   = checkout.StageNote
)

// Entry is one line of an order's journal; checkout defines it, since both drivers
// write it through checkout.Carry.
type Entry = checkout.Entry

// Append adds e to the journal, setting its Seq (and its At, when zero, to now), and
// returns it as stored. It is committed to disk before Append returns.
func (s *Store) Append(e Entry) (Entry, error) {
	if err := checkOrderID(e.OrderID); err != nil {
		return e, fmt.Errorf("append to journal: %w", err)
	}
	switch e.Stage {
	case StageBefore, StageCall, StageAfter, StageNote:
	default:
		return e, fmt.Errorf("append to journal of %s: stage %q is not before, call, after or note", e.OrderID, e.Stage)
	}
	if e.At.IsZero() {
		e.At = time.Now()
	}
	stored := e
	err := s.update("append to journal of "+e.OrderID, func(tx *bbolt.Tx) error {
		journal := tx.Bucket(bucketJournal)
		seq, err := journal.NextSequence()
		if err != nil {
			return err
		}
		stored.Seq = seq
		data, err := json.Marshal(stored)
		if err != nil {
			return err
		}
		key := seqKey(seq)
		if err := journal.Put(key, data); err != nil {
			return err
		}
		if err := tx.Bucket(bucketJournalByOrder).Put(concat(orderPrefix(e.OrderID), key), []byte{}); err != nil {
			return err
		}
		return tx.Bucket(bucketJournalByTime).Put(concat(timeKey(e.At), key), []byte{})
	})
	if err != nil {
		return e, err
	}
	return stored, nil
}

// Entries returns the order's journal in Seq order.
func (s *Store) Entries(orderID string) ([]Entry, error) {
	prefix := orderPrefix(orderID)
	return s.entries("read journal of "+orderID, func(tx *bbolt.Tx) []uint64 {
		var seqs []uint64
		c := tx.Bucket(bucketJournalByOrder).Cursor()
		for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
			if len(k) == len(prefix)+seqLen {
				seqs = append(seqs, binary.BigEndian.Uint64(k[len(prefix):]))
			}
		}
		return seqs
	})
}

// AllEntries returns every entry whose At is at or after since, across orders, in Seq
// order (the order they were written).
func (s *Store) AllEntries(since time.Time) ([]Entry, error) {
	return s.entries("read journal", func(tx *bbolt.Tx) []uint64 {
		var seqs []uint64
		c := tx.Bucket(bucketJournalByTime).Cursor()
		for k, _ := c.Seek(timeKey(since)); k != nil; k, _ = c.Next() {
			if len(k) == timeLen+seqLen {
				seqs = append(seqs, binary.BigEndian.Uint64(k[timeLen:]))
			}
		}
		slices.Sort(seqs)
		return seqs
	})
}

// entries reads, in one transaction, the entries whose sequence numbers find returns.
func (s *Store) entries(what string, find func(*bbolt.Tx) []uint64) ([]Entry, error) {
	var out []Entry
	err := s.view(what, func(tx *bbolt.Tx) error {
		journal := tx.Bucket(bucketJournal)
		for _, seq := range find(tx) {
			data := journal.Get(seqKey(seq))
			if data == nil {
				continue
			}
			var e Entry
			if err := json.Unmarshal(data, &e); err != nil {
				return fmt.Errorf("journal entry %d is unreadable: %w", seq, err)
			}
			out = append(out, e)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
