package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/readerctl"
)

const setupSynopsis = "till setup [flags]"

const setupWhat = `Connects till to a Stripe account, or to an emulator with --api-base: takes the key
(test mode unless --live), picks or creates a location, registers readers by their
registration code (simulated-wpe and simulated-s700 make simulated ones), creates the
webhook endpoint when a public URL is given, and writes the configuration file.
At a terminal it asks for what the flags do not say; without one it asks nothing.`

// setupFlags are till setup's answers given up front.
type setupFlags struct {
	config, apiBase, keyFile string
	live                     bool
	account, fee             string
	location, locationName   string
	address                  readerctl.Address
	register                 []string
	webhookURL, listen       string
	currency, capture        string
}

func parseSetupFlags(args []string, stderr io.Writer) (*setupFlags, error) {
	var f setupFlags
	fs := pflag.NewFlagSet("setup", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&f.config, "config", "", "the configuration file to write (default: till.yaml in the user config dir)")
	fs.StringVar(&f.apiBase, "api-base", "", "Stripe API base URL, e.g. http://127.0.0.1:12111 for an emulator")
	fs.StringVar(&f.keyFile, "key-file", "", "the API key's file (mode 0600): read when it exists, else written with the key typed at the prompt (default: stripe.key beside the configuration)")
	fs.BoolVar(&f.live, "live", false, "set up Stripe live mode: a live key, and mode: live in the configuration")
	fs.StringVar(&f.account, "account", "", "Connect: the connected account (acct_…) till takes payments for")
	fs.StringVar(&f.fee, "application-fee", "", "Connect: the platform's fee on each payment, 2.5% or 0.30")
	fs.StringVar(&f.location, "location", "", "the Terminal location to use (tml_…)")
	fs.StringVar(&f.locationName, "location-name", "", "create a location with this name (and the address flags)")
	fs.StringVar(&f.address.Line1, "line1", "", "the new location's street address")
	fs.StringVar(&f.address.Line2, "line2", "", "the new location's second address line")
	fs.StringVar(&f.address.City, "city", "", "the new location's city")
	fs.StringVar(&f.address.State, "state", "", "the new location's state or region")
	fs.StringVar(&f.address.PostalCode, "postal-code", "", "the new location's postal code")
	fs.StringVar(&f.address.Country, "country", "", "the new location's country, two letters (US, GB, …)")
	fs.StringArrayVar(&f.register, "register", nil, "register a reader: CODE or CODE=LABEL; simulated-wpe or simulated-s700 for a simulated one (repeatable)")
	fs.StringVar(&f.webhookURL, "webhook-url", "", "the public https URL that reaches till's webhook receiver: creates the endpoint and keeps its signing secret")
	fs.StringVar(&f.listen, "webhook-listen", "", "where till's webhook receiver listens (default 127.0.0.1:4243 with --webhook-url)")
	fs.StringVar(&f.currency, "currency", "", "currency of the cart, e.g. usd")
	fs.StringVar(&f.capture, "capture", "", "capture method: manual or automatic")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: %s\n\n%s\n\nFlags:\n", setupSynopsis, setupWhat)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected argument %q (see till setup --help)", fs.Arg(0))
	}
	return &f, nil
}

// defaultWebhookListen is where the receiver listens unless told otherwise.
const defaultWebhookListen = "127.0.0.1:4243"

func runSetup(args []string, con *console, stdout, stderr io.Writer) int {
	f, err := parseSetupFlags(args, stderr)
	if errors.Is(err, pflag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "till setup: %v\n", err)
		return 2
	}
	ctx, stop := commandContext()
	defer stop()
	if con.onInterrupt != nil {
		// Ctrl-C at a question ends setup at once, with the terminal as it was.
		stop()
		ctx = context.Background()
		defer con.onInterrupt(func() { fmt.Fprintln(stderr, "\ntill setup: interrupted; the configuration was not written.") })()
	}
	s := &setup{f: f, con: con, out: stdout}
	if err := s.run(ctx); err != nil {
		if ctx.Err() != nil {
			err = errors.New("interrupted; the configuration was not written")
		}
		fmt.Fprintf(stderr, "till setup: %v\n", err)
		var usage usageError
		if errors.As(err, &usage) {
			return 2
		}
		return 1
	}
	return 0
}

// usageError is a setup that cannot go on without an answer the flags did not give.
type usageError struct{ error }

// setup is one run of till setup.
type setup struct {
	f    *setupFlags
	con  *console
	out  io.Writer
	conf *configFile
	dir  string // where the configuration, key and secret files go
	gw   *readerctl.Client
	key  string
	// saveKey is the key file a typed key goes to once Stripe has taken it.
	saveKey string
}

func (s *setup) say(format string, args ...any) { fmt.Fprintf(s.out, format+"\n", args...) }

func (s *setup) run(ctx context.Context) error {
	path := s.f.config
	if path == "" {
		dir, err := tillConfigDir()
		if err != nil {
			return usageError{errors.New("cannot find the user config dir; pass --config FILE")}
		}
		path = filepath.Join(dir, "till.yaml")
	}
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	conf, err := openConfigFile(path)
	if err != nil {
		return err
	}
	s.conf, s.dir = conf, filepath.Dir(path)
	s.say("till setup: connecting till to Stripe (%s mode). The configuration goes to %s.", mode(s.f.live), path)
	if err := s.connect(ctx); err != nil {
		return err
	}
	loc, err := s.chooseLocation(ctx)
	if err != nil {
		return err
	}
	if conf.get("shop") == "" {
		// The header and the receipts name the shop; the location's name is the best
		// guess, and a name already in the configuration is the shop's own choice.
		conf.set("shop", loc.DisplayName)
	}
	if err := s.registerReaders(ctx, loc); err != nil {
		return err
	}
	hookErr := s.webhooks(ctx)
	if s.f.currency != "" {
		conf.set("currency", strings.ToLower(s.f.currency))
	}
	if s.f.capture != "" {
		conf.set("capture_method", strings.ToLower(s.f.capture))
	}
	if err := conf.write(); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	s.say("\nWrote %s.", path)
	if hookErr != nil {
		return hookErr
	}
	s.say("Next: till doctor checks it all; till pay --amount 1.00 takes a payment; till opens the cashier screen.")
	if !s.f.live {
		s.say("(On a simulated reader till presents a test card itself; with a real one, tap a Stripe test card.)")
	}
	return nil
}

// connect takes the key, checks it against the API and, for a restricted key, that it
// has every permission till needs.
func (s *setup) connect(ctx context.Context) error {
	base := strings.TrimRight(s.f.apiBase, "/")
	if base == "" {
		base = s.conf.get("stripe.api_base")
	}
	if err := s.takeKey(base); err != nil {
		return err
	}
	if s.f.account != "" && !connectAccount.MatchString(s.f.account) {
		return usageError{fmt.Errorf("--account %q is not a connected account id like acct_1A2b3C", s.f.account)}
	}
	currency := s.f.currency
	if currency == "" {
		currency = "usd"
	}
	fee, err := checkout.ParseFee(s.f.fee, currency)
	switch {
	case err != nil:
		return usageError{err}
	case !fee.IsZero() && s.f.account == "":
		return usageError{errors.New("--application-fee needs --account: it is what a Connect platform takes from its connected account's payments")}
	}
	s.gw, err = readerctl.New(readerctl.Config{APIKey: s.key, BaseURL: base, Live: s.f.live, Account: s.f.account, Timeout: 20 * time.Second})
	if err != nil {
		return usageError{err}
	}
	if _, err := s.gw.Ping(ctx); err != nil {
		if f := checkout.AsFailure(err); f.Kind != checkout.KindAuth {
			return fmt.Errorf("cannot check the key with Stripe: %s", checkout.ExplainReadWithDetail(f))
		}
		return fmt.Errorf("Stripe does not take the key: %s", checkout.Explain(checkout.AsFailure(err)))
	}
	if err := s.keepKey(); err != nil {
		return err
	}
	where := "Stripe"
	if base != "" {
		where = base
	}
	s.say("The key works: a %s key, at %s.", s.gw.KeyMode(), where)
	if s.gw.KeyMode() == "restricted" {
		missing, err := s.gw.MissingPermissions(ctx, readerctl.Permissions)
		if err != nil {
			return fmt.Errorf("cannot check the restricted key's permissions: %s", checkout.ExplainReadWithDetail(checkout.AsFailure(err)))
		}
		if len(missing) > 0 {
			lines := make([]string, len(missing))
			for i, m := range missing {
				lines[i] = "  - " + m.Name
				if m.StripeID != "" {
					lines[i] += " (" + m.StripeID + ")"
				}
			}
			return fmt.Errorf("the restricted key lacks permissions till needs:\n%s\nGive them to the key in the Stripe Dashboard (Developers › API keys), then run till setup again", strings.Join(lines, "\n"))
		}
		s.say("The restricted key has every permission till needs to take payments.")
	}
	if base != "" {
		s.conf.set("stripe.api_base", base)
	}
	s.conf.set("mode", mode(s.f.live))
	if s.f.account != "" {
		s.conf.set("stripe.account", s.f.account)
	}
	if !fee.IsZero() {
		s.conf.set("stripe.application_fee", strings.TrimSpace(s.f.fee))
	}
	return nil
}

func mode(live bool) string {
	if live {
		return "live"
	}
	return "test"
}

// setupFailed words a failed setup call; a restricted key's refusal names the permission.
func setupFailed(what, permission string, err error) error {
	if id, denied := readerctl.DeniedPermission(err); denied {
		if id != "" {
			permission += " (" + id + ")"
		}
		return fmt.Errorf("cannot %s: the restricted key lacks %s; give it that permission in the Stripe Dashboard (Developers › API keys), or do this step there", what, permission)
	}
	return fmt.Errorf("cannot %s: %s", what, checkout.Explain(checkout.AsFailure(err)))
}
