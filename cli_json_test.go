package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/till-pos/till/emulator"
)

// A --json command refused its input with words on stderr and nothing on stdout, so a
// script decoding stdout had nothing to decode. Each now also prints one JSON object,
// {"error": what stderr said, "exit_code": the exit code}, and exits as before.
func TestEveryJSONCommandSaysItsRefusalInJSON(t *testing.T) {
	e := newSupportEnv(t, emulator.Options{})
	for _, tt := range []struct {
		args []string
		says string
	}{
		{[]string{"pay", "--amount", "12.345", "--json"}, "more than 2 decimal places"},
		{[]string{"pay", "--json", "--amount", "1", "--bogus"}, "unknown flag: --bogus"},
		{[]string{"refund", "../etc", "--json"}, "is not an order, payment (pi_…) or refund id"},
		{[]string{"refund", "NOPE-1", "--json"}, "NOPE-1"},
		{[]string{"receipt", "a b", "--json"}, "is not an order"},
		{[]string{"readers", "extra", "--json"}, `unexpected argument "extra"`},
		{[]string{"payments", "--json"}, "say --unfinished"},
		{[]string{"shift", "report", "--json", "--csv"}, "--json"},
		{[]string{"outbox", "--json=true", "--bogus"}, "unknown flag: --bogus"},
	} {
		code, out, errOut := e.till(t, tt.args...)
		if code == 0 {
			t.Errorf("%q: exit 0, %q", tt.args, out)
			continue
		}
		var got jsonError
		if err := json.Unmarshal([]byte(out), &got); err != nil || strings.Count(out, "\n") != 1 {
			t.Errorf("%q: exit %d, stdout %q is not one JSON object (%v); stderr %q", tt.args, code, out, err, errOut)
			continue
		}
		if got.ExitCode != code || !strings.Contains(got.Error, tt.says) || !strings.Contains(errOut, got.Error) || strings.Contains(got.Error, "Usage") {
			t.Errorf("%q: exit %d, %+v; stderr %q", tt.args, code, got, errOut)
		}
	}
	// Without --json, stdout stays empty; and a run that printed its answer is not added to.
	if code, out, _ := e.till(t, "pay", "--amount", "12.345"); code != 2 || out != "" {
		t.Errorf("pay without --json: exit %d, stdout %q", code, out)
	}
	if code, out, _ := e.till(t, "pay", "--amount", "10.05", "--json"); code != 1 || strings.Contains(out, `"error"`) || strings.Count(out, "\n") != 1 {
		t.Errorf("a declined pay: exit %d, stdout %q", code, out)
	}
}

func TestAsksJSON(t *testing.T) {
	for args, want := range map[string]bool{
		"--json": true, "--amount 1 --json": true, "--json=true": true, "--json=false": false, "--json=maybe": false,
		"-- --json": false, "": false, "--jsonx": false,
	} {
		if got := asksJSON(strings.Fields(args)); got != want {
			t.Errorf("%q: %v, want %v", args, got, want)
		}
	}
}

// The error is why the command ended: not the usage after it, nor live mode's banner or
// the rate-limit notice said on the way.
func TestJSONErrorIsTheMessageAlone(t *testing.T) {
	for said, want := range map[string]string{
		"till pay: bad. Nothing was sent to Stripe.\n":                                                       "till pay: bad. Nothing was sent to Stripe.",
		"till readers: unexpected argument \"x\"\n\nUsage: till readers [--json]\n":                          "till readers: unexpected argument \"x\"",
		fmt.Sprintf(liveBanner+"\n", "/etc/till.yaml") + busyWords + "\ntill pay: cannot list the readers\n": "till pay: cannot list the readers",
		"\n\ntill doctor: one\ntwo\n\nmore\n":                                                                "till doctor: one\ntwo",
	} {
		if got := firstParagraph(said); got != want {
			t.Errorf("%q: %q, want %q", said, got, want)
		}
	}
}
