package store

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/till-pos/till/checkout"
	"go.etcd.io/bbolt"
)

// A new order needs a valid id (issue 11 defects 1 and 6); an order stored before the
// rule, whatever its id, can still be saved, so it can be settled and closed.
func TestSaveSessionChecksNewOrderIDs(t *testing.T) {
	s, _ := openTemp(t)
	for _, bad := range []string{"../../x", "bad\nid", "sp ace", "-x"} {
		if err := s.SaveSession(checkout.Session{OrderID: bad, Phase: checkout.Creating}); err == nil {
			t.Errorf("saved a new order %q", bad)
		}
		if _, found, _ := s.Session(bad); found {
			t.Errorf("%q stored anyway", bad)
		}
	}
	legacy := checkout.Session{OrderID: "old\nid", Phase: checkout.Unknown, StartedAt: time.Now()}
	data, _ := json.Marshal(legacy)
	if err := s.db.Update(func(tx *bbolt.Tx) error {
		if err := tx.Bucket(bucketSessionsOpen).Put([]byte(legacy.OrderID), []byte{}); err != nil {
			return err
		}
		return tx.Bucket(bucketSessions).Put([]byte(legacy.OrderID), data)
	}); err != nil {
		t.Fatal(err)
	}
	legacy.Phase = checkout.Canceled
	if err := s.SaveSession(legacy); err != nil {
		t.Fatalf("the old order cannot be closed: %v", err)
	}
	if open, _ := s.Unfinished(); len(open) != 0 {
		t.Fatalf("still unfinished: %+v", open)
	}
}
