package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/spf13/pflag"

	"github.com/till-pos/till/checkout"
)

// isolate points every user directory at a temporary one, so no real configuration,
// database or key of the machine running the tests is read.
func isolate(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	for _, k := range []string{"HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"} {
		t.Setenv(k, dir)
	}
	for _, k := range []string{"STRIPE_API_KEY", "TILL_STRIPE_API_KEY", "TILL_STRIPE_API_BASE", "TILL_CURRENCY", "TILL_READER",
		"STRIPE_WEBHOOK_SECRET", "TILL_WEBHOOK_SECRET", "TILL_WEBHOOK_LISTEN", "TILL_WEBHOOK_SAFETY_POLL", "TILL_MODE"} {
		t.Setenv(k, "")
		os.Unsetenv(k)
	}
	return dir
}

func load(t *testing.T, args ...string) (Config, error) {
	t.Helper()
	fs := pflag.NewFlagSet("t", pflag.ContinueOnError)
	addCommonFlags(fs)
	if err := fs.Parse(args); err != nil {
		t.Fatal(err)
	}
	return loadConfig(fs)
}

func TestConfigDefaultsToTheEmbeddedEmulator(t *testing.T) {
	dir := isolate(t)
	c, err := load(t)
	if err != nil {
		t.Fatal(err)
	}
	if !c.Embedded || c.APIKey != emulatorKey || c.APIBase != "" {
		t.Fatalf("not embedded: %+v", c)
	}
	if c.DBPath != filepath.Join(dir, "till", "till.db") || c.EmulatorState != filepath.Join(dir, "till", "till-emulator.json") {
		t.Fatalf("paths: %s %s", c.DBPath, c.EmulatorState)
	}
	if c.Currency != "usd" || c.CaptureMethod != checkout.CaptureManual || c.PollEvery.String() != "1s" || c.ArchiveAfter != 7*24*time.Hour {
		t.Fatalf("defaults: %+v", c)
	}
	// Issue 8: exports landed in the working directory (the git checkout under make run).
	if c.ExportDir != filepath.Join(dir, "till", "exports") {
		t.Fatalf("exports go to %s, want the user's data dir", c.ExportDir)
	}
}

func TestConfigSources(t *testing.T) {
	dir := isolate(t)
	file := filepath.Join(dir, "till.yaml")
	if err := os.WriteFile(file, []byte("currency: eur\npoll:\n  interval: 250ms\nstripe:\n  api_base: http://127.0.0.1:9999\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("TILL_CAPTURE_METHOD", "automatic")
	c, err := load(t, "--config", file, "--reader", "tmr_9")
	if err != nil {
		t.Fatal(err)
	}
	if c.Currency != "eur" || c.PollEvery.String() != "250ms" || c.CaptureMethod != checkout.CaptureAutomatic || c.ReaderID != "tmr_9" {
		t.Fatalf("sources not merged: %+v", c)
	}
	if c.Embedded || c.APIKey != emulatorKey {
		t.Fatalf("a loopback base should get the default test key, not embed: %+v", c)
	}
	t.Setenv("STRIPE_API_KEY", "sk_test_abc")
	if c, err = load(t); err != nil || c.APIKey != "sk_test_abc" || c.Embedded {
		t.Fatalf("STRIPE_API_KEY not used: %+v %v", c, err)
	}
	t.Setenv("TILL_STRIPE_API_KEY", "rk_test_xyz")
	if c, err = load(t); err != nil || c.APIKey != "rk_test_xyz" {
		t.Fatalf("TILL_STRIPE_API_KEY should win: %v", err)
	}
}

func TestConfigRefusals(t *testing.T) {
	tests := []struct {
		name, env, envValue string
		args                []string
		want                string
	}{
		{"live key", "STRIPE_API_KEY", "sk_live_51Hsecretvalue", nil, "live-mode key"},
		{"restricted live key", "STRIPE_API_KEY", "rk_live_51Hsecretvalue", nil, "live-mode key"},
		{"not a key", "STRIPE_API_KEY", "pk_test_123", nil, "does not look like"},
		{"remote base without a key", "", "", []string{"--api-base", "https://example.test"}, "no Stripe API key"},
		{"bad base", "STRIPE_API_KEY", "sk_test_1", []string{"--api-base", "ftp:/x"}, "not a URL"},
		{"bad currency", "", "", []string{"--currency", "dollars"}, "three-letter"},
		{"bad capture", "", "", []string{"--capture", "later"}, "manual or automatic"},
		{"bad interval", "TILL_POLL_INTERVAL", "soon", nil, "poll.interval"},
		{"bad archive age", "TILL_STORE_ARCHIVE_AFTER", "never", nil, "store.archive_after"},
		{"missing file", "", "", []string{"--config", "/nonexistent/till.yaml"}, "cannot read the configuration file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			isolate(t)
			if tt.env != "" {
				t.Setenv(tt.env, tt.envValue)
			}
			_, err := load(t, tt.args...)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
			if strings.Contains(err.Error(), "secretvalue") {
				t.Fatalf("the key leaked into the message: %v", err)
			}
		})
	}
}

func TestBadYAMLIsAClearError(t *testing.T) {
	dir := isolate(t)
	file := filepath.Join(dir, "till.yaml")
	if err := os.WriteFile(file, []byte("currency: [unclosed\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := load(t, "--config", file); err == nil || !strings.Contains(err.Error(), file) {
		t.Fatalf("err = %v", err)
	}
}
