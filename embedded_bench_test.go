package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/till-pos/till/checkout"
)

// rssMB is this process's resident set size (Linux), 0 where it cannot be read.
func rssMB() float64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 64)
			return kb / 1024
		}
	}
	return 0
}

// BenchmarkEmbeddedPayments takes 200 payments, one after the other, on till's embedded
// emulator with its state file, as `make run` starts it (openServices), through the
// checkout machine the screen runs (the headless driver: the same Apply and Carry,
// polling every 10 ms). It reports the process's RSS before and after, and the p50
// charge-to-paid time of the first and of the last 20 payments, which must not grow
// with the state: go test -run XXX -bench EmbeddedPayments -benchtime 1x .
func BenchmarkEmbeddedPayments(b *testing.B) {
	const payments = 200
	for range b.N {
		cfg := embeddedConfig(b, map[string]string{"TILL_POLL_INTERVAL": "10ms"})
		runtime.GC()
		before := rssMB()
		svc, err := openServices(cfg)
		if err != nil {
			b.Fatal(err)
		}
		ctx := context.Background()
		readers, err := svc.gateway.ListReaders(ctx)
		if err != nil || len(readers) == 0 {
			b.Fatalf("readers: %v %v", readers, err)
		}
		rd := readers[0]
		amount := checkout.Money{Amount: 1200, Currency: "usd"}
		var took []time.Duration
		for i := range payments {
			charge := checkout.ChargeRequested{OrderID: fmt.Sprint("bench-", i), Amount: amount, ReaderID: rd.ID,
				CaptureMethod: cfg.CaptureMethod, At: time.Now()}
			s, first, err := startOrResume(svc.store, checkout.Cart{}, charge)
			if err != nil {
				b.Fatal(err)
			}
			d := &driver{gateway: svc.gateway, presenter: svc.gateway, store: svc.store, now: time.Now,
				schedule: cfg.schedule(), callTimeout: cfg.CallTimeout,
				card: "4242424242424242", simulated: rd.Simulated(), logf: func(string, ...any) {}}
			start := time.Now()
			s, err = d.run(ctx, s, first)
			took = append(took, time.Since(start))
			if err != nil || s.IntentStatus != checkout.IntentSucceeded {
				b.Fatalf("payment %d: %s %v", i, s.IntentStatus, err)
			}
		}
		after := rssMB()
		svc.Close()
		fi, err := os.Stat(cfg.EmulatorState)
		if err != nil {
			b.Fatal(err)
		}
		median := func(ds []time.Duration) float64 {
			s := slices.Clone(ds)
			slices.Sort(s)
			return float64(s[len(s)/2]) / float64(time.Millisecond)
		}
		b.ReportMetric(before, "rss-before-MB")
		b.ReportMetric(after, "rss-after-200-MB")
		b.ReportMetric(median(took[:20]), "first20-p50-ms")
		b.ReportMetric(median(took[len(took)-20:]), "last20-p50-ms")
		b.ReportMetric(float64(fi.Size())/1024, "state-file-KB")
	}
}
