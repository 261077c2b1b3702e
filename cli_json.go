package main

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// jsonError is what a command asked for --json prints on stdout when it ends without
// its answer (input refused, no database, Stripe unreadable): the message it printed on
// stderr and its exit code, so a script reading stdout is never handed nothing.
type jsonError struct {
	Error    string `json:"error"`
	ExitCode int    `json:"exit_code"`
}

// jsonIncomplete is what a --json list prints when it could read only part of its
// answer: the error, as jsonError says it, and the part under "payments". A bare list
// would let a script take the part for the whole (`[]` for "nothing unfinished").
type jsonIncomplete[T any] struct {
	jsonError
	Payments []T `json:"payments"` // never null: what could be read, maybe nothing
}

// writeIncomplete prints each failure on stderr and, asked for JSON, the part that was
// read as a jsonIncomplete on stdout; it returns the exit code, 1.
func writeIncomplete[T any](stdout, stderr io.Writer, asJSON bool, read []T, failures []string) int {
	for _, f := range failures {
		fmt.Fprintln(stderr, f)
	}
	if asJSON {
		if read == nil {
			read = []T{}
		}
		writeJSONLine(stdout, jsonIncomplete[T]{jsonError{Error: strings.Join(failures, "\n"), ExitCode: 1}, read})
	}
	return 1
}

// jsonErrors wraps a command that takes --json: asked for JSON, a run that exits other
// than 0 having printed nothing on stdout prints a jsonError there. The words stay on
// stderr as before, and the exit code is unchanged.
func jsonErrors(cmd func(args []string, stdout, stderr io.Writer) int) func(args []string, stdout, stderr io.Writer) int {
	return func(args []string, stdout, stderr io.Writer) int {
		if !asksJSON(args) {
			return cmd(args, stdout, stderr)
		}
		out := &countingWriter{w: stdout}
		var said bytes.Buffer
		code := cmd(args, out, io.MultiWriter(stderr, &said))
		if code != 0 && out.n == 0 {
			writeJSONLine(stdout, jsonError{Error: firstParagraph(said.String()), ExitCode: code})
		}
		return code
	}
}

// asksJSON reports whether the arguments say --json (flags end at "--").
func asksJSON(args []string) bool {
	for _, a := range args {
		if a == "--" {
			return false
		}
		if a == "--json" {
			return true
		}
		if v, ok := strings.CutPrefix(a, "--json="); ok {
			on, err := strconv.ParseBool(v)
			return err == nil && on
		}
	}
	return false
}

// liveLead is how live mode's banner starts (the rest names the configuration file).
var liveLead, _, _ = strings.Cut(liveBanner, "%s")

// firstParagraph is what a command said before a blank line: its message, without the
// usage that may follow it, nor the notices said on the way (live mode's banner, Stripe
// rate limiting), which are not why it ended.
func firstParagraph(s string) string {
	var said []string
	for _, line := range strings.Split(s, "\n") {
		switch {
		case strings.HasPrefix(line, liveLead) || line == busyWords:
		case strings.TrimSpace(line) == "" && len(said) > 0:
			return strings.Join(said, "\n")
		case strings.TrimSpace(line) != "":
			said = append(said, line)
		}
	}
	return strings.Join(said, "\n")
}

// countingWriter counts what was written through it.
type countingWriter struct {
	w io.Writer
	n int
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += n
	return n, err
}
