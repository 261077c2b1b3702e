package main

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/till-pos/till/checkout"
)

func writeFile(t *testing.T, path, content string, mode os.FileMode) string {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestKeyFile(t *testing.T) {
	dir := isolate(t)
	key := writeFile(t, filepath.Join(dir, "stripe.key"), "sk_test_fromfile\n", 0o600)
	conf := writeFile(t, filepath.Join(dir, "till.yaml"), "stripe:\n  api_key_file: "+key+"\n", 0o600)
	c, err := load(t, "--config", conf)
	if err != nil || c.APIKey != "sk_test_fromfile" || c.KeyFile != key {
		t.Fatalf("%v %q", err, c.KeyFile)
	}
	t.Setenv("STRIPE_API_KEY", "sk_test_fromenv")
	if c, _ = load(t, "--config", conf); c.APIKey != "sk_test_fromfile" {
		t.Fatal("the configured key file should win over STRIPE_API_KEY")
	}
	t.Setenv("TILL_STRIPE_API_KEY", "sk_test_tillenv")
	if c, _ = load(t, "--config", conf); c.APIKey != "sk_test_tillenv" {
		t.Fatal("TILL_STRIPE_API_KEY should win over the key file")
	}
	os.Unsetenv("TILL_STRIPE_API_KEY")

	if err := os.Chmod(key, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = load(t, "--config", conf)
	if err == nil || !strings.Contains(err.Error(), "chmod 600 "+key) || strings.Contains(err.Error(), "fromfile") {
		t.Fatalf("a key file others can read: %v", err)
	}
}

func TestLiveModeOnlyFromTheFile(t *testing.T) {
	dir := isolate(t)
	conf := writeFile(t, filepath.Join(dir, "till.yaml"), "mode: live\n", 0o600)
	t.Setenv("STRIPE_API_KEY", "sk_live_51Hsecretvalue")
	c, err := load(t, "--config", conf)
	if err != nil || !c.Live || c.Mode() != "Stripe LIVE mode" {
		t.Fatalf("%v %+v", err, c.accountConfig)
	}
	for _, tt := range []struct {
		name, file, env, key, want string
	}{
		{"live key without mode: live", "currency: usd\n", "", "sk_live_51Hsecretvalue", "mode: live"},
		{"mode: live from the environment only", "currency: usd\n", "live", "sk_live_51Hsecretvalue", "configuration file itself"},
		{"mode: live with a test key", "mode: live\n", "", "sk_test_1", "not a live-mode key"},
		{"mode: live and no key: no emulator", "mode: live\n", "", "", "no Stripe API key"},
		{"an unknown mode", "mode: production\n", "", "sk_test_1", "not test or live"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			conf := writeFile(t, filepath.Join(dir, "t.yaml"), tt.file, 0o600)
			t.Setenv("TILL_MODE", tt.env)
			if tt.env == "" {
				os.Unsetenv("TILL_MODE")
			}
			t.Setenv("STRIPE_API_KEY", tt.key)
			_, err := load(t, "--config", conf)
			if err == nil || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "secretvalue") {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
		})
	}
}

func TestConfirmLive(t *testing.T) {
	live := Config{accountConfig: accountConfig{Live: true, ConfigFile: "/etc/till.yaml"}}
	tests := []struct {
		name        string
		cfg         Config
		interactive bool
		typed       string
		ok          bool
	}{
		{"test mode asks nothing", Config{}, false, "", true},
		{"the flag", func() Config { c := live; c.ConfirmLive = true; return c }(), false, "", true},
		{"no terminal, no flag: refused", live, false, "", false},
		{"typed live", live, true, "live\n", true},
		{"typed anything else", live, true, "yes\n", false},
		{"the flag in test mode is a mistake", Config{accountConfig: accountConfig{ConfirmLive: true}}, false, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			con := &console{in: bufio.NewReader(strings.NewReader(tt.typed)), out: &out, interactive: tt.interactive}
			err := confirmLive(tt.cfg, con, &out)
			if (err == nil) != tt.ok {
				t.Fatalf("err = %v", err)
			}
			if tt.cfg.Live && !strings.HasPrefix(out.String(), "LIVE: ") {
				t.Fatalf("no banner: %q", out.String())
			}
		})
	}
}

func TestConnectAndWebhookSettings(t *testing.T) {
	dir := isolate(t)
	secret := writeFile(t, filepath.Join(dir, "webhook_secret"), "whsec_abc\n", 0o600)
	conf := writeFile(t, filepath.Join(dir, "till.yaml"), "stripe:\n  account: acct_1Shop\n  application_fee: 2.5%\nwebhook:\n  listen: 127.0.0.1:4243\n  secret_file: "+secret+"\n  safety_poll: 15s\n", 0o600)
	c, err := load(t, "--config", conf)
	if err != nil {
		t.Fatal(err)
	}
	if c.ConnectAccount != "acct_1Shop" || c.ApplicationFee != (checkout.Fee{BasisPoints: 250}) || c.WebhookSecret != "whsec_abc" ||
		c.WebhookListen != "127.0.0.1:4243" || c.SafetyPoll.String() != "15s" || c.SilentAfter.String() != "2m0s" {
		t.Fatalf("%+v", c.accountConfig)
	}
	t.Setenv("STRIPE_WEBHOOK_SECRET", "whsec_env")
	t.Setenv("TILL_WEBHOOK_SECRET", "whsec_till")
	if c, _ = load(t, "--config", conf); c.WebhookSecret != "whsec_till" {
		t.Fatal("TILL_WEBHOOK_SECRET should win")
	}
	for _, tt := range []struct{ file, want string }{
		{"stripe:\n  application_fee: 1%\n", "needs stripe.account"},
		{"stripe:\n  account: cus_1\n", "connected account id"},
		{"stripe:\n  account: acct_1\n  application_fee: lots\n", "application_fee"},
		{"webhook:\n  listen: 4243\n", "not an address"},
		{"webhook:\n  listen: 127.0.0.1:4243\n", "no webhook signing secret"},
		{"webhook:\n  secret: sk_test_oops\n", "whsec_"},
	} {
		os.Unsetenv("STRIPE_WEBHOOK_SECRET")
		os.Unsetenv("TILL_WEBHOOK_SECRET")
		conf := writeFile(t, filepath.Join(dir, "t.yaml"), tt.file, 0o600)
		if _, err := load(t, "--config", conf); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: err = %v, want %q", tt.file, err, tt.want)
		}
	}
}
