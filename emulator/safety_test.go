package emulator

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestAdminTokenGuardsTheAdminAPI: with a token set, every admin request without it
// (or with another) is refused, the Stripe API is not affected, and AdminClient sends
// the token it is given.
func TestAdminTokenGuardsTheAdminAPI(t *testing.T) {
	f := newFixture(t, Options{AdminToken: "s3cret-token"})
	for _, tc := range []struct{ method, path string }{
		{http.MethodGet, "/_emulator/state"},
		{http.MethodGet, "/_emulator/faults"},
		{http.MethodPost, "/_emulator/faults"},
		{http.MethodDelete, "/_emulator/faults"},
		{http.MethodPut, "/_emulator/readers/" + f.readers[0] + "/faults/offline"},
		{http.MethodPost, "/_emulator/readers/" + f.readers[0] + "/present"},
		{http.MethodGet, "/_emulator/nothing-here"},
	} {
		for _, auth := range []string{"", "Bearer wrong", "s3cret-token", "Bearer s3cret-token-and-more"} {
			req, _ := http.NewRequest(tc.method, f.srv.URL+tc.path, strings.NewReader("{}"))
			if auth != "" {
				req.Header.Set("Authorization", auth)
			}
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != http.StatusUnauthorized || !strings.Contains(string(body), "admin token") {
				t.Errorf("%s %s with %q: %d %s", tc.method, tc.path, auth, res.StatusCode, body)
			}
		}
	}
	if f.e.Faults()[f.readers[0]] != (Fault{}) {
		t.Fatal("a refused request switched a fault")
	}
	ctx := context.Background()
	if err := (AdminClient{BaseURL: f.srv.URL}).ToggleReaderFault(ctx, f.readers[0], "offline"); err == nil || !strings.Contains(err.Error(), "admin token") {
		t.Fatalf("client without the token: %v", err)
	}
	c := AdminClient{BaseURL: f.srv.URL, Token: "s3cret-token"}
	if !c.Available(ctx) {
		t.Fatal("client with the token: emulator not available")
	}
	if err := c.ToggleReaderFault(ctx, f.readers[0], "offline"); err != nil || !f.e.Faults()[f.readers[0]].Offline {
		t.Fatalf("client with the token: %v", err)
	}
	if _, err := f.sc.TerminalReaders.Get(f.readers[0], nil); err != nil {
		t.Fatalf("the Stripe API needs no admin token: %v", err)
	}
}

// TestServeStaysOnLoopbackWithoutAToken: an address other machines can reach is
// refused unless an admin token is set.
func TestServeStaysOnLoopbackWithoutAToken(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	open, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, addr := range []string{"0.0.0.0:0", ":0"} {
		if _, _, err := Serve(ctx, addr, open); !errors.Is(err, ErrNeedsAdminToken) {
			t.Errorf("Serve(%s) without a token = %v, want ErrNeedsAdminToken", addr, err)
		}
	}
	for _, addr := range []string{"127.0.0.1:0", "localhost:0"} {
		if _, _, err := Serve(ctx, addr, open); err != nil {
			t.Errorf("Serve(%s) = %v", addr, err)
		}
	}
	guarded, err := New(Options{AdminToken: "t0ken"})
	if err != nil {
		t.Fatal(err)
	}
	base, _, err := Serve(ctx, "0.0.0.0:0", guarded)
	if err != nil {
		t.Fatalf("Serve with a token = %v", err)
	}
	if !(AdminClient{BaseURL: strings.Replace(base, "0.0.0.0", "127.0.0.1", 1), Token: "t0ken"}).Available(ctx) {
		t.Fatal("not serving")
	}
}

// TestServeCutsOffASlowBody: a client that stops sending its request body is cut off,
// so it cannot hold a request (and the handler's goroutine) open.
func TestServeCutsOffASlowBody(t *testing.T) {
	defer func(d time.Duration) { bodyReadTimeout = d }(bodyReadTimeout)
	bodyReadTimeout = 300 * time.Millisecond
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	e, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	base, _, err := Serve(ctx, "127.0.0.1:0", e)
	if err != nil {
		t.Fatal(err)
	}
	conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST /v1/payment_intents HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\n"+
		"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\namount=10", testKey)
	conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	start := time.Now()
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err == nil {
		body, _ := io.ReadAll(res.Body)
		if res.StatusCode == http.StatusOK {
			t.Fatalf("a request whose body never came was answered 200: %s", body)
		}
	}
	if waited := time.Since(start); waited > 3*time.Second {
		t.Fatalf("the stalled request was held for %s", waited)
	}
	if n := len(e.PaymentIntents()); n != 0 {
		t.Fatalf("%d PaymentIntents made from a body that never came", n)
	}
}
