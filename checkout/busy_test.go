package checkout

import (
	"context"
	"testing"
	"time"
)

func TestBusy(t *testing.T) {
	var waits []time.Duration
	b := &Busy{OnWait: func(d time.Duration) { waits = append(waits, d) }}
	ctx := WithBusy(context.Background(), b)
	if b.Active(t0) {
		t.Fatal("active before any wait")
	}
	BusyFrom(ctx).Note(t0, 2*time.Second)
	BusyFrom(ctx).Note(t0, time.Second) // a shorter wait does not end the first one early
	switch {
	case !b.Active(t0.Add(1500 * time.Millisecond)):
		t.Error("not active during the longest wait")
	case b.Active(t0.Add(2 * time.Second)):
		t.Error("still active once the waits are over")
	case b.Retries() != 2 || len(waits) != 2 || waits[0] != 2*time.Second:
		t.Errorf("retries %d, OnWait got %v", b.Retries(), waits)
	}
	var none *Busy
	BusyFrom(context.Background()).Note(t0, time.Second) // no Busy in the context: nothing to note
	if none.Active(t0) || none.Retries() != 0 {
		t.Error("a nil Busy is never active")
	}
}
