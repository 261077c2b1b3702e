package emulator

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"sort"
	"strings"
	"testing"
)

// TestMain reports, under -v, how many response bodies were checked against the spec.
func TestMain(m *testing.M) {
	if path := os.Getenv(crashChildEnv); path != "" {
		os.Exit(crashChild(path)) // the SIGKILL harness's emulator process
	}
	if target := os.Getenv(benchServerEnv); target != "" {
		os.Exit(benchServer(target)) // a server of BenchmarkFlowServers
	}
	code := m.Run()
	// Every test closes the emulators it gave webhook endpoints; none may leak a goroutine.
	if n := deliveryGoroutines(); n != 0 && code == 0 {
		fmt.Printf("%d webhook delivery goroutines leaked\n", n)
		code = 1
	}
	if testing.Verbose() {
		validatedMu.Lock()
		total := 0
		names := make([]string, 0, len(validated))
		for n, c := range validated {
			names = append(names, n)
			total += c
		}
		sort.Strings(names)
		fmt.Printf("spec: %d response bodies validated against spec3.json (%d schemas):\n", total, len(names))
		for _, n := range names {
			fmt.Printf("  %5d  %s\n", validated[n], n)
		}
		validatedMu.Unlock()
	}
	os.Exit(code)
}

// startChild re-runs this test binary with env ("NAME=value" each) set, so that TestMain runs
// the child's job instead of the tests, and returns it with the first line it prints
// (its base URL first) and its stdin, which it may read until closed. The rest of its
// stdout is discarded; its stderr is the test's. A child whose first line is no URL is
// killed and the test stopped, saying the what did not start.
func startChild(tb testing.TB, what string, env ...string) (*exec.Cmd, io.WriteCloser, string) {
	tb.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), env...)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		tb.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		tb.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	line, err := bufio.NewReader(out).ReadString('\n')
	go io.Copy(io.Discard, out)
	line = strings.TrimSpace(line)
	if err != nil || !strings.HasPrefix(line, "http://") {
		cmd.Process.Kill()
		cmd.Wait()
		tb.Fatalf("%s did not start: %q %v", what, line, err)
	}
	return cmd, stdin, line
}
