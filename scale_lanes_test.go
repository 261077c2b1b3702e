package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/till-pos/till/emulator"
)

// Many lanes on one account: each lane its own `till pay` (its own database and log),
// all against one emulator holding Stripe's test-mode limit of 25 requests a second.

// traffic counts the requests the emulator got, by second since the start, and the
// ones it turned away (429).
type traffic struct {
	mu      sync.Mutex
	start   time.Time
	perSec  map[int]int
	limited int
}

func (tr *traffic) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := &statusWriter{ResponseWriter: w}
		h.ServeHTTP(rec, r)
		tr.mu.Lock()
		defer tr.mu.Unlock()
		tr.perSec[int(time.Since(tr.start)/time.Second)]++
		if rec.status == http.StatusTooManyRequests {
			tr.limited++
		}
	})
}

// peak is the most requests in any one second from second `from` on, and the mean.
func (tr *traffic) peak(from int) (max int, mean float64) {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	last, total := 0, 0
	for s, n := range tr.perSec {
		if s >= from {
			max = maxInt(max, n)
			total += n
		}
		last = maxInt(last, s)
	}
	if last >= from {
		mean = float64(total) / float64(last-from+1)
	}
	return max, mean
}

func maxInt(a, b int) int {
	if a > b {
		return a
	}
	return b
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

// laneRun is one lane's `till pay`: its exit code, JSON result and stderr.
type laneRun struct {
	code   int
	res    payResult
	stderr string
}

// runLanes runs n lanes of `till pay --json` at once, lane i on reader i, with args.
func runLanes(tb testing.TB, n int, args ...string) ([]laneRun, *traffic) {
	tb.Helper()
	emu, err := emulator.New(emulator.Options{Seed: true, Readers: n})
	if err != nil {
		tb.Fatal(err)
	}
	emu.SetFault("", emulator.Fault{RateLimit: true})
	tr := &traffic{start: time.Now(), perSec: map[int]int{}}
	srv := httptest.NewServer(tr.wrap(emu))
	tb.Cleanup(srv.Close)
	dir := tb.TempDir()
	readers := emu.ReaderIDs()
	runs := make([]laneRun, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			var out, errOut bytes.Buffer
			lane := filepath.Join(dir, fmt.Sprintf("lane%02d", i))
			code := run(append([]string{"pay", "--json", "--amount", "12.00", "--api-base", srv.URL, "--reader", readers[i],
				"--db", filepath.Join(lane, "till.db"), "--log-file", filepath.Join(lane, "till.log")}, args...), &out, &errOut)
			runs[i] = laneRun{code: code, stderr: errOut.String()}
			_ = json.Unmarshal(out.Bytes(), &runs[i].res)
		})
	}
	wg.Wait()
	return runs, tr
}

// quiet reports whether stderr holds nothing but the "Stripe is busy" notice.
func quiet(stderr string) bool {
	for _, line := range strings.Split(strings.TrimSpace(stderr), "\n") {
		if line != "" && line != "Stripe is busy, retrying…" {
			return false
		}
	}
	return true
}

// 32 lanes each take a payment at the same moment under the 25 requests/s limit: all
// 32 succeed on the first run and none shows an error (before: 0–3 of 16 succeeded).
func TestLanesUnderTheRateLimit(t *testing.T) {
	isolate(t)
	runs, tr := runLanes(t, 32)
	ok := 0
	for i, r := range runs {
		if r.code == 0 && r.res.Status == "succeeded" && quiet(r.stderr) {
			ok++
			continue
		}
		t.Errorf("lane %d: exit %d, %+v, stderr %q", i, r.code, r.res, r.stderr)
	}
	peak, _ := tr.peak(0)
	t.Logf("32 lanes: %d of 32 paid; %d requests turned away with 429; peak %d requests in one second", ok, tr.limited, peak)
}

// BenchmarkLanesWaiting: 25 lanes wait two minutes for a card that never comes, under
// the 25 requests/s limit. It reports the busiest second after the first ten (the
// sends), the mean rate, and the 429s; run with -benchtime 1x.
func BenchmarkLanesWaiting(b *testing.B) {
	b.Setenv("TILL_POLL_INTERVAL", "1s")
	for b.Loop() {
		runs, tr := runLanes(b, 25, "--card", "none", "--wait", "2m")
		for i, r := range runs {
			if r.code != 1 || r.res.Status != "requires_payment_method" || !quiet(r.stderr) {
				b.Errorf("lane %d: exit %d, %+v, stderr %q", i, r.code, r.res, r.stderr)
			}
		}
		all, mean := tr.peak(0)
		later, _ := tr.peak(10)
		b.ReportMetric(float64(all), "peak-req/s")
		b.ReportMetric(float64(later), "peak-after-10s-req/s")
		b.ReportMetric(mean, "mean-req/s")
		b.ReportMetric(float64(tr.limited), "429s")
	}
}
