package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/spf13/pflag"

	"github.com/till-pos/till/emulator"
	"github.com/till-pos/till/readerctl"
)

var emulatorUsage = fmt.Sprintf(`Usage: till emulator [flags]

Serves a local imitation of the Stripe API for Terminal, with simulated readers.
Point any Stripe SDK or curl at the printed base URL with any sk_test_ key. Faults
can also be switched at run time through the admin API under /_emulator/ (see the
emulator package documentation).

It serves on loopback only, unless an admin token is set (--admin-token, or
TILL_EMULATOR_ADMIN_TOKEN): then --listen may name any address, and every admin
request must send "Authorization: Bearer <token>".

With --state, every change is appended to the file (JSON lines) before it is
answered, and the file is compacted in the background: the state survives the
process being killed at any moment. The file's directory must exist; a state file
of the earlier whole-JSON format is converted in place. Memory and the file are
bounded by retention: the newest %d events, the newest %d idempotency keys
(each for at most 24 hours), and the newest %d finished objects of each kind
(PaymentIntents succeeded or canceled, charges, payment methods, refunds); older
ones are forgotten. Objects still in progress are always kept.

With --webhook, every event is POSTed to the URL, signed as Stripe signs it. The
signing secret is never printed nor logged: it is --webhook-secret or the content
of --webhook-secret-file, else $STRIPE_WEBHOOK_SECRET (where stripe-node handlers
and till read it from), else the content of the file
<user config dir>/till/emulator-webhook.secret. A secret file that is missing is
created with a new secret, mode 0600: start your handler with
STRIPE_WEBHOOK_SECRET="$(cat FILE)".

Flags:
`, emulator.DefaultRetention.Events, emulator.DefaultRetention.IdempotencyKeys, emulator.DefaultRetention.Finished)

// runEmulator is "till emulator": it serves until interrupted.
func runEmulator(args []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return serveEmulator(ctx, args, stdout, stderr)
}

// emulatorFlags are the parsed flags of till emulator.
type emulatorFlags struct {
	listen, state string
	readers       int
	quiet         bool
	opts          emulator.Options
	fault         emulator.Fault
	webhooks      []string
	secret        string // of the --webhook endpoints; never printed
	secretFile    string
	secretFrom    string   // where the secret came from, for the banner
	faultFlags    []string // the fault flags given, as "--name=value", for the banner
}

// faultFlagNames are the flags that make up the global fault.
var faultFlagNames = map[string]bool{"latency": true, "jitter": true, "error-rate": true, "drop-rate": true,
	"after-mutation": true, "rate-limit": true, "webhook-delay": true, "webhook-loss-rate": true, "webhook-duplicate-rate": true}

func parseEmulatorFlags(args []string, stderr io.Writer) (*emulatorFlags, error) {
	var c emulatorFlags
	fs := pflag.NewFlagSet("emulator", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.listen, "listen", "127.0.0.1:12111", "address to serve on; port 0 picks a free one; not loopback only with an admin token")
	fs.StringVar(&c.state, "state", "", "file to keep the emulator's state in across restarts, in an existing directory (default: memory only)")
	fs.StringVar(&c.opts.AdminToken, "admin-token", "", "token the admin API requires (default $TILL_EMULATOR_ADMIN_TOKEN); needed to listen beyond loopback")
	fs.IntVar(&c.readers, "readers", 2, "simulated readers to create in a new state, alternating WisePOS E and S700")
	fs.DurationVar(&c.opts.AuthorizeDelay, "authorize-delay", 0, "how long an authorization takes after a card is presented (reader calls get terminal_reader_busy meanwhile)")
	fs.DurationVar(&c.fault.Latency, "latency", 0, "delay added to every request, e.g. 250ms")
	fs.DurationVar(&c.fault.Jitter, "jitter", 0, "random extra delay, up to this much, added to every request")
	fs.Float64Var(&c.fault.ErrorRate, "error-rate", 0, "fraction (0..1) of requests answered with HTTP 500")
	fs.Float64Var(&c.fault.DropRate, "drop-rate", 0, "fraction (0..1) of requests whose connection is dropped")
	fs.BoolVar(&c.fault.AfterMutation, "after-mutation", false, "make --error-rate and --drop-rate lose the response after the change is made")
	fs.BoolVar(&c.fault.RateLimit, "rate-limit", false, "enforce Stripe's test-mode limit of 25 requests per second (429 rate_limit)")
	fs.StringArrayVar(&c.webhooks, "webhook", nil, "URL to POST every event to, signed like Stripe's webhooks (repeatable)")
	fs.StringVar(&c.secret, "webhook-secret", "", "signing secret of the --webhook endpoints (default $"+webhookSecretEnv+", else the secret file); other users can see it in the process list")
	fs.StringVar(&c.secretFile, "webhook-secret-file", "", "file (mode 0600) with the --webhook endpoints' signing secret, created with a new one when missing (default <user config dir>/till/emulator-webhook.secret)")
	fs.DurationVar(&c.fault.WebhookDelay, "webhook-delay", 0, "delay before each webhook delivery")
	fs.Float64Var(&c.fault.WebhookLossRate, "webhook-loss-rate", 0, "fraction (0..1) of webhook deliveries never made")
	fs.Float64Var(&c.fault.WebhookDuplicateRate, "webhook-duplicate-rate", 0, "fraction (0..1) of webhook deliveries made twice")
	fs.StringArrayVar(&c.opts.SeedAccounts, "seed-account", nil, "a connected account (acct_...) to give a location and readers of its own too (repeatable)")
	fs.StringVar(&c.opts.APIVersion, "api-version", emulator.DefaultAPIVersion, "the account's default API version, for requests without a Stripe-Version header")
	fs.BoolVar(&c.quiet, "quiet", false, "do not log each request and webhook failure to stderr")
	fs.Usage = func() {
		fmt.Fprint(stderr, emulatorUsage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected argument %q (see till emulator --help)", fs.Arg(0))
	}
	if c.opts.AdminToken == "" {
		c.opts.AdminToken = strings.TrimSpace(os.Getenv("TILL_EMULATOR_ADMIN_TOKEN")) // not a flag default: --help would print it
	}
	if c.readers < 1 {
		return nil, fmt.Errorf("--readers must be at least 1 (got %d)", c.readers)
	}
	if c.opts.AuthorizeDelay < 0 {
		return nil, fmt.Errorf("--authorize-delay must not be negative")
	}
	if err := c.fault.Validate(); err != nil {
		return nil, fmt.Errorf("invalid fault flags: %s", strings.NewReplacer("_", "-").Replace(err.Error()))
	}
	for _, u := range c.webhooks {
		p, err := url.Parse(u)
		if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
			return nil, fmt.Errorf("--webhook must be an http:// or https:// URL (got %q)", u)
		}
	}
	fs.Visit(func(f *pflag.Flag) {
		if faultFlagNames[f.Name] {
			c.faultFlags = append(c.faultFlags, "--"+f.Name+"="+f.Value.String())
		}
	})
	if len(c.webhooks) > 0 {
		var err error
		if c.secret, c.secretFrom, err = webhookSecret(c.secret, c.secretFile); err != nil {
			return nil, err
		}
	}
	for _, u := range c.webhooks {
		c.opts.Webhooks = append(c.opts.Webhooks, emulator.WebhookEndpoint{URL: u, Secret: c.secret})
	}
	c.opts.StatePath, c.opts.Seed, c.opts.Readers = c.state, true, c.readers
	return &c, nil
}

// serveEmulator runs till emulator until ctx ends and returns the exit code.
func serveEmulator(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	c, err := parseEmulatorFlags(args, stderr)
	if errors.Is(err, pflag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "till emulator: %v (see till emulator --help)\n", err)
		return 2
	}
	if !c.quiet {
		c.opts.Logf = func(format string, args ...any) {
			fmt.Fprintln(stderr, readerctl.Redact(fmt.Sprintf(format, args...), ""))
		}
	}
	emu, err := emulator.New(c.opts)
	if err != nil {
		fmt.Fprintf(stderr, "till emulator: %s\n", withoutPackagePrefix(err))
		return 2
	}
	defer emu.Close()
	emu.SetFault("", c.fault)
	base, done, err := emulator.Serve(ctx, c.listen, emu)
	if errors.Is(err, emulator.ErrNeedsAdminToken) {
		fmt.Fprintf(stderr, "till emulator: --listen %s is not a loopback address; to serve beyond this machine, set an admin token (--admin-token or TILL_EMULATOR_ADMIN_TOKEN)\n", c.listen)
		return 2
	}
	if err != nil {
		fmt.Fprintf(stderr, "till emulator: %s\n", withoutPackagePrefix(err))
		return 2
	}
	printBanner(stdout, base, emu, c)
	if err := <-done; err != nil {
		fmt.Fprintf(stderr, "till emulator: %s\n", withoutPackagePrefix(err))
		return 1
	}
	return 0
}

func printBanner(w io.Writer, base string, emu *emulator.Emulator, c *emulatorFlags) {
	fmt.Fprintf(w, "Stripe emulator at %s (use any sk_test_ key)\n", base)
	if c.state != "" {
		fmt.Fprintf(w, "State kept in %s\n", c.state)
	}
	fmt.Fprintln(w, "Readers:")
	for _, r := range emu.Readers() {
		fmt.Fprintf(w, "  %s  %-14s %s\n", r.ID, r.Label, r.DeviceType)
	}
	for _, u := range c.webhooks {
		fmt.Fprintf(w, "Webhooks to %s\n", readerctl.RedactURL(u))
	}
	if len(c.webhooks) > 0 {
		fmt.Fprintf(w, "Webhooks signed with the secret %s\n", c.secretFrom)
	}
	if len(c.faultFlags) > 0 {
		fmt.Fprintf(w, "Faults: %s\n", strings.Join(c.faultFlags, " "))
	}
	token := ""
	if c.opts.AdminToken != "" {
		token = " (send the admin token)"
	}
	fmt.Fprintf(w, "Admin API at %s/_emulator/state%s. Press Ctrl-C to stop.\n", base, token)
}

// withoutPackagePrefix is the emulator package's error without its "emulator: "
// prefix, which the command's own "till emulator: " already says.
func withoutPackagePrefix(err error) string {
	return strings.TrimPrefix(err.Error(), "emulator: ")
}
