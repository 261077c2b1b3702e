package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/till-pos/till/checkout"
)

// parseConfig parses a command's flags (wanting exactly nargs arguments) and loads the
// configuration. When ok is false the command is over and code is its exit status.
func parseConfig(fs *pflag.FlagSet, args []string, nargs int, stderr io.Writer) (cfg Config, code int, ok bool) {
	return parseConfigThen(fs, args, nargs, stderr, func(cfg Config) error { return confirmLive(cfg, stdinConsole(stderr), stderr) })
}

// parseConfigThen is parseConfig with its own live-mode start (the cashier screen asks
// on its first page instead of at the prompt).
func parseConfigThen(fs *pflag.FlagSet, args []string, nargs int, stderr io.Writer, live func(Config) error) (cfg Config, code int, ok bool) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return cfg, 0, false
		}
		// pflag prints nothing itself when it returns the error.
		fmt.Fprintf(stderr, "%s: %v (see %s --help)\n", fs.Name(), err, fs.Name())
		return cfg, 2, false
	}
	if fs.NArg() != nargs {
		if fs.NArg() > nargs {
			fmt.Fprintf(stderr, "%s: unexpected argument %q\n\n", fs.Name(), fs.Arg(nargs))
		} else {
			fmt.Fprintf(stderr, "%s: missing argument\n\n", fs.Name())
		}
		fs.Usage()
		return cfg, 2, false
	}
	cfg, err := loadConfig(fs)
	if err != nil {
		return cfg, explainSetup(stderr, err), false
	}
	if err := live(cfg); err != nil {
		return cfg, explainSetup(stderr, err), false
	}
	return cfg, 0, true
}

// openSupport is parseConfig, then the services opened. refuse, when not nil, looks at
// the command's arguments first and says why they are refused ("" when they are not):
// a mistyped id or flag is refused (exit 2) before the database is opened, so a second
// till on it or a missing emulator does not stand in front of what the user got wrong.
func openSupport(fs *pflag.FlagSet, args []string, nargs int, stderr io.Writer, refuse func(Config) string) (*services, int, bool) {
	cfg, code, ok := parseConfig(fs, args, nargs, stderr)
	if !ok {
		return nil, code, false
	}
	if refuse != nil {
		if why := refuse(cfg); why != "" {
			fmt.Fprintln(stderr, why)
			return nil, 2, false
		}
	}
	svc, err := openServices(cfg)
	if err != nil {
		return nil, explainSetup(stderr, err), false
	}
	return svc, 0, true
}

// noSubcommand answers a command run without one of its subcommands (synopsis lists
// them): asked for help, it prints the synopsis and exits 0, as every command does on
// --help; otherwise it names what was given in its place, if anything, and exits 2.
func noSubcommand(stderr io.Writer, cmd, synopsis string, args []string) int {
	if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
		fmt.Fprintln(stderr, synopsis)
		return 0
	}
	switch {
	case len(args) == 0:
		fmt.Fprintf(stderr, "till %s: missing subcommand\n\n", cmd)
	case strings.HasPrefix(args[0], "-"):
		fmt.Fprintf(stderr, "till %s: the subcommand comes before the flags\n\n", cmd)
	default:
		fmt.Fprintf(stderr, "till %s: unknown subcommand %q\n\n", cmd, args[0])
	}
	fmt.Fprintln(stderr, synopsis)
	return 2
}

// commandFlags makes a command's flag set with the flags every command shares. Those
// it names unread are hidden from its --help. It still takes them (they may come before
// any command: till --currency eur readers), so a script that passes them everywhere
// keeps working; the help lists only what does something.
func commandFlags(name, synopsis, what string, stderr io.Writer, unread ...string) *pflag.FlagSet {
	fs := pflag.NewFlagSet("till "+name, pflag.ContinueOnError)
	fs.SetOutput(stderr)
	addCommonFlags(fs)
	for _, n := range unread {
		_ = fs.MarkHidden(n)
	}
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: %s\n\n%s\n\nFlags:\n", synopsis, what)
		fs.PrintDefaults()
	}
	return fs
}

// The shared flags a command may leave unread (commandFlags): one that sells nothing
// reads no cart's currency or capture method; one that works on no reader, no --reader
// either.
var (
	sellsNothing    = []string{"currency", "capture"}
	noReaderNorSale = append([]string{"reader"}, sellsNothing...)
)

// minWait is the shortest --wait a command takes: less cannot see a payment through.
const minWait = time.Second

// checkWait refuses a --wait that is zero, negative or too short to mean anything;
// what is what the command waits for ("the payment", "the refund").
func checkWait(wait time.Duration, what string) error {
	if wait < minWait {
		return fmt.Errorf("--wait %s is too short: give how long to wait for %s, at least %s (e.g. 2m)", wait, what, minWait)
	}
	return nil
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

// readBack follows a money-moving call whose outcome is unknown (no answer, a 5xx): it
// says so, reads the PaymentIntent again and returns what Stripe holds now, so the
// command reports what happened rather than what it tried. false: the read failed too,
// and it has said so.
func readBack(ctx context.Context, svc *services, stderr io.Writer, cmd, pi string, callErr error) (checkout.Intent, bool) {
	fmt.Fprintf(stderr, "till %s: %s Reading %s back to see whether it went through…\n", cmd, checkout.Explain(checkout.AsFailure(callErr)), pi)
	in, err := readIntent(ctx, svc, pi)
	if err != nil {
		fmt.Fprintf(stderr, "till %s: cannot read %s back either: %s. Whether it went through is unknown; check with till payments --unfinished.\n",
			cmd, pi, strings.TrimSuffix(checkout.ExplainReadWithDetail(checkout.AsFailure(err)), "."))
		return in, false
	}
	return in, true
}

// writeJSON prints a list or a report as indented JSON.
func writeJSON(w io.Writer, v any) {
	enc := jsonEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v)
}

// writeJSONLine prints one outcome (a payment's, a refund's, an error) as one JSON
// object on one line, so a script can read it as a line.
func writeJSONLine(w io.Writer, v any) { _ = jsonEncoder(w).Encode(v) }

// jsonEncoder writes JSON as a script reads it: '<', '>' and '&' as they are, not
// escaped for a web page.
func jsonEncoder(w io.Writer) *json.Encoder {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc
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
