package main

import (
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/till-pos/till/emulator"
)

// A read that gets no answer moved nothing: the one-shot commands say Stripe did not
// answer, never that the call may or may not have gone through.
func TestFailedReadsSayOnlyThatStripeDidNotAnswer(t *testing.T) {
	e := newSupportEnv(t, emulator.Options{})
	e.emu.SetFault("", emulator.Fault{DropRate: 1})
	for _, args := range [][]string{{"readers"}, {"doctor"}, {"refund", "pi_123"}, {"reader", "cancel-action", e.readers[0]},
		{"payments", "--unfinished"}, {"payments", "capture", "pi_123"}} {
		code, out, errOut := e.till(t, args...)
		said := out + errOut
		if code == 0 || !strings.Contains(said, "Stripe did not answer") || strings.Contains(said, "may or may not") {
			t.Errorf("till %v: exit %d\n%s", args, code, said)
		}
	}
}

// A failed read says what the network said, which tells support a refused connection
// from a timeout or a TLS error; the password of the API base's URL stays unsaid.
func TestFailedReadsSayWhatTheNetworkSaid(t *testing.T) {
	e := newSupportEnv(t, emulator.Options{})
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := l.Addr().String()
	l.Close() // nothing listens there now: connections are refused
	e.url = "http://deadUSERcanary:deadPASScanary@" + closed
	for _, args := range [][]string{{"readers"}, {"payments", "--unfinished"}, {"payments", "capture", "pi_123"},
		{"refund", "pi_123"}, {"reader", "cancel-action", e.readers[0]}} {
		code, out, errOut := e.till(t, args...)
		if code != 1 || !strings.Contains(errOut, "Stripe did not answer (") || !strings.Contains(errOut, "connection refused") ||
			strings.Contains(out+errOut, "canary") {
			t.Errorf("till %v: exit %d\n%s%s", args, code, out, errOut)
		}
	}
	// The doctor, above all, says why Stripe cannot be reached.
	code, out, errOut := e.till(t, "doctor")
	if code != 1 || !strings.Contains(out, "Stripe cannot be reached: Stripe did not answer (") || !strings.Contains(out, "connection refused") ||
		strings.Contains(out+errOut, "canary") {
		t.Errorf("till doctor: exit %d\n%s%s", code, out, errOut)
	}
}

// When a capture or cancel got no clear answer and reading the payment back fails too,
// till says what Stripe said of the read, with the API key and the secrets of a URL in
// it redacted.
func TestReadBackSaysWhatTheFailedReadHeard(t *testing.T) {
	const key = "sk_test_51READBACKkeyNobodyMaySee"
	t.Setenv("STRIPE_API_KEY", key)
	e := newSupportEnv(t, emulator.Options{})
	in := e.authorize(t, "LOST-3", e.readers[0], 700)
	var canceled atomic.Bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case strings.HasSuffix(r.URL.Path, "/cancel"):
			e.emu.ServeHTTP(httptest.NewRecorder(), r) // Stripe acts; its answer is lost
			canceled.Store(true)
		case !canceled.Load():
			e.emu.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusInternalServerError)
		_, _ = w.Write([]byte(`{"error":{"type":"api_error","message":"upstream https://proxyUSER:proxyPASS@10.0.0.1/v1?token=proxyTOKEN failed for ` + key + `"}}`))
	}))
	t.Cleanup(srv.Close)
	e.url = srv.URL
	code, out, errOut := e.till(t, "payments", "cancel", in.ID)
	if code != 1 || !strings.Contains(errOut, "cannot read "+in.ID+" back either: Stripe had an error (upstream https://") ||
		!strings.Contains(errOut, "10.0.0.1/v1") || !strings.Contains(errOut, "Whether it went through is unknown") {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	for _, secret := range []string{"proxyUSER", "proxyPASS", "proxyTOKEN", "READBACKkey"} {
		if strings.Contains(out+errOut, secret) {
			t.Errorf("%s was printed:\n%s", secret, errOut)
		}
	}
}
