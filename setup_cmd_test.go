package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/spf13/pflag"

	"github.com/till-pos/till/emulator"
	"github.com/till-pos/till/readerctl"
	"github.com/till-pos/till/ui"
)

// setupRig is an emulator behind a front that also answers /v1/webhook_endpoints
// (which the emulator does not serve yet) and can refuse a restricted key's calls.
type setupRig struct {
	emu  *emulator.Emulator
	url  string
	conf string
	db   string

	mu        sync.Mutex
	endpoints []map[string]any
	forbid    map[string]string // "METHOD /path" prefixes a restricted key may not use → Stripe's permission name
}

func newSetupRig(t *testing.T) *setupRig {
	t.Helper()
	dir := isolate(t)
	t.Setenv("TILL_POLL_INTERVAL", "20ms")
	r := &setupRig{conf: filepath.Join(dir, "conf", "till.yaml"), db: filepath.Join(dir, "till.db"), forbid: map[string]string{}}
	emu, err := emulator.New(emulator.Options{Seed: true})
	if err != nil {
		t.Fatal(err)
	}
	r.emu = emu
	srv := httptest.NewServer(http.HandlerFunc(r.serve))
	t.Cleanup(srv.Close)
	r.url = srv.URL
	return r
}

func (r *setupRig) serve(w http.ResponseWriter, req *http.Request) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if strings.HasPrefix(req.Header.Get("Authorization"), "Bearer rk_") {
		for prefix, rak := range r.forbid {
			if strings.HasPrefix(req.Method+" "+req.URL.Path, prefix) {
				w.WriteHeader(403)
				_ = json.NewEncoder(w).Encode(map[string]any{"error": map[string]any{"type": "invalid_request_error",
					"message": "The provided key 'rk_test_***1234' does not have the required permissions for this endpoint on account 'acct_1'. Having the '" + rak + "' permission would allow this request to continue."}})
				return
			}
		}
	}
	if !strings.HasPrefix(req.URL.Path, "/v1/webhook_endpoints") {
		r.emu.ServeHTTP(w, req)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	switch req.Method {
	case http.MethodGet:
		_ = json.NewEncoder(w).Encode(map[string]any{"object": "list", "data": r.endpoints, "has_more": false})
	case http.MethodPost:
		_ = req.ParseForm()
		ep := map[string]any{"id": "we_1", "object": "webhook_endpoint", "url": req.Form.Get("url"), "status": "enabled",
			"api_version": req.Form.Get("api_version"), "enabled_events": []string{"terminal.reader.action_succeeded"}}
		r.endpoints = append(r.endpoints, ep)
		created := map[string]any{"secret": "whsec_fromstripe"}
		for k, v := range ep {
			created[k] = v
		}
		_ = json.NewEncoder(w).Encode(created)
	}
}

// setup runs till setup with a scripted terminal (nil: none attached).
func (r *setupRig) setup(t *testing.T, answers []string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	con := &console{in: bufio.NewReader(strings.NewReader(strings.Join(answers, "\n") + "\n")), out: &out, interactive: answers != nil}
	code := runSetup(append([]string{"--config", r.conf, "--api-base", r.url}, args...), con, &out, &errOut)
	return code, out.String(), errOut.String()
}

func (r *setupRig) config(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(r.conf)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func permOf(t *testing.T, path string) os.FileMode {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return info.Mode().Perm()
}

// Done when: till setup against the emulator, then till pay on a reader it registered,
// with no other set-up.
func TestSetupThenPay(t *testing.T) {
	r := newSetupRig(t)
	code, out, errOut := r.setup(t, nil, "--location-name", "Corner shop", "--line1", "1 Main St", "--city", "Springfield", "--state", "IL",
		"--postal-code", "62701", "--country", "us", "--register", "simulated-s700=Till 1", "--register", "simulated-wpe")
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	conf := r.config(t)
	for _, want := range []string{"api_base: " + r.url, "mode: test", "reader: tmr_", "shop: Corner shop"} {
		if !strings.Contains(conf, want) {
			t.Errorf("configuration lacks %q:\n%s", want, conf)
		}
	}
	if strings.Contains(conf, "api_key:") || permOf(t, r.conf) != 0o600 {
		t.Fatalf("the configuration holds a key, or others can read it (%v):\n%s", permOf(t, r.conf), conf)
	}
	var res payResult
	var payOut, payErr bytes.Buffer
	if code := run([]string{"pay", "--json", "--amount", "3.00", "--config", r.conf, "--db", r.db}, &payOut, &payErr); code != 0 {
		t.Fatalf("pay: exit %d %s %s", code, payOut.String(), payErr.String())
	}
	_ = json.Unmarshal(payOut.Bytes(), &res)
	var registered string
	for _, rd := range r.emu.Readers() {
		if rd.Label == "Till 1" {
			registered = rd.ID
		}
	}
	if res.Status != "succeeded" || registered == "" || res.Reader != registered {
		t.Fatalf("paid %+v on %s, want the reader setup registered (%s)", res, res.Reader, registered)
	}
	// Then the cashier screen on the same configuration, as till with no command opens
	// it: a sale on the reader setup registered, with nothing else set up.
	fs := pflag.NewFlagSet("till", pflag.ContinueOnError)
	addCommonFlags(fs)
	cfg, code, ok := parseConfigThen(fs, []string{"--config", r.conf, "--db", r.db}, 0, io.Discard, func(Config) error { return nil })
	if !ok {
		t.Fatalf("the screen's configuration: exit %d", code)
	}
	svc, err := openServices(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { svc.Close() })
	tm, screen := watchScreen(t, ui.New(screenFor(cfg, svc, io.Discard)))
	wait := screen.waitText(t)
	wait("Corner shop · Till 1")
	tm.Type("a")
	wait("Add a line")
	tm.Type("Coffee")
	tm.Send(tea.KeyMsg{Type: tea.KeyTab})
	tm.Type("3.00")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	wait("$3.00")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	wait("Ask the customer")
	tm.Type("1")
	wait("ready to capture")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	wait("Paid")
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
	tm.WaitFinished(t, teatest.WithFinalTimeout(10*time.Second))
}

// At a terminal setup asks: the key (kept in a 0600 file once Stripe took it), the
// location, the readers, the webhook URL.
func TestSetupAsks(t *testing.T) {
	r := newSetupRig(t)
	answers := []string{
		"sk_test_typedATtheprompt",                                        // key
		"n", "Corner shop", "1 Main St", "Springfield", "IL", "62701", "", // a new location, country US by default
		"simulated-wpe", "", // a reader, label Counter 1
		"bogus-code", "", // refused; setup asks again
		"",                                // done
		"https://till.example.com/stripe", // webhooks
	}
	code, out, errOut := r.setup(t, answers)
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	keyFile := filepath.Join(filepath.Dir(r.conf), "stripe.key")
	secretFile := filepath.Join(filepath.Dir(r.conf), "webhook.secret")
	conf := r.config(t)
	for _, want := range []string{"api_key_file: " + keyFile, "secret_file: " + secretFile, "url: https://till.example.com/stripe", "listen: 127.0.0.1:4243", "reader: tmr_"} {
		if !strings.Contains(conf, want) {
			t.Errorf("configuration lacks %q:\n%s", want, conf)
		}
	}
	for file, want := range map[string]string{keyFile: "sk_test_typedATtheprompt\n", secretFile: "whsec_fromstripe\n"} {
		b, _ := os.ReadFile(file)
		if string(b) != want || permOf(t, file) != 0o600 {
			t.Errorf("%s holds %q with mode %v", file, b, permOf(t, file))
		}
	}
	if !strings.Contains(out, `cannot register "bogus-code"`) || !strings.Contains(out, "Registered Counter 1") ||
		!strings.Contains(out, "The emulator on this machine sends them to till's own receiver: answer http://127.0.0.1:4243/") {
		t.Errorf("output:\n%s", out)
	}
	// Setup again: the key file and the endpoint are found, nothing is asked twice.
	code, out, errOut = r.setup(t, nil, "--location", locationOf(t, r), "--webhook-url", "https://till.example.com/stripe")
	if code != 0 || !strings.Contains(out, "Using the key in "+keyFile) || !strings.Contains(out, "already sends to") || len(r.endpoints) != 1 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
}

func locationOf(t *testing.T, r *setupRig) string {
	t.Helper()
	for _, line := range strings.Split(r.config(t), "\n") {
		if id, ok := strings.CutPrefix(strings.TrimSpace(line), "reader: "); ok {
			for _, rd := range r.emu.Readers() {
				if rd.ID == id {
					return rd.Location
				}
			}
		}
	}
	t.Fatal("no reader in the configuration")
	return ""
}

func TestSetupRefuses(t *testing.T) {
	tests := []struct {
		name string
		env  string
		args []string
		code int
		says string
	}{
		{"a live key without --live", "sk_live_51Hsecretvalue", nil, 2, "unless you pass --live"},
		{"--live with a test key", "sk_test_1", []string{"--live"}, 2, "--live needs a live-mode key"},
		{"no location chosen among several", "", []string{"--location-name", ""}, 2, "choose a location"},
		{"an unknown location", "", []string{"--location", "tml_nope"}, 2, "no location tml_nope"},
		{"a location without a country", "", []string{"--location-name", "X", "--line1", "1 St"}, 2, "country as two letters"},
		{"a location without a street", "", []string{"--location-name", "X", "--country", "US"}, 2, "street address and city"},
		{"a US location without its state", "", []string{"--location-name", "X", "--line1", "1 St", "--city", "Town", "--postal-code", "94103", "--country", "US"}, 1, "cannot create the location: Stripe refused the request: Missing required param: address[state]"},
		{"a fee without an account", "", []string{"--application-fee", "2%"}, 2, "needs --account"},
		{"a physical reader's code on the emulator", "", []string{"--location-name", "X", "--line1", "1 St", "--city", "Town", "--state", "CA", "--postal-code", "94103", "--country", "US", "--register", "sepia-cerulean-aardvark"}, 1, "cannot register"},
		{"the webhook endpoint exists, its secret is unknown", "", []string{"--location-name", "X", "--line1", "1 St", "--city", "Town", "--state", "CA", "--postal-code", "94103", "--country", "US", "--webhook-url", "https://shop.example/hook"}, 1, "Signing secret"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newSetupRig(t)
			if tt.env != "" {
				t.Setenv("STRIPE_API_KEY", tt.env)
			}
			second, err := readerctl.New(readerctl.Config{APIKey: "sk_test_other", BaseURL: r.url})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := second.CreateLocation(context.Background(), "Second shop", readerctl.Address{Line1: "2 Main St", City: "Springfield", State: "IL", PostalCode: "62701", Country: "US"}); err != nil {
				t.Fatal(err)
			}
			r.endpoints = []map[string]any{{"id": "we_old", "object": "webhook_endpoint", "url": "https://shop.example/hook", "status": "enabled"}}
			code, out, errOut := r.setup(t, nil, tt.args...)
			if code != tt.code || !strings.Contains(errOut, tt.says) || strings.Contains(out+errOut, "secretvalue") {
				t.Fatalf("exit %d, want %d saying %q\n%s\n%s", code, tt.code, tt.says, out, errOut)
			}
		})
	}
}

// A restricted key is probed: setup names each permission till lacks and stops; a
// permission only setup needs is named when its step is refused.
func TestSetupNamesMissingPermissions(t *testing.T) {
	r := newSetupRig(t)
	r.forbid["GET /v1/charges/"] = "rak_charge_read"
	r.forbid["POST /v1/terminal/locations"] = "rak_terminal_location_write"
	t.Setenv("STRIPE_API_KEY", "rk_test_restricted1234")
	code, out, errOut := r.setup(t, nil, "--location-name", "X", "--line1", "1 St", "--city", "Town", "--state", "CA", "--postal-code", "94103", "--country", "US")
	if code != 1 || !strings.Contains(errOut, "  - Charges: Read (rak_charge_read)") || strings.Contains(errOut, "PaymentIntents") {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	if _, err := os.Stat(r.conf); err == nil {
		t.Fatal("a configuration was written for a key that cannot work")
	}
	delete(r.forbid, "GET /v1/charges/")
	code, out, errOut = r.setup(t, nil, "--location-name", "X", "--line1", "1 St", "--city", "Town", "--state", "CA", "--postal-code", "94103", "--country", "US")
	if code != 1 || !strings.Contains(errOut, "cannot create the location: the restricted key lacks Terminal locations: Write (rak_terminal_location_write)") {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
}

// stripe listen's way: no endpoint to make, the secret it prints kept in a file.
func TestSetupForStripeListen(t *testing.T) {
	r := newSetupRig(t)
	t.Setenv("STRIPE_WEBHOOK_SECRET", "whsec_fromstripelisten")
	code, out, errOut := r.setup(t, nil, "--location-name", "X", "--line1", "1 St", "--city", "Town", "--state", "CA", "--postal-code", "94103", "--country", "US", "--webhook-listen", "127.0.0.1:5999")
	if code != 0 || !strings.Contains(out, "stripe listen --forward-to 127.0.0.1:5999") {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	os.Unsetenv("STRIPE_WEBHOOK_SECRET")
	c, err := load(t, "--config", r.conf)
	if err != nil || c.WebhookSecret != "whsec_fromstripelisten" || c.WebhookListen != "127.0.0.1:5999" {
		t.Fatalf("%v %+v", err, c.accountConfig)
	}
}

// emuPay takes a payment with the given configuration, logging into the test's home.
func (r *setupRig) emuPay(t *testing.T, conf string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run([]string{"pay", "--json", "--amount", "3.00", "--config", conf, "--db", r.db, "--log-file", filepath.Join(filepath.Dir(r.db), "till.log")}, &out, &errOut)
	return code, out.String(), errOut.String()
}

// Without --config, till setup writes the configuration where till reads it when given
// none: till.yaml in till's directory of the user config dir.
func TestSetupWritesTheConfigurationTillReadsByDefault(t *testing.T) {
	r := newSetupRig(t)
	var out, errOut bytes.Buffer
	con := &console{in: bufio.NewReader(strings.NewReader("")), out: &out}
	code := runSetup([]string{"--api-base", r.url, "--location-name", "Corner shop", "--line1", "1 Main St", "--city", "Springfield", "--state", "IL", "--postal-code", "62701", "--country", "us", "--register", "simulated-wpe"}, con, &out, &errOut)
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out.String(), errOut.String())
	}
	c, err := load(t)
	if err != nil {
		t.Fatal(err)
	}
	if c.Shop != "Corner shop" || c.APIBase != r.url || !strings.HasPrefix(c.ReaderID, "tmr_") {
		t.Fatalf("till read another configuration than setup wrote: shop %q, base %q, reader %q\n%s", c.Shop, c.APIBase, c.ReaderID, out.String())
	}
}

// till setup read a relative stripe.api_key_file or webhook.secret_file in the file it
// edits from the working directory, where till itself reads it from the file's.
func TestSetupReadsTheFilesPathsAsTillDoes(t *testing.T) {
	home := isolate(t)
	conf := filepath.Join(home, "shop", "till.yaml")
	if err := os.MkdirAll(filepath.Dir(conf), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(conf, []byte("stripe:\n  api_key_file: stripe.key\nwebhook:\n  secret_file: ~/w.secret\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir())
	c, err := openConfigFile(conf)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := c.pathAt("stripe.api_key_file"), filepath.Join(home, "shop", "stripe.key"); got != want {
		t.Errorf("api_key_file %q, want %q", got, want)
	}
	if got, want := c.pathAt("webhook.secret_file"), filepath.Join(home, "w.secret"); got != want {
		t.Errorf("secret_file %q, want %q", got, want)
	}
	if got := c.pathAt("store.path"); got != "" {
		t.Errorf("unset: %q", got)
	}
}
