package emulator

import (
	"fmt"
	"os"
	"sort"
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
