package main

import (
	"bytes"
	"strings"
	"testing"
)

// Issue 8: "seed 002's rule" is a word of the project's notes, not of a shop. Neither
// the help nor a command's usage says it.
func TestHelpSpeaksTheShopsLanguage(t *testing.T) {
	isolate(t)
	for _, args := range [][]string{{"help"}, {"payments", "capture", "--help"}, {"payments", "cancel", "--help"}, {"payments", "--help"}} {
		var out, errOut bytes.Buffer
		run(args, &out, &errOut)
		if text := out.String() + errOut.String(); strings.Contains(strings.ToLower(text), "seed") || text == "" {
			t.Errorf("%v says %q", args, text)
		}
	}
}
