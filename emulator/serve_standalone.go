package emulator

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"
)

// ErrNeedsAdminToken: Serve was asked for an address beyond loopback without an admin
// token, which would let anyone who can reach it switch faults and present cards.
var ErrNeedsAdminToken = errors.New("a non-loopback address needs an admin token")

// Timeouts of the emulator's HTTP server: a client that stops sending its request
// (headers or body) is cut off, so a stalled connection cannot hold a request open.
var (
	headerReadTimeout = 10 * time.Second
	bodyReadTimeout   = 30 * time.Second
	idleTimeout       = 2 * time.Minute
)

// Serve serves e on addr (e.g. "127.0.0.1:12111"; port 0 picks a free one) until ctx
// ends. An address that is not loopback is refused (ErrNeedsAdminToken) unless
// Options.AdminToken is set. It returns once listening, with the base URL to point a
// Stripe SDK at; done receives nil after a clean shutdown, or the error that stopped
// the server.
func Serve(ctx context.Context, addr string, e *Emulator) (baseURL string, done <-chan error, err error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return "", nil, fmt.Errorf("emulator: cannot listen on %s: %w", addr, err)
	}
	if ip := ln.Addr().(*net.TCPAddr).IP; !ip.IsLoopback() && e.opts.AdminToken == "" {
		ln.Close()
		return "", nil, fmt.Errorf("emulator: %s: %w", addr, ErrNeedsAdminToken)
	}
	srv := &http.Server{Handler: e, ReadHeaderTimeout: headerReadTimeout, ReadTimeout: bodyReadTimeout, IdleTimeout: idleTimeout}
	ch := make(chan error, 1)
	go func() {
		err := srv.Serve(ln)
		if errors.Is(err, http.ErrServerClosed) {
			err = nil
		}
		ch <- err
	}()
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		srv.Shutdown(shutdown)
	}()
	return "http://" + ln.Addr().String(), ch, nil
}
