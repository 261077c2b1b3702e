package store

import (
	"testing"
	"time"

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
