package main

import (
	"fmt"
	"os"
	"testing"
	"time"

	"go.etcd.io/bbolt"

	"github.com/till-pos/till/checkout"
)

// dbSize is the database file's size and the bytes of its pages in use.
func dbSize(tb testing.TB, path string) (file, used int64) {
	tb.Helper()
	info, err := os.Stat(path)
	if err != nil {
		tb.Fatal(err)
	}
	// Not read-only: a read-only bbolt does not load the free list.
	db, err := bbolt.Open(path, 0o600, &bbolt.Options{Timeout: time.Second})
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	err = db.View(func(tx *bbolt.Tx) error {
		used = tx.Size() - int64(db.Stats().FreePageN)*int64(db.Info().PageSize)
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return info.Size(), used
}

// payOrders takes n payments on the bench, the card coming after 1s, 5s or 30s in turn.
func payOrders(tb testing.TB, b *bench, n int) {
	tb.Helper()
	for i := range n {
		T := []time.Duration{time.Second, 5 * time.Second, 30 * time.Second}[i%3]
		if _, s := b.pay(tb, fmt.Sprintf("ord_20261130T09%04d_%08x", i, i), T, 2*time.Minute, uint64(i)); s.Phase != checkout.Paid {
			tb.Fatalf("order %d ended %s", i, s.Phase)
		}
	}
}

// A finished order costs at most 5 KB of till.db, journal and all (before: 11–21 KB).
// On a small database the file is mostly bbolt's room to grow (up to 256 KB ahead), so
// this checks the pages in use; BenchmarkDatabaseBytesPerOrder reports the file at
// 1,000 orders.
func TestDatabaseBytesPerOrder(t *testing.T) {
	const orders = 120
	b := newBench(t)
	payOrders(t, b, orders)
	path := b.st.Path()
	if err := b.st.Close(); err != nil {
		t.Fatal(err)
	}
	file, used := dbSize(t, path)
	t.Logf("%d orders: till.db %d bytes, %d in use (%.1f KB an order)", orders, file, used, float64(used)/orders/1024)
	if used > orders*5*1024 || file > used+320<<10 {
		t.Errorf("till.db: %d bytes in use (%.1f KB an order, budget 5 KB), file %d", used, float64(used)/orders/1024, file)
	}
}

// BenchmarkDatabaseBytesPerOrder reports till.db's bytes per finished order after 1,000
// payments, and the bytes in use once they are archived.
func BenchmarkDatabaseBytesPerOrder(b *testing.B) {
	const orders = 1000
	for b.Loop() {
		bb := newBench(b)
		payOrders(b, bb, orders)
		path := bb.st.Path()
		if _, err := bb.st.Archive(time.Now().Add(24 * time.Hour)); err != nil {
			b.Fatal(err)
		}
		if err := bb.st.Close(); err != nil {
			b.Fatal(err)
		}
		file, used := dbSize(b, path)
		b.ReportMetric(float64(file)/orders, "file-bytes/order")
		b.ReportMetric(float64(used)/orders, "in-use-after-archive-bytes/order")
	}
}
