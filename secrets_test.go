package main

import (
	"bytes"
	"os"
	"path/filepath"
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
	if bytes.Contains(printed.Bytes(), []byte("SECRETkey")) {
		t.Fatal("the key was printed")
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
		if bytes.Contains(data, []byte("SECRETkey")) {
			t.Errorf("the key is in %s", path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 3 { // the database, the log and the bundle at least
		t.Fatalf("only %d files written; the test looked at nothing", files)
	}
}
