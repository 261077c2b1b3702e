package main

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"github.com/till-pos/till/store"
)

// When this till's journal cannot be read, till payments --unfinished says so and asks
// Stripe nothing; it printed that Stripe "could not be asked", blaming Stripe.
func TestUnfinishedPaymentsJournalUnreadable(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "till.db"), store.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	st.Close() // every read now fails
	svc := &services{cfg: Config{CallTimeout: time.Second}, log: slog.New(slog.NewTextHandler(io.Discard, nil)), store: st}
	rows, err := unfinishedPayments(context.Background(), svc, time.Now().AddDate(0, 0, -7))
	var journal journalReadError
	if rows != nil || !errors.As(err, &journal) {
		t.Fatalf("rows %v, error %v: want a journalReadError and no rows", rows, err)
	}
}
