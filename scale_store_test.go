package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
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

// BenchmarkShiftReportCommand10k: `till shift report` end to end — configuration,
// opening the database, archiving, the report — over 10,000 orders. (Setting up the
// database saves 10,000 sessions one by one, so it takes a while.)
func BenchmarkShiftReportCommand10k(b *testing.B) {
	dir := b.TempDir()
	for _, k := range []string{"HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"} {
		b.Setenv(k, dir)
	}
	b.Setenv("STRIPE_API_KEY", "")
	b.Setenv("TILL_STRIPE_API_KEY", "")
	path := filepath.Join(dir, "till.db")
	st := openStore(b, path)
	start := time.Now().Add(-10 * time.Hour)
	for i := range 10000 {
		s := checkout.Session{OrderID: fmt.Sprintf("ord_%06d", i), Phase: checkout.Paid, Amount: checkout.Money{Amount: 1200, Currency: "usd"},
			PaymentIntentID: fmt.Sprintf("pi_%06d", i), ReaderID: "tmr_1", Card: checkout.Card{Brand: "visa", Last4: "4242"},
			StartedAt: start.Add(time.Duration(i) * 3 * time.Second), UpdatedAt: start.Add(time.Duration(i) * 3 * time.Second)}
		if err := st.SaveSession(s); err != nil {
			b.Fatal(err)
		}
	}
	if err := st.Close(); err != nil {
		b.Fatal(err)
	}
	args := []string{"shift", "report", "--db", path, "--log-file", filepath.Join(dir, "till.log"), "--api-base", "http://127.0.0.1:9"}
	b.ResetTimer()
	for b.Loop() {
		var out, errOut bytes.Buffer
		if code := run(args, &out, &errOut); code != 0 || !strings.Contains(out.String(), "$120,000.00") {
			b.Fatalf("exit %d: %s %s", code, out.String(), errOut.String())
		}
	}
}
