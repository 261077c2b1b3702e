package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"time"

	"github.com/spf13/pflag"

	"github.com/till-pos/till/checkout"
)

// parseConfig parses a command's flags (wanting exactly nargs arguments) and loads the
// configuration. When ok is false the command is over and code is its exit status.
func parseConfig(fs *pflag.FlagSet, args []string, nargs int, stderr io.Writer) (cfg Config, code int, ok bool) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return cfg, 0, false
		}
		return cfg, 2, false
	}
	if fs.NArg() != nargs {
		fs.Usage()
		return cfg, 2, false
	}
	cfg, err := loadConfig(fs)
	if err != nil {
		return cfg, explainSetup(stderr, err), false
	}
	if err := confirmLive(cfg, stdinConsole(stderr), stderr); err != nil {
		return cfg, explainSetup(stderr, err), false
	}
	return cfg, 0, true
}

// openSupport is parseConfig, then the services opened.
func openSupport(fs *pflag.FlagSet, args []string, nargs int, stderr io.Writer) (*services, int, bool) {
	cfg, code, ok := parseConfig(fs, args, nargs, stderr)
	if !ok {
		return nil, code, false
	}
	svc, err := openServices(cfg)
	if err != nil {
		return nil, explainSetup(stderr, err), false
	}
	return svc, 0, true
}

// commandFlags makes a command's flag set with the flags every command shares.
func commandFlags(name, synopsis, what string, stderr io.Writer) *pflag.FlagSet {
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	fs.SetOutput(stderr)
	addCommonFlags(fs)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: %s\n\n%s\n\nFlags:\n", synopsis, what)
		fs.PrintDefaults()
	}
	return fs
}

// commandContext ends on Ctrl-C.
func commandContext() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt)
}

// failed prints what could not be done and why, in the cashier's words, and returns 1.
func failed(stderr io.Writer, cmd, what string, err error) int {
	fmt.Fprintf(stderr, "till %s: %s: %s\n", cmd, what, checkout.Explain(checkout.AsFailure(err)))
	return 1
}

func writeJSON(w io.Writer, v any) {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v)
}

// nullable is nil for "", so JSON says null rather than an empty string.
func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// ago is a short age: 12s ago, 5m ago, 3h ago, 2d ago.
func ago(t, now time.Time) string {
	d := now.Sub(t)
	switch {
	case d < 0:
		return "just now"
	case d < time.Minute:
		return fmt.Sprintf("%ds ago", int(d.Seconds()))
	case d < time.Hour:
		return fmt.Sprintf("%dm ago", int(d.Minutes()))
	case d < 48*time.Hour:
		return fmt.Sprintf("%dh ago", int(d.Hours()))
	}
	return fmt.Sprintf("%dd ago", int(d.Hours()/24))
}
