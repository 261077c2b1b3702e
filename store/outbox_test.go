package store

import (
	"testing"
	"time"

	"github.com/till-pos/till/checkout"
	"go.etcd.io/bbolt"
)

func TestOutboxFollowsTheSessions(t *testing.T) {
	s, _ := openTemp(t)
	if got, err := s.Outbox(); err != nil || len(got) != 0 {
		t.Fatalf("a new database's outbox: %v %v", got, err)
	}
	if err := s.view("", func(tx *bbolt.Tx) error {
		if tx.Bucket(bucketOutbox) != nil {
			t.Error("the outbox bucket is made before anything is held")
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	capture := sampleSession("ord_capture")
	capture.Phase, capture.Held, capture.HeldSince, capture.Captures = checkout.Unknown, checkout.StepCapture, t0.Add(time.Hour), 1
	cancel := sampleSession("ord_cancel") // holds a cancel since t0+2m
	free := sampleSession("ord_free")
	free.Held = ""
	for _, sess := range []checkout.Session{capture, cancel, free} {
		if err := s.SaveSession(sess); err != nil {
			t.Fatal(err)
		}
	}
	s = reopen(t, s)
	got, err := s.Outbox()
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].OrderID != "ord_cancel" || got[1].OrderID != "ord_capture" ||
		got[1].Key != "till_ord_capture_capture_1" || got[1].Step != checkout.StepCapture || !got[1].CaptureBefore.Equal(t0.Add(48*time.Hour)) {
		t.Fatalf("outbox, longest waiting first: %+v", got)
	}
	capture.Phase, capture.Held, capture.HeldSince = checkout.Paid, "", time.Time{}
	if err := s.SaveSession(capture); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Outbox(); len(got) != 1 || got[0].OrderID != "ord_cancel" {
		t.Fatalf("a capture that got its answer left the outbox: %+v", got)
	}
}
