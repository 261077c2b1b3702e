package store

import (
	"encoding/json"
	"fmt"
	"io"
	"testing"
	"time"

	"go.etcd.io/bbolt"

	"github.com/till-pos/till/checkout"
)

// BenchmarkSaveSessionAndAppend measures one journaled step: the session saved and the
// journal entry appended, each its own fsynced transaction.
func BenchmarkSaveSessionAndAppend(b *testing.B) {
	s, _ := openTemp(b)
	sess := sampleSession("ord_bench")
	sess.Phase = checkout.Awaiting
	e := Entry{OrderID: sess.OrderID, Stage: StageBefore, Step: "process", Method: "POST",
		Path: "/v1/terminal/readers/tmr_sim1/process_payment_intent", PaymentIntentID: "pi_123"}
	b.ReportAllocs()
	for b.Loop() {
		sess.Attempts++
		e.IdempotencyKey = sess.ProcessKey()
		e.At = time.Now()
		if err := s.SaveSession(sess); err != nil {
			b.Fatal(err)
		}
		if _, err := s.Append(e); err != nil {
			b.Fatal(err)
		}
	}
}

// fill writes n paid orders (one in a hundred left approved) in one transaction, through
// the same code as SaveSession: a test's shortcut past n fsyncs.
func fill(tb testing.TB, s *Store, n int) {
	tb.Helper()
	err := s.update("fill", func(tx *bbolt.Tx) error {
		for i := range n {
			sess := sampleSession(fmt.Sprintf("ord_%06d", i))
			sess.Phase, sess.StartedAt = checkout.Paid, t0.Add(time.Duration(i)*time.Second)
			if i%100 == 0 {
				sess.Phase = checkout.Approved
			}
			data, err := json.Marshal(sess)
			if err != nil {
				return err
			}
			if err := saveSession(tx, sess, data); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
}

// BenchmarkShiftReport10k: the shift report (checkout.CurrentShift and its text) over
// 10,000 orders. It reads summaries, never a session.
func BenchmarkShiftReport10k(b *testing.B) {
	s, _ := openTemp(b)
	fill(b, s, 10000)
	b.ReportAllocs()
	for b.Loop() {
		r, err := checkout.CurrentShift(s, t0.Add(24*time.Hour))
		if err != nil || r.Totals[0].Paid != 9900 {
			b.Fatalf("%+v, %v", r.Totals, err)
		}
		if err := r.WriteText(io.Discard, time.UTC); err != nil {
			b.Fatal(err)
		}
	}
}
