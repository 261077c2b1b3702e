package store

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"go.etcd.io/bbolt"
)

// Webhook events till has received, by id, so a retried or replayed event is applied
// once. Stripe retries an event for up to three days, so ids are kept for EventRetention
// and then forgotten.
var (
	bucketEvents       = []byte("webhook_events")         // event id → arrival time
	bucketEventsByTime = []byte("webhook_events_by_time") // arrival time + event id → nothing
)

// EventRetention is how long an event id is remembered.
const EventRetention = 4 * 24 * time.Hour

// eventBuckets are the buckets of schema version 2.
var eventBuckets = [][]byte{bucketEvents, bucketEventsByTime}

func createV2(tx *bbolt.Tx) error {
	for _, name := range eventBuckets {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return fmt.Errorf("create bucket %s: %w", name, err)
		}
	}
	return nil
}

// maxEventIDLen bounds an event id; Stripe's are about 30 bytes.
const maxEventIDLen = 255

// NoteEvent records that the webhook event id arrived at, and reports whether it had
// arrived before (then nothing changes). Ids older than EventRetention are forgotten
// on the way. It is committed to disk before it returns.
func (s *Store) NoteEvent(id string, at time.Time) (seen bool, err error) {
	if id == "" || len(id) > maxEventIDLen || strings.IndexByte(id, 0) >= 0 {
		return false, errors.New("note webhook event: the id is empty, too long or has a NUL byte")
	}
	err = s.update("note webhook event "+id, func(tx *bbolt.Tx) error {
		byID, byTime := tx.Bucket(bucketEvents), tx.Bucket(bucketEventsByTime)
		if byID.Get([]byte(id)) != nil {
			seen = true
			return nil
		}
		if err := forgetEvents(byID, byTime, at.Add(-EventRetention)); err != nil {
			return err
		}
		when := timeKey(at)
		if err := byID.Put([]byte(id), when); err != nil {
			return err
		}
		return byTime.Put(concat(when, []byte(id)), nil)
	})
	return seen, err
}

// forgetEvents deletes the ids that arrived before cutoff.
func forgetEvents(byID, byTime *bbolt.Bucket, cutoff time.Time) error {
	limit := timeKey(cutoff)
	c := byTime.Cursor()
	for k, _ := c.First(); len(k) > timeLen && string(k[:timeLen]) < string(limit); k, _ = c.First() {
		if err := byID.Delete(k[timeLen:]); err != nil {
			return err
		}
		if err := c.Delete(); err != nil {
			return err
		}
	}
	return nil
}
