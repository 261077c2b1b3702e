package main

import (
	"fmt"
	"io"

	"github.com/till-pos/till/checkout"
)

// failedRead prints a read that failed (a list, a read of a payment or a reader) and
// returns 1. A read moves nothing: its words never say a call may have gone through.
// They keep what the network said, which tells support a refused connection from a
// timeout.
func failedRead(stderr io.Writer, cmd, what string, err error) int {
	fmt.Fprintln(stderr, readFailure(cmd, what, err))
	return 1
}

// readFailure is failedRead's words.
func readFailure(cmd, what string, err error) string {
	return fmt.Sprintf("till %s: %s: %s", cmd, what, checkout.ExplainReadWithDetail(checkout.AsFailure(err)))
}
