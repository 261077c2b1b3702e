package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"time"

	"github.com/till-pos/till/checkout"
	"go.etcd.io/bbolt"
)

// SaveSession writes the session under its order id, replacing any earlier record of the
// order (an archived one too: the order is live again), with its summary. It is
// committed to disk before SaveSession returns.
func (s *Store) SaveSession(sess checkout.Session) error {
	if err := checkOrderID(sess.OrderID); err != nil {
		return fmt.Errorf("save session: %w", err)
	}
	data, err := json.Marshal(sess)
	if err != nil {
		return fmt.Errorf("save session %s: %w", sess.OrderID, err)
	}
	return s.update("save session "+sess.OrderID, func(tx *bbolt.Tx) error { return saveSession(tx, sess, data) })
}

// saveSession writes the session's JSON data and its indexes in tx.
func saveSession(tx *bbolt.Tx, sess checkout.Session, data []byte) error {
	id := []byte(sess.OrderID)
	sessions := writable(tx, bucketSessions)
	byStart, live := writable(tx, bucketSessionsByStart), writable(tx, bucketLive)
	startKey := concat(timeKey(sess.StartedAt), id)
	old, err := sessionData(tx, id)
	if err != nil {
		return err
	}
	from := checkout.Building
	if old == nil {
		// A new order must have a valid id; one stored before the rule existed may
		// still be saved, so it can be settled and closed.
		if err := checkout.ValidOrderID(sess.OrderID); err != nil {
			return err
		}
	} else {
		var prev struct {
			StartedAt time.Time      `json:"started_at"`
			Phase     checkout.Phase `json:"phase"`
		}
		// An unreadable old record leaves a stale index key, which Sessions skips.
		decoded := json.Unmarshal(old, &prev) == nil
		if decoded {
			from = prev.Phase
		}
		if decoded && !prev.StartedAt.Equal(sess.StartedAt) {
			oldKey := concat(timeKey(prev.StartedAt), id)
			if err := byStart.Delete(oldKey); err != nil {
				return err
			}
			if err := live.Delete(oldKey); err != nil {
				return err
			}
		}
	}
	if err := unarchive(tx, id); err != nil {
		return err
	}
	if err := sessions.Put(id, pack(data)); err != nil {
		return err
	}
	if err := byStart.Put(startKey, encodeSummary(sess.Summary())); err != nil {
		return err
	}
	if err := live.Put(startKey, []byte{}); err != nil {
		return err
	}
	if err := indexOutbox(tx, sess); err != nil {
		return err
	}
	// The journal tells the payment's story with its calls: each new phase is noted
	// with the session that reached it.
	if note, ok := checkout.PhaseNote(from, sess); ok {
		if note.At.IsZero() {
			note.At = time.Now()
		}
		if _, err := appendEntry(tx, note); err != nil {
			return err
		}
	}
	open := tx.Bucket(bucketSessionsOpen)
	if unfinished(sess) {
		return open.Put(id, []byte{})
	}
	return open.Delete(id)
}

// unfinished reports whether a session has a payment under way: past the cart and not
// yet paid or canceled.
func unfinished(sess checkout.Session) bool {
	return sess.Phase != checkout.Building && !sess.Phase.Finished()
}

// Session returns the order's session, archived or not; false when there is none.
func (s *Store) Session(orderID string) (checkout.Session, bool, error) {
	var sess checkout.Session
	found := false
	err := s.view("read session "+orderID, func(tx *bbolt.Tx) error {
		data, err := sessionData(tx, []byte(orderID))
		if err != nil || data == nil {
			return err
		}
		found = true
		return decodeSession(orderID, data, &sess)
	})
	if err != nil || !found {
		return checkout.Session{}, false, err
	}
	return sess, true, nil
}

// Unfinished returns the sessions with a payment under way, oldest StartedAt first.
func (s *Store) Unfinished() ([]checkout.Session, error) {
	var out []checkout.Session
	err := s.view("list unfinished sessions", func(tx *bbolt.Tx) error {
		sessions := tx.Bucket(bucketSessions)
		return tx.Bucket(bucketSessionsOpen).ForEach(func(id, _ []byte) error {
			data := sessions.Get(id)
			if data == nil {
				return nil
			}
			var sess checkout.Session
			if err := decodeSession(string(id), data, &sess); err != nil {
				return err
			}
			if unfinished(sess) {
				out = append(out, sess)
			}
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].StartedAt.Before(out[j].StartedAt) })
	return out, nil
}

// Sessions returns every session that started at or after since, oldest first; finished
// and archived ones included. Summaries is much faster when the summary is enough.
func (s *Store) Sessions(since time.Time) ([]checkout.Session, error) {
	var out []checkout.Session
	err := s.view("list sessions", func(tx *bbolt.Tx) error {
		return eachStarted(tx, since, func(key, id, _ []byte) error {
			data, err := sessionData(tx, id)
			if err != nil || data == nil {
				return err
			}
			var sess checkout.Session
			if err := decodeSession(string(id), data, &sess); err != nil {
				return err
			}
			// Skip a stale index key left by a record that could not be read when replaced.
			if bytes.Equal(timeKey(sess.StartedAt), key[:timeLen]) {
				out = append(out, sess)
			}
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// decodeSession reads a record; json.Unmarshal copies, so nothing in the session points
// into bbolt's memory after the transaction ends.
func decodeSession(orderID string, data []byte, sess *checkout.Session) error {
	data, err := unpack(data)
	if err == nil {
		err = json.Unmarshal(data, sess)
	}
	if err != nil {
		return fmt.Errorf("session %s is unreadable: %w", orderID, err)
	}
	return nil
}

// eachStarted calls fn, oldest first, for every order that started at or after since,
// with its sessions_by_start key, order id and summary.
func eachStarted(tx *bbolt.Tx, since time.Time, fn func(key, id, summary []byte) error) error {
	c := tx.Bucket(bucketSessionsByStart).Cursor()
	for k, v := c.Seek(timeKey(since)); k != nil; k, v = c.Next() {
		if len(k) <= timeLen {
			continue
		}
		if err := fn(k, k[timeLen:], v); err != nil {
			return err
		}
	}
	return nil
}
