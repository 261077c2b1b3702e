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
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stripe/stripe-go/v76/webhook"
)

// lockedBuffer is a bytes.Buffer the server's goroutines may log into.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// standalone is a running till emulator.
type standalone struct {
	base   string
	banner string
	stderr *lockedBuffer
	stop   func() int // cancels and returns the exit code
}

// startEmulatorCmd runs till emulator on a free loopback port until the test ends.
func startEmulatorCmd(t *testing.T, args ...string) *standalone {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	stderr := &lockedBuffer{}
	code := make(chan int, 1)
	go func() {
		code <- serveEmulator(ctx, append([]string{"--listen", "127.0.0.1:0"}, args...), pw, stderr)
		pw.Close()
	}()
	var banner strings.Builder
	sc := bufio.NewScanner(pr)
	for sc.Scan() {
		banner.WriteString(sc.Text() + "\n")
		if strings.HasPrefix(sc.Text(), "Admin API at ") {
			break
		}
	}
	go io.Copy(io.Discard, pr)
	var once sync.Once
	exit := -1
	s := &standalone{banner: banner.String(), stderr: stderr, stop: func() int {
		once.Do(func() {
			cancel()
			select {
			case exit = <-code:
			case <-time.After(5 * time.Second):
				t.Error("till emulator did not stop")
			}
		})
		return exit
	}}
	t.Cleanup(func() { s.stop() })
	m := regexp.MustCompile(`Stripe emulator at (http://\S+)`).FindStringSubmatch(s.banner)
	if m == nil {
		s.stop()
		t.Fatalf("no base URL in the banner:\n%s\nstderr: %s", s.banner, stderr)
	}
	s.base = m[1]
	return s
}

func (s *standalone) get(t *testing.T, path string, out any) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, s.base+path, nil)
	req.Header.Set("Authorization", "Bearer sk_test_cmd")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s", path, res.Status)
	}
	if err := json.NewDecoder(res.Body).Decode(out); err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
}

func TestEmulatorCmdServesReadersAndFaults(t *testing.T) {
	s := startEmulatorCmd(t, "--readers", "3", "--latency", "5ms", "--jitter", "2ms", "--rate-limit", "--quiet")
	var list struct {
		Data []struct{ ID, Label, DeviceType string }
	}
	s.get(t, "/v1/terminal/readers", &list)
	if len(list.Data) != 3 {
		t.Fatalf("%d readers, want 3", len(list.Data))
	}
	for _, r := range list.Data {
		var reader struct {
			Label      string `json:"label"`
			DeviceType string `json:"device_type"`
		}
		s.get(t, "/v1/terminal/readers/"+r.ID, &reader)
		line := regexp.MustCompile(`(?m)^  ` + r.ID + `  .*$`).FindString(s.banner)
		if !strings.Contains(line, reader.Label) || !strings.Contains(line, reader.DeviceType) {
			t.Errorf("banner line for %s = %q, want its label %q and type %q", r.ID, line, reader.Label, reader.DeviceType)
		}
	}
	var faults map[string]map[string]any
	s.get(t, "/_emulator/faults", &faults)
	if g := faults[""]; g["latency"] != "5ms" || g["jitter"] != "2ms" || g["rate_limit"] != true {
		t.Fatalf("global fault = %v", faults)
	}
	if !strings.Contains(s.banner, "--latency=5ms") {
		t.Errorf("banner does not show the faults:\n%s", s.banner)
	}
	if code := s.stop(); code != 0 {
		t.Fatalf("exit code %d after a clean stop; stderr: %s", code, s.stderr)
	}
	if s.stderr.String() != "" {
		t.Errorf("--quiet logged: %s", s.stderr)
	}
}

// TestEmulatorCmdWebhooks: the --webhook endpoints get signed events, with the secret
// from the flag, the secret file, $STRIPE_WEBHOOK_SECRET or a secret file created in the
// user's configuration directory (and kept for the next run), and the secret is never
// printed nor logged, a failed delivery's log line included.
func TestEmulatorCmdWebhooks(t *testing.T) {
	dir := t.TempDir()
	given := filepath.Join(dir, "given.secret")
	if err := os.WriteFile(given, []byte("whsec_fromFILE123\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "config")) // os.UserConfigDir, here
	t.Setenv("HOME", dir)
	t.Setenv("AppData", dir)
	config, err := os.UserConfigDir()
	if err != nil {
		t.Fatal(err)
	}
	created := filepath.Join(config, "till", "emulator-webhook.secret")
	for _, tc := range []struct {
		name, env string
		args      []string
		secret    string // "" : the one created in the default file
		banner    string
	}{
		{"flag", "whsec_fromENV456", []string{"--webhook-secret", "whsec_fromFLAG789"}, "whsec_fromFLAG789", "given by --webhook-secret"},
		{"file", "whsec_fromENV456", []string{"--webhook-secret-file", given}, "whsec_fromFILE123", "in " + given},
		{"environment", "whsec_fromENV456", nil, "whsec_fromENV456", "in $STRIPE_WEBHOOK_SECRET"},
		{"created", "", nil, "", "in " + created + " (new; mode 0600)"},
		{"kept", "", nil, "", "in " + created + "\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("STRIPE_WEBHOOK_SECRET", tc.env)
			got := make(chan *http.Request, 10)
			bodies := make(chan []byte, 10)
			recv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				b, _ := io.ReadAll(r.Body)
				got <- r
				bodies <- b
			}))
			defer recv.Close()
			failing := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				http.Error(w, "no", http.StatusInternalServerError)
			}))
			defer failing.Close()
			s := startEmulatorCmd(t, append([]string{"--webhook", recv.URL, "--webhook", failing.URL}, tc.args...)...)
			secret := tc.secret
			if secret == "" {
				info, err := os.Stat(created)
				if err != nil || info.Mode().Perm() != 0o600 {
					t.Fatalf("secret file %s: %v %v", created, info, err)
				}
				b, _ := os.ReadFile(created)
				secret = strings.TrimSpace(string(b))
				if !strings.HasPrefix(secret, "whsec_") || len(secret) < 30 {
					t.Fatalf("created secret %q", secret)
				}
			}
			if !strings.Contains(s.banner, "Webhooks signed with the secret "+tc.banner) {
				t.Errorf("the banner does not say where the secret is (%q):\n%s", tc.banner, s.banner)
			}
			req, _ := http.NewRequest(http.MethodPost, s.base+"/v1/payment_intents", strings.NewReader("amount=500&currency=usd"))
			req.Header.Set("Authorization", "Bearer sk_test_cmd")
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			res, err := http.DefaultClient.Do(req)
			if err != nil || res.StatusCode != http.StatusOK {
				t.Fatalf("create PaymentIntent: %v %v", err, res)
			}
			res.Body.Close()
			select {
			case r := <-got:
				ev, err := webhook.ConstructEvent(<-bodies, r.Header.Get("Stripe-Signature"), secret)
				if err != nil || ev.Type != "payment_intent.created" {
					t.Fatalf("webhook %v: %v", ev.Type, err)
				}
			case <-time.After(5 * time.Second):
				t.Fatal("no webhook delivered")
			}
			for deadline := time.Now().Add(5 * time.Second); !strings.Contains(s.stderr.String(), "retry in"); {
				if time.Now().After(deadline) {
					t.Fatalf("the failed delivery was not logged: %s", s.stderr)
				}
				time.Sleep(10 * time.Millisecond)
			}
			if !strings.Contains(s.stderr.String(), "POST /v1/payment_intents -> 200") {
				t.Errorf("request not logged: %s", s.stderr)
			}
			s.stop()
			for what, out := range map[string]string{"stdout": s.banner, "stderr": s.stderr.String()} {
				for _, leak := range []string{secret, "sk_test_cmd"} {
					if strings.Contains(out, leak) {
						t.Errorf("%s shows %s:\n%s", what, leak, out)
					}
				}
			}
		})
	}
}

// TestEmulatorCmdWebhookSecretRefusals: a secret file others can read, both secret
// flags, or an empty secret file stop till emulator before it serves, without
// printing the secret.
func TestEmulatorCmdWebhookSecretRefusals(t *testing.T) {
	dir := t.TempDir()
	open := filepath.Join(dir, "open.secret")
	if err := os.WriteFile(open, []byte("whsec_readableBYALL"), 0o644); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(dir, "empty.secret")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--webhook-secret-file", open}, "chmod 600"},
		{[]string{"--webhook-secret-file", empty}, "is empty"},
		{[]string{"--webhook-secret", "whsec_twoWAYS", "--webhook-secret-file", open}, "not both"},
	} {
		var out, errOut bytes.Buffer
		args := append([]string{"--listen", "127.0.0.1:0", "--webhook", "http://127.0.0.1:9/"}, tc.args...)
		if code := serveEmulator(context.Background(), args, &out, &errOut); code != 2 {
			t.Errorf("%v: exit code %d, want 2", tc.args, code)
		}
		if !strings.Contains(errOut.String(), tc.want) || strings.Contains(out.String()+errOut.String(), "whsec_") {
			t.Errorf("%v: stdout %q stderr %q, want %q and no secret", tc.args, out.String(), errOut.String(), tc.want)
		}
	}
}

func TestEmulatorCmdStateAcrossRestarts(t *testing.T) {
	state := filepath.Join(t.TempDir(), "emu.json")
	first := startEmulatorCmd(t, "--state", state, "--quiet")
	var list struct{ Data []struct{ ID string } }
	first.get(t, "/v1/terminal/readers", &list)
	first.stop()
	// A persisted state keeps its readers; --readers applies to a new state only.
	second := startEmulatorCmd(t, "--state", state, "--readers", "4", "--quiet")
	for _, r := range list.Data {
		if !strings.Contains(second.banner, r.ID) {
			t.Errorf("reader %s lost across a restart:\n%s", r.ID, second.banner)
		}
	}
	if strings.Count(second.banner, "  tmr_") != len(list.Data) {
		t.Errorf("restart added readers:\n%s", second.banner)
	}
}

func TestEmulatorCmdHelpAndRefusals(t *testing.T) {
	t.Setenv("TILL_EMULATOR_ADMIN_TOKEN", "tok-never-printed")
	var out, errOut bytes.Buffer
	if code := serveEmulator(context.Background(), []string{"--help"}, &out, &errOut); code != 0 {
		t.Fatalf("--help exit code %d", code)
	}
	for _, flag := range []string{"listen", "state", "admin-token", "readers", "latency", "jitter", "authorize-delay", "webhook",
		"webhook-secret", "webhook-secret-file", "error-rate", "drop-rate", "after-mutation", "rate-limit", "webhook-delay", "webhook-loss-rate",
		"webhook-duplicate-rate", "api-version", "seed-account", "quiet"} {
		if !strings.Contains(errOut.String(), "--"+flag+" ") {
			t.Errorf("--help does not document --%s", flag)
		}
	}
	if strings.Contains(errOut.String(), "tok-never-printed") {
		t.Error("--help printed the admin token")
	}
	t.Setenv("TILL_EMULATOR_ADMIN_TOKEN", "") // the refusals below are without a token
	for _, topic := range []string{"loopback only", "killed at any moment", "directory must exist", "newest 2000 events",
		"newest 10000 idempotency keys", "finished objects"} {
		if !strings.Contains(strings.Join(strings.Fields(errOut.String()), " "), topic) {
			t.Errorf("--help does not explain %q", topic)
		}
	}
	bad := filepath.Join(t.TempDir(), "bad.json")
	if err := os.WriteFile(bad, []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--readers", "0"}, "--readers must be at least 1"},
		{[]string{"--error-rate", "2"}, "error-rate and drop-rate must be between 0 and 1"},
		{[]string{"--latency", "-1s"}, "must not be negative"},
		{[]string{"--authorize-delay", "-1s"}, "--authorize-delay must not be negative"},
		{[]string{"--webhook", "localhost:9000/hook"}, "--webhook must be an http:// or https:// URL"},
		{[]string{"--listen", "256.0.0.1:1"}, "cannot listen on 256.0.0.1:1"},
		{[]string{"--state", bad}, "is corrupt"},
		{[]string{"--state", filepath.Join(t.TempDir(), "missing", "emu.json")}, "does not exist"},
		{[]string{"--listen", "0.0.0.0:0"}, "not a loopback address; to serve beyond this machine, set an admin token"},
		{[]string{"--api-version", "2023-13-01"}, `unknown API version "2023-13-01"`},
		{[]string{"--seed-account", "shop"}, `"shop" is not a connected account id`},
		{[]string{"extra"}, `unexpected argument "extra"`},
		{[]string{"--colour"}, "unknown flag: --colour"},
	} {
		var out, errOut bytes.Buffer
		code := serveEmulator(context.Background(), tc.args, &out, &errOut)
		if code != 2 || !strings.Contains(errOut.String(), tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", tc.args, code, errOut.String(), tc.want)
		}
		if strings.Contains(errOut.String(), "till emulator: emulator:") {
			t.Errorf("%v: stderr %q names the emulator twice", tc.args, errOut.String())
		}
	}
}

// TestEmulatorCmdAdminToken: with an admin token (flag or environment) the emulator
// may listen beyond loopback, never prints the token, and its admin API wants it.
func TestEmulatorCmdAdminToken(t *testing.T) {
	for name, args := range map[string][]string{
		"flag":        {"--listen", "0.0.0.0:0", "--admin-token", "tok-flag-123", "--quiet"},
		"environment": {"--listen", "0.0.0.0:0", "--quiet"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Setenv("TILL_EMULATOR_ADMIN_TOKEN", "tok-env-456")
			token := "tok-env-456"
			if name == "flag" {
				token = "tok-flag-123"
			}
			s := startEmulatorCmd(t, args...)
			if strings.Contains(s.banner, "tok-") || !strings.Contains(s.banner, "admin token") {
				t.Errorf("banner:\n%s", s.banner)
			}
			base := strings.Replace(s.base, "0.0.0.0", "127.0.0.1", 1)
			for auth, want := range map[string]int{"": http.StatusUnauthorized, "Bearer " + token: http.StatusOK} {
				req, _ := http.NewRequest(http.MethodGet, base+"/_emulator/faults", nil)
				if auth != "" {
					req.Header.Set("Authorization", auth)
				}
				res, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				res.Body.Close()
				if res.StatusCode != want {
					t.Errorf("admin request with %q: %s, want %d", auth, res.Status, want)
				}
			}
			s.stop()
			if strings.Contains(s.stderr.String(), "tok-") {
				t.Errorf("the token was logged: %s", s.stderr)
			}
		})
	}
}
