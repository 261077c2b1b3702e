package main

import (
	"os"
	"testing"
)

// TestMain lets a test run till itself as a child process (the crash harness kills
// it with SIGKILL): with TILL_TEST_CHILD=1 the test binary is till.
func TestMain(m *testing.M) {
	if os.Getenv("TILL_TEST_CHILD") == "1" {
		os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}
