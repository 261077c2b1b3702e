// Command stripegotests runs stripe-go v76's own tests for PaymentIntents, SetupIntents,
// refunds and Terminal (readers, locations, configurations, connection tokens, the
// reader test helpers) against till's emulator, where they expect stripe-mock.
//
// stripe-go's tests talk to stripe-mock over HTTPS on localhost:$STRIPE_MOCK_PORT
// (stripe-go's testing/testing.go). This serves a seeded emulator that way, copies
// stripe-go (the version till's go.mod pins, from the module cache) to a temporary
// directory, runs the tests there with go test -json, and compares the outcome with
// knownFailures: tests that cannot pass against a stateful Stripe because they use
// stripe-mock's fixed fixtures (pi_123, rdr_123, ...). It exits non-zero when a test
// fails that is not a known failure, or a known failure passes (the list is stale).
//
//	go run ./emulator/stripegotests          # or: make stripe-go-tests
//	go run ./emulator/stripegotests -v       # every test's outcome
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/till-pos/till/emulator"
)

const module = "github.com/stripe/stripe-go/v76"

// suites are the stripe-go packages run, with a -run filter where a package also tests
// things the emulator does not serve.
var suites = []struct{ pkg, run string }{
	{"./paymentintent", ""},
	{"./setupintent", ""},
	{"./refund", ""},
	{"./terminal/reader", ""},
	{"./terminal/location", ""},
	{"./terminal/connectiontoken", ""},
	{"./testhelpers/terminal/reader", ""},
	{"./example", "^Test(PaymentIntents|SetupIntents|Refunds|Terminal|TestHelpersTerminal)"},
}

func main() {
	verbose := flag.Bool("v", false, "print every test's outcome")
	flag.Parse()
	if err := run(*verbose, os.Stdout); err != nil {
		fmt.Fprintf(os.Stderr, "stripegotests: %v\n", err)
		os.Exit(1)
	}
}

func run(verbose bool, out io.Writer) error {
	src, err := moduleDir()
	if err != nil {
		return err
	}
	work, err := os.MkdirTemp("", "stripe-go-tests-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	if err := copyTree(src, work); err != nil {
		return fmt.Errorf("copy %s: %w", src, err)
	}
	emu, err := emulator.New(emulator.Options{Seed: true})
	if err != nil {
		return err
	}
	defer emu.Close()
	srv, port, err := serveTLS(emu)
	if err != nil {
		return err
	}
	defer srv.Close()
	if err := populate(srv, emu.ReaderIDs()[0]); err != nil {
		return fmt.Errorf("populate the emulator: %w", err)
	}

	start := time.Now()
	results := map[string]*outcome{} // by "pkg.Test"
	for _, s := range suites {
		args := []string{"test", "-json", "-count=1", s.pkg}
		if s.run != "" {
			args = append(args, "-run", s.run)
		}
		cmd := exec.Command("go", args...)
		cmd.Dir = work
		cmd.Env = append(os.Environ(), "STRIPE_MOCK_PORT="+port, "GOFLAGS=-mod=mod")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		stdout, err := cmd.Output()
		var exit *exec.ExitError
		if err != nil && !errors.As(err, &exit) {
			return fmt.Errorf("go test %s: %v", s.pkg, err)
		}
		n, err := readResults(stdout, results)
		if err != nil || n == 0 {
			return fmt.Errorf("go test %s ran no test: %v\n%s%s", s.pkg, err, stdout, stderr.Bytes())
		}
	}
	return report(out, results, time.Since(start), verbose)
}

// moduleDir is stripe-go's directory in the module cache, downloading it if needed.
func moduleDir() (string, error) {
	out, err := exec.Command("go", "mod", "download", "-json", module).Output()
	if err != nil {
		return "", fmt.Errorf("go mod download %s: %w", module, err)
	}
	var m struct{ Dir, Error string }
	if err := json.Unmarshal(out, &m); err != nil || m.Dir == "" {
		return "", fmt.Errorf("go mod download %s: %s %v", module, m.Error, err)
	}
	return m.Dir, nil
}

// copyTree copies a directory of regular files (the module cache's are read-only).
func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
}

// serveTLS serves the emulator as stripe-mock is served to stripe-go's tests: HTTPS
// (HTTP/2 on offer), on loopback, answering stripe-go's version probe.
func serveTLS(emu *emulator.Emulator) (*httptest.Server, string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, "", err
	}
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Stripe-Mock-Version", "master") // stripe-go's testing package checks it
		emu.ServeHTTP(w, r)
	}))
	srv.Listener.Close()
	srv.Listener = ln
	srv.EnableHTTP2 = true
	srv.StartTLS()
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	return srv, port, nil
}

// outcome is one test's result and what it printed (the reason of a failure).
type outcome struct {
	action string
	output []string
}

// populate gives the emulator what stripe-mock's fixtures give its lists: a paid and
// refunded PaymentIntent, and a SetupIntent.
func populate(srv *httptest.Server, reader string) error {
	call := func(path string, form url.Values) (map[string]any, error) {
		req, err := http.NewRequest(http.MethodPost, srv.URL+path, strings.NewReader(form.Encode()))
		if err != nil {
			return nil, err
		}
		req.Header.Set("Authorization", "Bearer sk_test_populate")
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		res, err := srv.Client().Do(req)
		if err != nil {
			return nil, err
		}
		defer res.Body.Close()
		var body map[string]any
		if err := json.NewDecoder(res.Body).Decode(&body); err != nil || res.StatusCode != http.StatusOK {
			return nil, fmt.Errorf("POST %s: %d %v %v", path, res.StatusCode, body, err)
		}
		return body, nil
	}
	pi, err := call("/v1/payment_intents", url.Values{"amount": {"1000"}, "currency": {"usd"}, "payment_method_types[]": {"card_present"}})
	if err != nil {
		return err
	}
	id, _ := pi["id"].(string)
	steps := []struct {
		path string
		form url.Values
	}{
		{"/v1/terminal/readers/" + reader + "/process_payment_intent", url.Values{"payment_intent": {id}}},
		{"/v1/test_helpers/terminal/readers/" + reader + "/present_payment_method", nil},
		{"/v1/refunds", url.Values{"payment_intent": {id}, "amount": {"100"}}},
		{"/v1/setup_intents", url.Values{"payment_method_types[]": {"card_present"}}},
	}
	for _, s := range steps {
		if _, err := call(s.path, s.form); err != nil {
			return err
		}
	}
	return nil
}

// readResults records each test's outcome from go test -json; it returns how many.
func readResults(stream []byte, results map[string]*outcome) (int, error) {
	n := 0
	sc := bufio.NewScanner(bytes.NewReader(stream))
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var ev struct{ Action, Package, Test, Output string }
		if err := json.Unmarshal(sc.Bytes(), &ev); err != nil {
			continue // a build message
		}
		if ev.Test == "" || strings.Contains(ev.Test, "/") {
			continue
		}
		name := strings.TrimPrefix(ev.Package, module+"/") + "." + ev.Test
		o := results[name]
		if o == nil {
			o = &outcome{}
			results[name] = o
		}
		switch ev.Action {
		case "output":
			if line := strings.TrimSpace(ev.Output); line != "" && !strings.HasPrefix(line, "=== ") && !strings.HasPrefix(line, "--- ") {
				o.output = append(o.output, line)
			}
		case "pass", "fail", "skip":
			o.action = ev.Action
			n++
		}
	}
	return n, sc.Err()
}

// why is the first line of a failure that says what went wrong.
func (o *outcome) why() string {
	for _, line := range o.output {
		if strings.Contains(line, "Error:") || strings.Contains(line, "{") {
			return line
		}
	}
	if len(o.output) > 0 {
		return o.output[0]
	}
	return ""
}

func report(out io.Writer, results map[string]*outcome, took time.Duration, verbose bool) error {
	names := make([]string, 0, len(results))
	for name := range results {
		names = append(names, name)
	}
	sort.Strings(names)
	counts := map[string]int{}
	var unexpected []string
	for _, name := range names {
		got := results[name].action
		reason, known := knownFailures[name]
		switch {
		case got == "fail" && known:
			counts["known"]++
		case got == "fail":
			unexpected = append(unexpected, name+": FAILS, and is not a known failure: "+results[name].why())
		case got == "pass" && known:
			unexpected = append(unexpected, name+": passes, but is listed as a known failure ("+reason+")")
		default:
			counts[got]++
		}
		if verbose {
			fmt.Fprintf(out, "%-4s %s %s\n", got, name, reason)
		}
	}
	for name := range knownFailures {
		if _, ran := results[name]; !ran {
			unexpected = append(unexpected, name+": listed as a known failure, but did not run")
		}
	}
	fmt.Fprintf(out, "stripe-go %s tests against the emulator: %d ran in %s: %d pass, %d skip, %d fail as known (knownFailures), %d unexpected\n",
		module, len(results), took.Round(time.Second), counts["pass"], counts["skip"], counts["known"], len(unexpected))
	for _, u := range unexpected {
		fmt.Fprintln(out, "  "+u)
	}
	if len(unexpected) > 0 {
		return fmt.Errorf("%d unexpected outcomes", len(unexpected))
	}
	return nil
}
