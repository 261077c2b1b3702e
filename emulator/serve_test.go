package emulator

import (
	"context"
	"testing"
	"time"
)

func TestServe(t *testing.T) {
	e, err := New(Options{Seed: true})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	base, done, err := Serve(ctx, "127.0.0.1:0", e)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := stripeClient(base).TerminalReaders.Get(e.ReaderIDs()[0], nil); err != nil {
		t.Fatalf("request to the served emulator: %v", err)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("shutdown: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Serve did not stop")
	}
	if _, _, err := Serve(context.Background(), "256.0.0.1:1", e); err == nil {
		t.Fatal("Serve accepted a bad address")
	}
}
