package emulator

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"
)

// Serve serves e on addr (e.g. "127.0.0.1:12111"; port 0 picks a free one) until ctx
// ends. It returns once listening, with the base URL to point a Stripe SDK at; done
// receives nil after a clean shutdown, or the error that stopped the server.
func Serve(ctx context.Context, addr string, e *Emulator) (baseURL string, done <-chan error, err error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return "", nil, fmt.Errorf("emulator: cannot listen on %s: %w", addr, err)
	}
	srv := &http.Server{Handler: e, ReadHeaderTimeout: 10 * time.Second}
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
