package main

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/readerctl"
)

// onEmulator reports whether the API at base is an emulator on this machine.
func (s *setup) onEmulator(base string) bool {
	return base != "" && isLoopback(base) && !s.f.live
}

// takeKey finds the API key: the environment, then a key file, then (at a terminal)
// the prompt, whose answer is kept in a key file once Stripe has taken it. An API on
// this machine (an emulator) takes till's own test key.
func (s *setup) takeKey(base string) error {
	for _, env := range []string{"TILL_STRIPE_API_KEY", "STRIPE_API_KEY"} {
		if k := strings.TrimSpace(os.Getenv(env)); k != "" {
			s.key = k
			s.say("Using the key in %s; setup writes it nowhere, so keep it in the environment.", env)
			return s.checkKeyMode()
		}
	}
	file := s.f.keyFile
	if file == "" {
		file = s.conf.pathAt("stripe.api_key_file")
	}
	if file != "" {
		if abs, err := filepath.Abs(file); err == nil {
			file = abs
		}
		if _, err := os.Stat(file); err == nil {
			k, err := readSecretFile(file)
			if err != nil {
				return usageError{err}
			}
			s.key = k
			s.conf.set("stripe.api_key_file", file)
			s.say("Using the key in %s.", file)
			return s.checkKeyMode()
		}
	}
	emulator := s.onEmulator(base)
	if !s.con.interactive {
		if emulator {
			s.key = emulatorKey
			s.say("The API at %s is on this machine (an emulator): using till's test key.", base)
			return nil
		}
		return usageError{errors.New("no API key: set STRIPE_API_KEY, or pass --key-file FILE (a file with the key, mode 0600)")}
	}
	kind := "sk_test_… or rk_test_…"
	if s.f.live {
		kind = "sk_live_… or rk_live_…"
	}
	question := "Stripe secret key (" + kind + ", from the Dashboard: Developers › API keys; not shown as you type)"
	if emulator {
		question = "Stripe secret key (empty for the emulator at " + base + "; not shown as you type)"
	}
	k, err := s.con.askSecret(question)
	if err != nil {
		return err
	}
	if k == "" && emulator {
		s.key = emulatorKey
		return nil
	}
	if k == "" {
		return usageError{errors.New("no API key given")}
	}
	s.key = k
	if file == "" {
		file = filepath.Join(s.dir, "stripe.key")
	}
	s.saveKey = file
	return s.checkKeyMode()
}

// checkKeyMode refuses a key of the other mode than the one being set up.
func (s *setup) checkKeyMode() error {
	switch {
	case isLiveKey(s.key) && !s.f.live:
		return usageError{errors.New("that is a live-mode key; till setup takes a test key (sk_test_… or rk_test_…) unless you pass --live")}
	case s.f.live && !isLiveKey(s.key):
		return usageError{errors.New("--live needs a live-mode key (sk_live_… or rk_live_…)")}
	}
	return nil
}

// keepKey writes a typed key to its file, once Stripe has taken it.
func (s *setup) keepKey() error {
	if s.saveKey == "" {
		return nil
	}
	if err := writeSecretFile(s.saveKey, s.key); err != nil {
		return fmt.Errorf("cannot keep the key in %s: %w", s.saveKey, err)
	}
	s.conf.set("stripe.api_key_file", s.saveKey)
	s.say("Kept the key in %s (mode 0600); the configuration names that file, not the key.", s.saveKey)
	return nil
}

// chooseLocation takes --location, creates --location-name, or asks.
func (s *setup) chooseLocation(ctx context.Context) (checkout.Location, error) {
	locs, err := s.gw.ListLocations(ctx)
	if err != nil {
		return checkout.Location{}, fmt.Errorf("cannot list the locations: %s", checkout.ExplainReadWithDetail(checkout.AsFailure(err)))
	}
	switch {
	case s.f.location != "":
		for _, l := range locs {
			if l.ID == s.f.location {
				s.say("Location: %s (%s).", l.DisplayName, l.ID)
				return l, nil
			}
		}
		return checkout.Location{}, usageError{fmt.Errorf("there is no location %s in this account%s", s.f.location, listLocations(locs))}
	case s.f.locationName != "":
		return s.createLocation(ctx, s.f.locationName, s.f.address)
	case !s.con.interactive && len(locs) == 1:
		s.say("Location: %s (%s), the account's only one.", locs[0].DisplayName, locs[0].ID)
		return locs[0], nil
	case !s.con.interactive:
		return checkout.Location{}, usageError{fmt.Errorf("choose a location with --location ID, or make one with --location-name NAME --line1 … --city … --state … --postal-code … --country XX%s", listLocations(locs))}
	}
	s.say("\nLocations (where the readers are):")
	for i, l := range locs {
		s.say("  %d) %s  %s", i+1, l.DisplayName, l.ID)
	}
	s.say("  n) a new location")
	def := "n"
	if len(locs) > 0 {
		def = "1"
	}
	for {
		answer, err := s.con.ask("Which location", def)
		if err != nil {
			return checkout.Location{}, err
		}
		if strings.EqualFold(answer, "n") {
			return s.askLocation(ctx)
		}
		if i, err := strconv.Atoi(answer); err == nil && i >= 1 && i <= len(locs) {
			return locs[i-1], nil
		}
		s.say("Type a number from the list, or n.")
	}
}

func listLocations(locs []checkout.Location) string {
	if len(locs) == 0 {
		return " (it has none yet)"
	}
	names := make([]string, len(locs))
	for i, l := range locs {
		names[i] = l.ID + " " + l.DisplayName
	}
	return "; it has: " + strings.Join(names, ", ")
}

// askLocation asks for a new location's name and address.
func (s *setup) askLocation(ctx context.Context) (checkout.Location, error) {
	var a readerctl.Address
	name := ""
	for _, q := range []struct {
		question, def string
		dst           *string
		required      bool
	}{
		{"Name, as cashiers and the Dashboard will see it", "", &name, true},
		{"Street address", "", &a.Line1, true},
		{"City", "", &a.City, true},
		{"State or region (AU, CA, ES, IT and the US need one)", "", &a.State, false},
		{"Postal code", "", &a.PostalCode, false},
		{"Country, two letters", "US", &a.Country, true},
	} {
		for {
			v, err := s.con.ask("  "+q.question, q.def)
			if err != nil {
				return checkout.Location{}, err
			}
			if v != "" || !q.required {
				*q.dst = v
				break
			}
			s.say("  This one is needed.")
		}
	}
	return s.createLocation(ctx, name, a)
}

func (s *setup) createLocation(ctx context.Context, name string, a readerctl.Address) (checkout.Location, error) {
	if len(a.Country) != 2 {
		return checkout.Location{}, usageError{fmt.Errorf("a location needs its country as two letters (--country US, GB, …), not %q", a.Country)}
	}
	// The questions ask for these too: Stripe's examples always send them, and a reader's
	// location is where its payments are said to be taken.
	if strings.TrimSpace(a.Line1) == "" || strings.TrimSpace(a.City) == "" {
		return checkout.Location{}, usageError{fmt.Errorf("a new location needs its street address and city: --line1 \"1 Main St\" --city Springfield")}
	}
	loc, err := s.gw.CreateLocation(ctx, name, a)
	if err != nil {
		return checkout.Location{}, setupFailed("create the location", "Terminal locations: Write", err)
	}
	s.say("Created the location %s (%s).", loc.DisplayName, loc.ID)
	return loc, nil
}

// registerReaders registers --register's codes, or asks for codes, and names the
// reader till uses by default.
func (s *setup) registerReaders(ctx context.Context, loc checkout.Location) error {
	all, err := s.gw.ListReaders(ctx)
	if err != nil {
		return fmt.Errorf("cannot list the readers: %s", checkout.ExplainReadWithDetail(checkout.AsFailure(err)))
	}
	var here, registered []checkout.Reader
	for _, r := range all {
		if r.Location == loc.ID {
			here = append(here, r)
		}
	}
	register := func(code, label string) error {
		r, err := s.gw.RegisterReader(ctx, code, label, loc.ID)
		if err != nil {
			return setupFailed(fmt.Sprintf("register %q", code), "Terminal readers: Write", err)
		}
		s.say("Registered %s (%s, %s).", r.Name(), r.ID, r.DeviceType)
		registered = append(registered, r)
		return nil
	}
	for _, spec := range s.f.register {
		code, label, _ := strings.Cut(spec, "=")
		if err := register(strings.TrimSpace(code), strings.TrimSpace(label)); err != nil {
			return err
		}
	}
	if s.con.interactive && len(s.f.register) == 0 {
		s.say("\nReaders at %s:", loc.DisplayName)
		for _, r := range here {
			s.say("  %s  %s  %s", r.ID, r.Name(), r.DeviceType)
		}
		if len(here) == 0 {
			s.say("  none yet")
		}
		s.say("Register a reader with the code it shows (on the reader: Settings › Generate pairing code),")
		s.say("or simulated-wpe / simulated-s700 for a simulated one. Empty when done.")
		for {
			code, err := s.con.ask("Registration code", "")
			if err != nil || code == "" {
				break
			}
			label, err := s.con.ask("Label", fmt.Sprintf("Counter %d", len(here)+len(registered)+1))
			if err != nil {
				break
			}
			if err := register(code, label); err != nil {
				s.say("%v", err)
			}
		}
	}
	switch {
	case len(registered) > 0:
		s.conf.set("reader", registered[0].ID)
		s.say("till will use %s unless told otherwise (reader in the configuration, or --reader).", registered[0].Name())
	case s.conf.get("reader") == "" && len(here) == 1:
		s.conf.set("reader", here[0].ID)
	}
	return nil
}

// webhooks creates the endpoint for --webhook-url (or the URL asked for) and keeps its
// secret; with only --webhook-listen it keeps the secret of stripe listen.
func (s *setup) webhooks(ctx context.Context) error {
	target, listen := strings.TrimSpace(s.f.webhookURL), strings.TrimSpace(s.f.listen)
	if target == "" && listen == "" && s.con.interactive {
		s.say("\nWebhooks: Stripe tells till the moment a card is approved, instead of till asking every second.")
		if s.onEmulator(s.conf.get("stripe.api_base")) {
			s.say("The emulator on this machine sends them to till's own receiver: answer http://%s/ (no https or tunnel needed).", defaultWebhookListen)
		} else {
			s.say("They need a public https URL that reaches this PC (a reverse proxy or a tunnel; see the README).")
		}
		answer, err := s.con.ask("Public URL for Stripe's webhooks (empty: till polls)", s.conf.get("webhook.url"))
		if err != nil {
			return nil
		}
		target = answer
	}
	if listen == "" {
		listen = s.conf.get("webhook.listen")
	}
	if listen == "" {
		listen = defaultWebhookListen
	}
	if err := checkListen(listen); err != nil {
		return usageError{fmt.Errorf("--webhook-listen: %w", err)}
	}
	secretFile := s.conf.pathAt("webhook.secret_file")
	if secretFile == "" {
		secretFile = filepath.Join(s.dir, "webhook.secret")
	}
	if target == "" {
		if s.f.listen == "" {
			s.say("No webhooks: till polls. (While developing: stripe listen --forward-to %s; see the README.)", listen)
			return nil
		}
		return s.keepListenSecret(listen, secretFile)
	}
	u, err := url.Parse(target)
	if err != nil || u.Host == "" || (u.Scheme != "https" && !(u.Scheme == "http" && (isLoopback(target) || !s.f.live))) {
		return fmt.Errorf("the webhook URL %q must be an https:// URL (Stripe sends live events only over https)", target)
	}
	if s.f.listen == "" && s.con.interactive {
		listen = s.askListen(listen)
	}
	endpoints, err := s.gw.ListWebhookEndpoints(ctx)
	if err != nil {
		return fmt.Errorf("%w; till polls until till setup --webhook-url succeeds", setupFailed("list the webhook endpoints", "Webhook Endpoints: Read", err))
	}
	for _, ep := range endpoints {
		if ep.URL != target {
			continue
		}
		if _, err := readSecretFile(secretFile); err != nil {
			return fmt.Errorf("the webhook endpoint %s already sends to %s, but Stripe shows its signing secret only when it is made: copy it from the Dashboard (Developers › Webhooks › %s › Signing secret) into %s (then chmod 600 it), or delete the endpoint there and run till setup again", ep.ID, target, ep.ID, secretFile)
		}
		s.say("The webhook endpoint %s already sends to %s; keeping the signing secret in %s.", ep.ID, target, secretFile)
		if missing := ep.MissingEvents(); len(missing) > 0 {
			s.say("It does not send %s: add them in the Dashboard, or till polls for those.", strings.Join(missing, ", "))
		}
		s.say("%s", s.route(target, listen))
		s.setWebhook(target, listen, secretFile)
		return nil
	}
	ep, err := s.gw.CreateWebhookEndpoint(ctx, target, s.f.account != "")
	if err != nil {
		return fmt.Errorf("%w; till polls until till setup --webhook-url succeeds", setupFailed("create the webhook endpoint", "Webhook Endpoints: Write", err))
	}
	if ep.Secret == "" {
		return fmt.Errorf("Stripe made the webhook endpoint %s but sent no signing secret; delete it in the Dashboard and run till setup again", ep.ID)
	}
	if err := writeSecretFile(secretFile, ep.Secret); err != nil {
		return fmt.Errorf("cannot keep the webhook signing secret in %s: %w", secretFile, err)
	}
	s.say("Created the webhook endpoint %s for %s; its signing secret is in %s (mode 0600).", ep.ID, target, secretFile)
	s.say("%s", s.route(target, listen))
	s.setWebhook(target, listen, secretFile)
	return nil
}

// keepListenSecret is the stripe listen way: no endpoint to create, only the secret
// stripe listen prints (STRIPE_WEBHOOK_SECRET, or typed at the prompt) to keep.
func (s *setup) keepListenSecret(listen, secretFile string) error {
	secret := strings.TrimSpace(os.Getenv("STRIPE_WEBHOOK_SECRET"))
	if secret == "" && s.con.interactive {
		var err error
		if secret, err = s.con.askSecret("Signing secret that stripe listen prints (whsec_…; stripe listen --print-secret)"); err != nil {
			return err
		}
	}
	if !strings.HasPrefix(secret, "whsec_") {
		return usageError{errors.New("--webhook-listen without --webhook-url needs the signing secret of stripe listen (whsec_…) in STRIPE_WEBHOOK_SECRET")}
	}
	if err := writeSecretFile(secretFile, secret); err != nil {
		return fmt.Errorf("cannot keep the webhook signing secret in %s: %w", secretFile, err)
	}
	s.say("till's receiver will listen on %s, with the signing secret kept in %s (mode 0600).", listen, secretFile)
	s.say("Forward Stripe's events to it: stripe listen --forward-to %s", listen)
	s.conf.set("webhook.listen", listen)
	s.conf.set("webhook.secret_file", secretFile)
	return nil
}

func (s *setup) setWebhook(target, listen, secretFile string) {
	s.conf.set("webhook.url", target)
	s.conf.set("webhook.listen", listen)
	s.conf.set("webhook.secret_file", secretFile)
}
