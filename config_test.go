package main

import (
	"os"
	"path/filepath"
	"slices"
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
		// A line break in the key was sent as far as Go's HTTP client, which refused the
		// header: "Stripe did not answer", and an outage counted.
		{"a line break in the key", "TILL_STRIPE_API_KEY", "sk_test_secretvalue\nx", nil, "a character no Stripe key has"},
		{"a quote in the key", "STRIPE_API_KEY", "\"sk_test_secretvalue\"", nil, "a character no Stripe key has"},
		{"remote base without a key", "", "", []string{"--api-base", "https://example.test"}, "no Stripe API key"},
		{"bad base", "STRIPE_API_KEY", "sk_test_1", []string{"--api-base", "ftp:/x"}, "must start with http:// or https://"},
		// Issue 11 defect 7: these said "no Stripe API key".
		{"base not a url", "", "", []string{"--api-base", "not a url"}, `"not a url" is not a URL`},
		{"base without scheme", "", "", []string{"--api-base", "127.0.0.1:12111"}, "write it as http://127.0.0.1:12111"},
		{"base without host", "", "", []string{"--api-base", "http://"}, "names no host"},
		{"base with a query", "", "", []string{"--api-base", "http://127.0.0.1:1/?k=v"}, "no query"},
		{"bad currency", "", "", []string{"--currency", "dollars"}, "ISO 4217"},
		{"non-terminal currency", "", "", []string{"--currency", "kwd"}, "Stripe Terminal cannot take KWD"},
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

// Issue 11 defect 7: a typo in the configuration (api_kye) was silently ignored, and
// till ran on defaults the user thought they had changed.
func TestConfigRefusesUnknownKeysAndSuggestsTheNearest(t *testing.T) {
	tests := []struct {
		name, file string
		want       []string
	}{
		{"typo under a section", "stripe:\n  api_kye: sk_test_x\n", []string{`"stripe.api_kye"`, `did you mean "stripe.api_key"`}},
		{"right name, wrong place", "api_kye: sk_test_x\n", []string{`"api_kye"`, `"stripe.api_key"`}},
		{"a section misspelt", "pol:\n  interval: 2s\n", []string{`"pol.interval"`, `"poll.interval"`}},
		{"nothing near", "colour: blue\ncurency: eur\n", []string{`"colour"`, `"curency" (did you mean "currency"?)`}},
		{"json too", `{"log": {"levle": "debug"}}`, []string{`"log.levle"`, `"log.level"`}},
		// A section given a value was "an unknown key", though the name is right.
		{"a section given a value", "catalogue: 5\n", []string{`"catalogue" given a value, where it is a section (catalogue.items, catalogue.quick_keys)`}},
		{"a section given a list", "stripe: [sk_test_x]\n", []string{`"stripe" given a value`, "stripe.api_key,"}},
		{"a named section", "tax:\n  classes: 8%\n", []string{`"tax.classes" given a value, where it is a section (tax.classes.<name>)`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := isolate(t)
			ext := ".yaml"
			if strings.HasPrefix(tt.file, "{") {
				ext = ".json"
			}
			file := filepath.Join(dir, "till"+ext)
			if err := os.WriteFile(file, []byte(tt.file), 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := load(t, "--config", file)
			if err == nil {
				t.Fatal("loaded")
			}
			for _, w := range append(tt.want, "does not start") {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("%v does not say %s", err, w)
				}
			}
			if strings.Contains(err.Error(), "sk_test_x") {
				t.Errorf("a value leaked: %v", err)
			}
		})
	}
	if got := nearestSetting("colour"); got != "" {
		t.Errorf("colour is near %q", got)
	}
}

// config.example.yaml and the settings table name the same keys: the example loads as
// it is, and each setting is in it.
func TestConfigExampleNamesEverySetting(t *testing.T) {
	isolate(t)
	data, err := os.ReadFile("config.example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := load(t, "--config", "config.example.yaml"); err != nil {
		t.Fatalf("the example does not load: %v", err)
	}
	for _, s := range settings {
		if !strings.Contains(string(data), lastPart(strings.TrimSuffix(s.key, ".*"))+":") {
			t.Errorf("%s is not in config.example.yaml", s.key)
		}
	}
}

func TestEditDistance(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want int
	}{{"", "", 0}, {"api_key", "api_key", 0}, {"api_kye", "api_key", 1}, {"", "abc", 3}, {"levle", "level", 1}, {"kitten", "sitting", 3}} {
		if got := editDistance(tt.a, tt.b); got != tt.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

// "~/till.db" in the configuration file (or --db=~/x) was a directory named "~" under
// wherever till started, so a till started elsewhere had another database and lost
// sight of its unfinished payments. ~ is the home directory, as in a shell.
func TestConfigPathsStartingWithATildeAreInTheHome(t *testing.T) {
	home := isolate(t)
	file := filepath.Join(home, "till.yaml")
	body := "store:\n  path: ~/shop/till.db\nlog:\n  file: ~/shop/till.log\nsupport:\n  export_dir: ~/exports\nreceipt:\n  directory: ~/receipts\n"
	if err := os.WriteFile(file, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := load(t, "--config=~/till.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for got, want := range map[string]string{
		c.DBPath: filepath.Join(home, "shop", "till.db"), c.LogFile: filepath.Join(home, "shop", "till.log"),
		c.ExportDir: filepath.Join(home, "exports"), c.Counter.ReceiptDir: filepath.Join(home, "receipts"),
		c.EmulatorState: filepath.Join(home, "shop", "till-emulator.json"),
	} {
		if got != want {
			t.Errorf("%q, want %q", got, want)
		}
	}
	if c, err := load(t, "--db=~user/till.db"); err != nil || c.DBPath != "~user/till.db" {
		t.Errorf("~user is not expanded: %q %v", c.DBPath, err)
	}
}

// "store.path: till.db" in a configuration file was till.db in whatever directory till
// was started from: started from another one, till silently opened another database
// (and lost sight of its unfinished payments). A relative path in the file is from the
// file's directory; one given as a flag or in the environment stays from the working
// directory, as a shell's user expects.
func TestConfigFileRelativePathsAreFromTheFilesDirectory(t *testing.T) {
	home := isolate(t)
	shop := filepath.Join(home, "shop")
	if err := os.MkdirAll(shop, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(shop, "key"), []byte("sk_test_relative123\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	abs := filepath.Join(home, "abs.secret")
	if err := os.WriteFile(abs, []byte("whsec_abs\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	body := "store:\n  path: till.db\nlog:\n  file: logs/till.log\nsupport:\n  export_dir: ./exports\nreceipt:\n  directory: ../receipts\n" +
		"stripe:\n  api_key_file: key\n  api_base: http://127.0.0.1:9999\nemulator:\n  state: emu.json\nwebhook:\n  secret_file: " + abs + "\n"
	if err := os.WriteFile(filepath.Join(shop, "till.yaml"), []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	elsewhere := t.TempDir()
	t.Chdir(elsewhere)
	c, err := load(t, "--config", filepath.Join(shop, "till.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for got, want := range map[string]string{
		c.DBPath: filepath.Join(shop, "till.db"), c.LogFile: filepath.Join(shop, "logs", "till.log"),
		c.ExportDir: filepath.Join(shop, "exports"), c.Counter.ReceiptDir: filepath.Join(home, "receipts"),
		c.EmulatorState: filepath.Join(shop, "emu.json"), c.KeyFile: filepath.Join(shop, "key"),
		c.WebhookSecretFile: abs,
	} {
		if got != want {
			t.Errorf("%q, want %q", got, want)
		}
	}
	if c.APIKey != "sk_test_relative123" {
		t.Errorf("the key file beside the configuration was not read: %q", c.APIKey)
	}
	// A relative --config is from the working directory, and so are its paths' anchor.
	t.Chdir(home)
	if c, err := load(t, "--config", "shop/till.yaml"); err != nil || c.DBPath != filepath.Join(shop, "till.db") {
		t.Errorf("--config shop/till.yaml: %q %v", c.DBPath, err)
	}
	// Flags and the environment keep the working directory.
	t.Setenv("TILL_LOG_FILE", "env.log")
	c, err = load(t, "--config", filepath.Join(shop, "till.yaml"), "--db", "flag.db")
	if err != nil || c.DBPath != "flag.db" || c.LogFile != "env.log" {
		t.Errorf("flag and environment: %q %q %v", c.DBPath, c.LogFile, err)
	}
}

// receipt.print_command: ./print.sh in a configuration file ran ./print.sh in whatever
// directory till was started from, while every other path in the file is from the
// file's directory. A command with a slash in it is a path, from the file's directory
// like the others (~/ is the home); a bare name (lp) is looked up on PATH as a shell
// would; the environment keeps the working directory.
func TestConfigFilePrintCommandPathIsFromTheFilesDirectory(t *testing.T) {
	home := isolate(t)
	shop := filepath.Join(home, "shop")
	if err := os.MkdirAll(shop, 0o700); err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir())
	for body, want := range map[string][]string{
		"receipt:\n  print_command: ./print.sh --width 42\n":  {filepath.Join(shop, "print.sh"), "--width", "42"},
		"receipt:\n  print_command: [bin/print, ./arg]\n":     {filepath.Join(shop, "bin", "print"), "./arg"},
		"receipt:\n  print_command: ../print\n":               {filepath.Join(home, "print")},
		"receipt:\n  print_command: ~/print\n":                {filepath.Join(home, "print")},
		"receipt:\n  print_command: /usr/bin/lp -d counter\n": {"/usr/bin/lp", "-d", "counter"},
		"receipt:\n  print_command: lp -d counter\n":          {"lp", "-d", "counter"},
		"receipt:\n  print_command: [lp, -d, counter one]\n":  {"lp", "-d", "counter one"},
		"receipt:\n  print_command: \"\"\n  directory: out\n": nil,
	} {
		file := filepath.Join(shop, "till.yaml")
		if err := os.WriteFile(file, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		c, err := load(t, "--config", file)
		if err != nil || !slices.Equal(c.Counter.Printer, want) {
			t.Errorf("%q: %q %v, want %q", body, c.Counter.Printer, err, want)
		}
	}
	t.Setenv("TILL_RECEIPT_PRINT_COMMAND", "./env.sh -x")
	if c, err := load(t, "--config", filepath.Join(shop, "till.yaml")); err != nil || !slices.Equal(c.Counter.Printer, []string{"./env.sh", "-x"}) {
		t.Errorf("from the environment: %q %v", c.Counter.Printer, err)
	}
}

// poll.interval: 1ns in a configuration file was taken: a lane then read Stripe as fast
// as it answered, and a few lanes used up the account's rate limit between them.
// webhook.safety_poll: 1ns was taken too: the reads webhooks are meant to spare then
// came as often as without them. Each has a floor in the file, with the same words; the
// environment (tests, an emulator) may go under it.
func TestConfigFileRefusesReadsBelowTheirFloors(t *testing.T) {
	for body, want := range map[string]string{
		"poll:\n  interval: 1ns\n":          "poll.interval: 1ns, below 250ms",
		"poll:\n  interval: 249ms\n":        "poll.interval: 249ms, below 250ms",
		"poll:\n  interval: 250ms\n":        "",
		"poll:\n  interval: 2s\n":           "",
		"webhook:\n  safety_poll: 1ns\n":    "webhook.safety_poll: 1ns, below 2s",
		"webhook:\n  safety_poll: 1999ms\n": "webhook.safety_poll: 1999ms, below 2s",
		"webhook:\n  safety_poll: 2s\n":     "",
		"webhook:\n  safety_poll: 30s\n":    "",
	} {
		dir := isolate(t)
		file := filepath.Join(dir, "till.yaml")
		if err := os.WriteFile(file, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := load(t, "--config", file)
		key, _, _ := strings.Cut(want, ":")
		switch {
		case want == "" && err != nil:
			t.Errorf("%q refused: %v", body, err)
		case want != "" && (err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "25 requests a second") ||
			!strings.Contains(err.Error(), "(the default is "+settingDefault(key)+")")):
			t.Errorf("%q: %v, want it refused with %q", body, err, want)
		}
	}
	isolate(t)
	t.Setenv("TILL_POLL_INTERVAL", "10ms")
	t.Setenv("TILL_WEBHOOK_SAFETY_POLL", "10ms")
	if c, err := load(t); err != nil || c.PollEvery != 10*time.Millisecond || c.SafetyPoll != 10*time.Millisecond {
		t.Errorf("TILL_POLL_INTERVAL=10ms, TILL_WEBHOOK_SAFETY_POLL=10ms: %v %v %v", c.PollEvery, c.SafetyPoll, err)
	}
}

// A duration till cannot read was refused "not a duration like 1s or 500ms" whatever the
// key: for webhook.safety_poll both examples are below its 2s floor, so the user who
// followed them was refused again. The example is the key's own default.
func TestConfigFileBadDurationSaysTheKeysDefault(t *testing.T) {
	for body, want := range map[string]string{
		"webhook:\n  safety_poll: 2\n": `webhook.safety_poll: "2" is not a duration above zero like 10s`,
		"poll:\n  interval: 0s\n":      `poll.interval: "0s" is not a duration above zero like 1s`,
		"store:\n  archive_after: x\n": `store.archive_after: "x" is not a duration above zero like 168h`,
	} {
		file := filepath.Join(isolate(t), "till.yaml")
		if err := os.WriteFile(file, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := load(t, "--config", file); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v, want %q", body, err, want)
		}
	}
}
