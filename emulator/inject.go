package emulator

import (
	"net/http"
	"time"
)

// rateWindow counts requests in the current second of the clock.
type rateWindow struct {
	second time.Time
	n      int
}

func (w *rateWindow) allow(now time.Time) bool {
	s := now.Truncate(time.Second)
	if !s.Equal(w.second) {
		w.second, w.n = s, 0
	}
	w.n++
	return w.n <= testRateLimit
}

// delay sleeps for the fault's latency and jitter (real time), or until the client
// gives up.
func (e *Emulator) delay(r *http.Request, f activeFault) {
	d := f.Latency
	if f.Jitter > 0 {
		e.mu.Lock()
		d += time.Duration(e.rng.Int64N(int64(f.Jitter)))
		e.mu.Unlock()
	}
	if d <= 0 {
		return
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-r.Context().Done():
	}
}

// injectFailure rolls the fault's error and drop rates. A drop hijacks and closes the
// connection (the returned response has status 0); an error is an HTTP 500. settle runs
// before the client can see the failure, so a client retrying at once finds the
// idempotency key free.
func (e *Emulator) injectFailure(w http.ResponseWriter, f activeFault, reqID string, settle func()) (response, bool) {
	if f.DropRate <= 0 && f.ErrorRate <= 0 {
		return response{}, false
	}
	e.mu.Lock()
	drop := f.DropRate > 0 && e.rng.Float64() < f.DropRate
	fail := !drop && f.ErrorRate > 0 && e.rng.Float64() < f.ErrorRate
	e.mu.Unlock()
	if drop || fail {
		settle()
	}
	if drop {
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				conn.Close()
				return response{}, true
			}
		}
		fail = true // cannot drop this connection: fail it instead
	}
	if fail {
		return errorResponse(&apiError{status: http.StatusInternalServerError,
			fields: apiErrorFields{Type: "api_error", Message: msgServerError}}, reqID), true
	}
	return response{}, false
}
