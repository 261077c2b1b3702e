package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/readerctl"
)

// Check results.
const (
	checkOK   = "ok"
	checkWarn = "warn"
	checkFail = "fail"
	checkSkip = "skip"
)

// maxSkew is the clock difference with Stripe beyond which the doctor warns.
const maxSkew = 5 * time.Second

// check is one line of the doctor's findings; Fix says what to do when it is not ok.
type check struct {
	Name   string `json:"name"`
	Result string `json:"result"`
	Detail string `json:"detail"`
	Fix    string `json:"fix,omitempty"`
}

// bundle is the redacted support bundle: never the key, only its mode.
type bundle struct {
	GeneratedAt time.Time        `json:"generated_at"`
	Config      bundleConfig     `json:"config"`
	Doctor      []check          `json:"doctor"`
	Readers     []readerRow      `json:"readers"`
	Unfinished  []paymentRow     `json:"unfinished_payments"`
	Journal     []checkout.Entry `json:"journal"`
	Reach       bundleReach      `json:"stripe_reach"`
	Outbox      []outboxRow      `json:"outbox"`
}

type bundleConfig struct {
	Mode          string `json:"mode"`
	KeyMode       string `json:"key_mode"`
	APIBase       string `json:"api_base,omitempty"`
	DBPath        string `json:"db"`
	Shop          string `json:"shop"`
	Currency      string `json:"currency"`
	CaptureMethod string `json:"capture_method"`
	Reader        string `json:"reader,omitempty"`
	PollEvery     string `json:"poll_interval"`
	MaxBackoff    string `json:"poll_max_backoff"`
	CallTimeout   string `json:"call_timeout"`
}

// bundleJournal is how many of the latest journal entries go into a bundle.
const bundleJournal = 200

func runDoctor(args []string, stdout, stderr io.Writer) int {
	fs := commandFlags("doctor", "till doctor [--bundle FILE]",
		"Checks the key, Stripe, the clock, locations, readers, the journal, webhooks, outages and held calls; exits 1 when something needs fixing.", stderr)
	bundlePath := fs.String("bundle", "", "also write a redacted support bundle (JSON, mode 0600) to FILE")
	svc, code, ok := openSupport(fs, args, 0, stderr, nil)
	if !ok {
		return code
	}
	defer svc.Close()
	ctx, stop := commandContext()
	defer stop()
	checks := diagnose(ctx, svc, time.Now)
	printChecks(stdout, checks)
	status := 0
	for _, c := range checks {
		if c.Result == checkFail {
			status = 1
		}
	}
	if *bundlePath != "" {
		if err := writeBundle(ctx, svc, *bundlePath, checks); err != nil {
			fmt.Fprintf(stderr, "till doctor: cannot write the bundle: %v\n", err)
			return 1
		}
		fmt.Fprintf(stdout, "Support bundle written to %s (no API key in it).\n", *bundlePath)
	}
	return status
}

// diagnose runs every check in order; a check that needs Stripe is skipped when Stripe
// cannot be reached at all.
func diagnose(ctx context.Context, svc *services, now func() time.Time) []check {
	cfg := svc.cfg
	var out []check
	mode := svc.gateway.KeyMode()
	out = append(out, check{Name: "key", Result: checkOK, Detail: mode + " key, " + cfg.Mode()})

	callCtx, cancel := context.WithTimeout(ctx, cfg.CallTimeout)
	defer cancel()
	sent := now()
	ping, err := svc.gateway.Ping(callCtx)
	if err != nil {
		f := checkout.AsFailure(err)
		fix := "check the network, or --api-base / stripe.api_base"
		if f.Kind == checkout.KindAuth {
			fix = "run till setup for a valid key, or set STRIPE_API_KEY, TILL_STRIPE_API_KEY or stripe.api_key_file"
		}
		out = append(out, check{Name: "api", Result: checkFail, Detail: "Stripe cannot be reached: " + checkout.ExplainReadWithDetail(f), Fix: fix})
		for _, name := range []string{"clock", "locations", "readers"} {
			out = append(out, check{Name: name, Result: checkSkip, Detail: "skipped: Stripe cannot be reached"})
		}
	} else {
		out = append(out, check{Name: "api", Result: checkOK, Detail: fmt.Sprintf("reachable, %s round trip", ping.Latency.Round(time.Millisecond))})
		out = append(out, clockCheck(ping.ServerDate, sent.Add(ping.Latency/2)))
		out = append(out, locationsCheck(callCtx, svc))
		out = append(out, readersCheck(callCtx, svc))
		if mode == "restricted" {
			out = append(out, permissionsCheck(callCtx, svc.gateway))
		}
	}
	out = append(out, journalCheck(svc))
	out = append(out, webhookChecks(ctx, svc)...)
	// Last: the outage line reads what every call above found.
	reach := svc.reach.Reach()
	return append(out, outageCheck(reach), outboxCheck(svc, now(), reach.Down()))
}

// webhookCheck looks at the shop's webhook endpoint, when one is configured: Stripe
// delivers only to https (loopback aside, for an emulator), and the endpoint must
// answer. Any HTTP answer counts; an unsigned probe is expected to be refused.
func webhookCheck(ctx context.Context, endpoint string) check {
	if endpoint == "" {
		return check{Name: "webhooks", Result: checkSkip, Detail: "not configured: till polls the reader and the PaymentIntent"}
	}
	if bad := httpsCheck(endpoint); bad != nil {
		return *bad
	}
	shown := readerctl.RedactURL(endpoint)
	probeCtx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(probeCtx, http.MethodGet, endpoint, nil)
	if err != nil {
		return check{Name: "webhooks", Result: checkFail, Detail: readerctl.Redact(err.Error(), ""), Fix: "fix webhook.url"}
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return check{Name: "webhooks", Result: checkFail, Detail: shown + " does not answer",
			Fix: "start the webhook receiver, or fix webhook.url"}
	}
	resp.Body.Close()
	return check{Name: "webhooks", Result: checkOK, Detail: fmt.Sprintf("%s answers (HTTP %d)", shown, resp.StatusCode)}
}

// httpsCheck refuses a webhook URL Stripe would not deliver to: only https (loopback
// aside, for an emulator). nil when the URL is fine or there is none.
func httpsCheck(endpoint string) *check {
	if endpoint == "" {
		return nil
	}
	u, err := url.Parse(endpoint)
	if err != nil || u.Host == "" || (u.Scheme != "https" && !(u.Scheme == "http" && isLoopback(endpoint))) {
		return &check{Name: "webhooks", Result: checkFail, Detail: readerctl.RedactURL(endpoint) + " is not an https URL",
			Fix: "Stripe delivers webhooks only to https endpoints; fix webhook.url"}
	}
	return nil
}

// clockCheck compares the server's Date (whole seconds) with the local clock when the
// answer was made, about halfway through the round trip.
func clockCheck(server, local time.Time) check {
	if server.IsZero() {
		return check{Name: "clock", Result: checkWarn, Detail: "the server sent no Date header; skew unknown"}
	}
	skew := local.Truncate(time.Second).Sub(server)
	detail := fmt.Sprintf("skew %s against the server's Date", skew.Round(time.Second))
	if skew.Abs() > maxSkew {
		return check{Name: "clock", Result: checkWarn, Detail: detail,
			Fix: "set the clock right (e.g. enable NTP: timedatectl set-ntp true); authorization expiry times depend on it"}
	}
	return check{Name: "clock", Result: checkOK, Detail: detail}
}

func locationsCheck(ctx context.Context, svc *services) check {
	locs, err := svc.gateway.ListLocations(ctx)
	switch {
	case err != nil:
		return check{Name: "locations", Result: checkFail, Detail: "cannot list: " + checkout.ExplainReadWithDetail(checkout.AsFailure(err)),
			Fix: "a restricted key needs read access to Terminal locations"}
	case len(locs) == 0:
		return check{Name: "locations", Result: checkFail, Detail: "none", Fix: "run till setup: it makes a location (or make one in the Stripe Dashboard)"}
	}
	names := make([]string, len(locs))
	for i, l := range locs {
		names[i] = l.DisplayName
	}
	return check{Name: "locations", Result: checkOK, Detail: fmt.Sprintf("%d: %s", len(locs), strings.Join(names, ", "))}
}

func readersCheck(ctx context.Context, svc *services) check {
	readers, err := svc.gateway.ListReaders(ctx)
	if err != nil {
		return check{Name: "readers", Result: checkFail, Detail: "cannot list: " + checkout.ExplainReadWithDetail(checkout.AsFailure(err)),
			Fix: "a restricted key needs access to Terminal readers"}
	}
	if len(readers) == 0 {
		return check{Name: "readers", Result: checkFail, Detail: "none", Fix: "run till setup to register one (simulated-wpe makes a simulated reader on a test account)"}
	}
	var offline []string
	for _, r := range readers {
		if r.Status == checkout.ReaderOffline {
			offline = append(offline, r.Name())
		}
	}
	detail := fmt.Sprintf("%d online, %d offline", len(readers)-len(offline), len(offline))
	switch {
	case len(offline) == len(readers):
		return check{Name: "readers", Result: checkFail, Detail: detail + ": " + strings.Join(offline, ", "),
			Fix: "no reader can take a payment: check the readers' power and network"}
	case len(offline) > 0:
		return check{Name: "readers", Result: checkWarn, Detail: detail + ": " + strings.Join(offline, ", "),
			Fix: "check the offline readers' power and network"}
	}
	return check{Name: "readers", Result: checkOK, Detail: detail}
}

// permissionsCheck names each permission a restricted key lacks.
func permissionsCheck(ctx context.Context, gw *readerctl.Client) check {
	missing, err := gw.MissingPermissions(ctx, readerctl.Permissions)
	switch {
	case err != nil:
		return check{Name: "perms", Result: checkWarn, Detail: "cannot check the restricted key's permissions: " + checkout.ExplainReadWithDetail(checkout.AsFailure(err))}
	case len(missing) == 0:
		return check{Name: "perms", Result: checkOK, Detail: "the restricted key has every permission till needs"}
	}
	names := make([]string, len(missing))
	for i, m := range missing {
		names[i] = m.Name
	}
	return check{Name: "perms", Result: checkFail, Detail: "the restricted key lacks " + strings.Join(names, ", "),
		Fix: "give them to the key in the Dashboard (Developers › API keys)"}
}

func journalCheck(svc *services) check {
	open, err := svc.store.Unfinished()
	if err != nil {
		return check{Name: "journal", Result: checkFail, Detail: "cannot read " + svc.store.Path() + ": " + err.Error(),
			Fix: "move the damaged database aside and run till doctor again; keep it for support"}
	}
	detail := fmt.Sprintf("%s, schema v%d, %d unfinished", svc.store.Path(), svc.store.SchemaVersion(), len(open))
	if len(open) > 0 {
		return check{Name: "journal", Result: checkWarn, Detail: detail, Fix: "resolve them: till payments --unfinished"}
	}
	return check{Name: "journal", Result: checkOK, Detail: detail}
}

// printChecks prints the findings, each through the redaction: a detail or a fix may
// name a configured URL, whoever wrote the check.
func printChecks(w io.Writer, checks []check) {
	for _, c := range checks {
		fmt.Fprintf(w, "%-4s  %-9s  %s\n", strings.ToUpper(c.Result), c.Name, readerctl.Redact(c.Detail, ""))
		if c.Fix != "" && c.Result != checkOK {
			fmt.Fprintf(w, "      %-9s  → %s\n", "", readerctl.Redact(c.Fix, ""))
		}
	}
}

// writeBundle writes the redacted support bundle with mode 0600. The key never goes
// in: the config carries its mode only, and the whole bundle is checked for it.
func writeBundle(ctx context.Context, svc *services, path string, checks []check) error {
	cfg := svc.cfg
	b := bundle{
		GeneratedAt: time.Now().UTC(),
		Config: bundleConfig{Mode: cfg.Mode(), KeyMode: svc.gateway.KeyMode(), APIBase: readerctl.RedactURL(cfg.APIBase), DBPath: cfg.DBPath,
			Shop: cfg.Shop, Currency: cfg.Currency, CaptureMethod: string(cfg.CaptureMethod), Reader: cfg.ReaderID,
			PollEvery: cfg.PollEvery.String(), MaxBackoff: cfg.MaxBackoff.String(), CallTimeout: cfg.CallTimeout.String()},
		Doctor: checks, Readers: []readerRow{}, Unfinished: []paymentRow{}, Journal: []checkout.Entry{},
	}
	if rows, err := readerRows(ctx, svc); err == nil {
		b.Readers = rows
	}
	if rows, _ := unfinishedPayments(ctx, svc, time.Now().AddDate(0, 0, -7)); rows != nil {
		b.Unfinished = rows
	}
	b.Reach, b.Outbox = outageBundle(svc, time.Now())
	if entries, err := svc.store.AllEntries(time.Time{}); err == nil {
		if len(entries) > bundleJournal {
			entries = entries[len(entries)-bundleJournal:]
		}
		b.Journal = entries
	}
	var buf bytes.Buffer
	writeJSON(&buf, b)
	// Everything in the bundle goes through the redaction once more, whatever its source.
	data := []byte(readerctl.Redact(buf.String(), cfg.APIKey))
	f, err := os.OpenFile(path, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	// An existing file keeps its mode on open; the bundle must not be readable by others.
	if err := f.Chmod(0o600); err != nil {
		_ = f.Close()
		return err
	}
	if _, err := f.Write(data); err != nil {
		_ = f.Close()
		return err
	}
	return f.Close()
}
