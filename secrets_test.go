package main

import (
	"bytes"
	"net/url"
	"os"
	"path/filepath"
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
	noCanary(t, home, printed.Bytes(), 3, "SECRETkey")
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
	noCanary(t, home, printed.Bytes(), 3, "canary")
}

// noCanary fails when canary is in what till printed or in any file under home, and
// when fewer than minFiles files were looked at (the test would prove nothing).
func noCanary(t *testing.T, home string, printed []byte, minFiles int, canary string) {
	t.Helper()
	if i := bytes.Index(printed, []byte(canary)); i >= 0 {
		t.Errorf("a secret was printed: …%s…", printed[max(0, i-60):min(len(printed), i+40)])
	}
	files := 0
	err := filepath.Walk(home, func(path string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		files++
		if i := bytes.Index(data, []byte(canary)); i >= 0 {
			t.Errorf("a secret is in %s: …%s…", path, data[max(0, i-60):min(len(data), i+40)])
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < minFiles { // the database, the log and the bundle at least
		t.Fatalf("only %d files written; the test looked at nothing", files)
	}
}
