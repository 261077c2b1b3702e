// Command till is a keyboard-driven cashier terminal for Stripe Terminal smart readers
// on Stripe's server-driven integration. With no API key it runs on its own built-in
// Stripe emulator with simulated readers.
package main

import (
	"fmt"
	"io"
	"os"
)

const usage = `till: a cashier terminal for Stripe Terminal readers

Usage:
  till [flags]                 open the cashier screen (the TUI)
  till pay --amount 12.34 ...  take one payment without the TUI (--cash GIVEN: in cash)
  till pay --item SKU[:QTY] ... [--discount 10%] [--tip 2.50]
  till receipt ORDER|PI [--json] [--width 42|48] [--print] [--email ADDR]
  till emulator --listen ADDR  run the Stripe emulator on its own
  till readers [--json]        list the readers and what each is doing
  till reader cancel-action ID [--expect-pi PI]
  till payments --unfinished [--json]  payments waiting for someone, with advice
  till payments capture|cancel PI      capture a completed order, cancel the rest
  till payments --history [--search T] finished payments, newest first
  till refund ORDER|PI [--amount A]    refund a payment (Interac on the reader)
  till shift report|close      totals per currency; close refuses while unresolved
  till outbox [--send]         captures and cancels held while Stripe did not answer
  till doctor [--bundle FILE]  check key, Stripe, clock, readers and journal
  till setup                   connect till to a Stripe account (or an emulator)
  till help                    show this help

Run "till COMMAND --help" for a command's flags. With no API key and no
--api-base, till starts its built-in emulator with two simulated readers.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run dispatches to a command and returns the process exit code. Errors are printed as
// one plain sentence; nothing panics out to the user.
func run(args []string, stdout, stderr io.Writer) int {
	cmd := ""
	if len(args) > 0 && len(args[0]) > 0 && args[0][0] != '-' {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "", "tui":
		return runTUI(args, stderr)
	case "pay":
		return runPay(args, stdout, stderr)
	case "receipt":
		return runReceipt(args, stdout, stderr)
	case "emulator":
		return runEmulator(args, stdout, stderr)
	case "readers":
		return runReaders(args, stdout, stderr)
	case "reader":
		return runReader(args, stdout, stderr)
	case "payments":
		return runPayments(args, stdout, stderr)
	case "refund":
		return runRefund(args, stdout, stderr)
	case "shift":
		return runShift(args, stdout, stderr)
	case "outbox":
		return runOutbox(args, stdout, stderr)
	case "doctor":
		return runDoctor(args, stdout, stderr)
	case "setup":
		return runSetup(args, stdinConsole(stdout), stdout, stderr)
	case "help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "till: unknown command %q\n\n%s", cmd, usage)
	return 2
}
