package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"time"

	"github.com/spf13/pflag"

	"github.com/till-pos/till/emulator"
)

func runEmulator(args []string, stdout, stderr io.Writer) int {
	fs := pflag.NewFlagSet("emulator", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	listen := fs.String("listen", "127.0.0.1:12111", "address to serve on (loopback by default)")
	state := fs.String("state", "", "file to keep the emulator's state in across restarts (default: memory only)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: till emulator [flags]\n\nServes a local imitation of the Stripe API for Terminal, with simulated readers.\nPoint any Stripe SDK or curl at the printed base URL with any sk_test_ key.\n\nFlags:")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return 0
		}
		return 2
	}
	emu, err := emulator.New(emulator.Options{StatePath: *state, Seed: true})
	if err != nil {
		fmt.Fprintf(stderr, "till emulator: %v\n", err)
		return 2
	}
	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		fmt.Fprintf(stderr, "till emulator: cannot listen on %s: %v\n", *listen, err)
		return 2
	}
	fmt.Fprintf(stdout, "Stripe emulator at http://%s (use any sk_test_ key)\nReaders:\n", ln.Addr())
	for _, id := range emu.ReaderIDs() {
		fmt.Fprintf(stdout, "  %s\n", id)
	}
	srv := &http.Server{Handler: emu, ReadHeaderTimeout: 10 * time.Second}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdown)
	}()
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintf(stderr, "till emulator: %v\n", err)
		return 1
	}
	return 0
}
