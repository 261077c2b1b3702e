package main

import (
	"bytes"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/till-pos/till/emulator"
)

// The API key is never printed, logged or stored: after a payment and a doctor bundle
// with a distinctive key, no file till wrote and nothing it printed contains it.
func TestTheKeyIsNeverWrittenAnywhere(t *testing.T) {
	const key = "sk_test_51SECRETkeyVALUEnobodyMaySee"
	e := newSupportEnv(t, emulator.Options{})
	t.Setenv("STRIPE_API_KEY", key)
	t.Setenv("TILL_EMULATOR_ADMIN_TOKEN", "tokADMINcanary") // the emulator's admin token is a secret too
	home := filepath.Dir(e.db)
	var printed bytes.Buffer
	for _, args := range [][]string{
		{"pay", "--json", "--amount", "3.00", "--log-file", filepath.Join(home, "till.log")},
		{"pay", "--json", "--amount", "10.05", "--log-file", filepath.Join(home, "till.log")},
		{"doctor", "--bundle", filepath.Join(home, "bundle.json"), "--log-file", filepath.Join(home, "till.log")},
	} {
		code, out, errOut := e.till(t, args...)
		printed.WriteString(out + errOut)
		if args[0] == "pay" && code > 1 {
			t.Fatalf("%v: exit %d %s", args, code, errOut)
		}
	}
	if bytes.Contains(printed.Bytes(), []byte("SECRETkey")) || bytes.Contains(printed.Bytes(), []byte("ADMINcanary")) {
		t.Fatal("the key or the admin token was printed")
	}
	where, files := filesHolding(t, home, "SECRETkey", "ADMINcanary")
	if len(where["SECRETkey"]) > 0 || len(where["ADMINcanary"]) > 0 {
		t.Errorf("the key or the admin token is in %v", where)
	}
	if files < 3 { // the database, the log and the bundle at least
		t.Fatalf("only %d files written; the test looked at nothing", files)
	}
}

// Issue 11 defect 2: passwords and tokens in URLs (stripe.api_base, webhook.url) were
// printed by till doctor, put in the "redacted" bundle and logged. Every one of them is
// a canary here: none may show anywhere, while the URLs' hosts still do.
func TestURLSecretsAreNeverWrittenAnywhere(t *testing.T) {
	e := newSupportEnv(t, emulator.Options{})
	home := filepath.Dir(e.db)
	log := filepath.Join(home, "till.log")
	base, err := url.Parse(e.url)
	if err != nil {
		t.Fatal(err)
	}
	base.User = url.UserPassword("proxyUSERcanary", "proxyPASScanary")
	t.Setenv("TILL_WEBHOOK_URL", "https://hookUSERcanary:hookPASScanary@127.0.0.1:1/stripe?token=hookTOKENcanary&x=1#sig=hookFRAGcanary")
	var printed bytes.Buffer
	for _, args := range [][]string{
		{"pay", "--json", "--amount", "3.00"},
		{"readers"},
		{"payments", "--unfinished"},
		{"doctor", "--bundle", filepath.Join(home, "bundle.json")},
		{"doctor", "--api-base", base.String() + "/?token=baseTOKENcanary"}, // refused: shown redacted
		{"readers", "--api-base", "http://deadUSERcanary:deadPASScanary@127.0.0.1:1"},
	} {
		var out, errOut bytes.Buffer
		full := append([]string{args[0], "--api-base", base.String(), "--db", e.db, "--log-file", log}, args[1:]...)
		run(full, &out, &errOut) // flags given later win: args may name another base
		printed.WriteString(out.String() + errOut.String())
	}
	if !strings.Contains(printed.String(), "127.0.0.1:1/stripe") {
		t.Errorf("the doctor no longer names the webhook endpoint:\n%s", printed.String())
	}
	if i := strings.Index(printed.String(), "canary"); i >= 0 {
		t.Errorf("a secret was printed: …%s…", printed.String()[max(0, i-60):min(printed.Len(), i+40)])
	}
	where, files := filesHolding(t, home, "canary")
	if len(where["canary"]) > 0 {
		t.Errorf("a secret of a URL is in %v", where["canary"])
	}
	if files < 3 { // the database, the log and the bundle at least
		t.Fatalf("only %d files written; the test looked at nothing", files)
	}
}

// till setup writes no key it was given in the environment, and a typed key only to its
// own 0600 key file; the webhook signing secret goes only to its secret file. Neither
// is printed, logged or put in the configuration.
func TestSetupKeepsSecretsInTheirFilesOnly(t *testing.T) {
	const typed = "sk_test_51TYPEDkeyVALUEnobodyMaySee"
	const envKey = "sk_test_51ENVkeyVALUEnobodyMaySee"
	r := newSetupRig(t)
	home := filepath.Dir(r.db)
	t.Setenv("STRIPE_API_KEY", envKey)
	code, out, errOut := r.setup(t, nil, "--location-name", "X", "--line1", "1 St", "--city", "Town", "--state", "CA", "--postal-code", "94103", "--country", "US", "--register", "simulated-wpe",
		"--webhook-url", "https://till.example.com/hook")
	printed := out + errOut
	if code != 0 {
		t.Fatalf("exit %d %s", code, printed)
	}
	os.Unsetenv("STRIPE_API_KEY")
	code, out, errOut = r.setup(t, []string{typed, "1", ""}, "--config", filepath.Join(home, "other", "till.yaml"))
	printed += out + errOut
	if code != 0 {
		t.Fatalf("exit %d %s", code, printed)
	}
	code, out, errOut = r.emuPay(t, filepath.Join(home, "other", "till.yaml"))
	printed += out + errOut
	if code != 0 {
		t.Fatalf("pay with the typed key: exit %d %s", code, printed)
	}
	for _, secret := range []string{"ENVkey", "TYPEDkey", "whsec_fromstripe"} {
		if strings.Contains(printed, secret) {
			t.Fatalf("%s was printed:\n%s", secret, printed)
		}
	}
	where, _ := filesHolding(t, home, "ENVkey", "TYPEDkey", "whsec_fromstripe")
	want := map[string][]string{"TYPEDkey": {filepath.Join(home, "other", "stripe.key")},
		"whsec_fromstripe": {filepath.Join(filepath.Dir(r.conf), "webhook.secret")}}
	if !reflect.DeepEqual(where, want) {
		t.Fatalf("secrets are in %v; want only %v", where, want)
	}
}

// filesHolding lists, for each secret, the files under root that contain it, and
// counts the files read.
func filesHolding(t *testing.T, root string, secrets ...string) (map[string][]string, int) {
	t.Helper()
	where, files := map[string][]string{}, 0
	err := filepath.Walk(root, func(path string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		files++
		for _, secret := range secrets {
			if bytes.Contains(data, []byte(secret)) {
				where[secret] = append(where[secret], path)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return where, files
}
