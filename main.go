// Command till is a keyboard-driven cashier terminal for Stripe Terminal smart readers
// on Stripe's server-driven integration. With no API key it runs on its own built-in
// Stripe emulator with simulated readers.
package main

import (
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/spf13/pflag"
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

// commands are till's commands by name; "" (and "tui") is the cashier screen.
var commands = map[string]func(args []string, stdout, stderr io.Writer) int{
	"":         screen,
	"tui":      screen,
	"pay":      jsonErrors(runPay),
	"receipt":  jsonErrors(runReceipt),
	"emulator": runEmulator,
	"readers":  jsonErrors(runReaders),
	"reader":   runReader,
	"payments": jsonErrors(runPayments),
	"refund":   jsonErrors(runRefund),
	"shift":    jsonErrors(runShift),
	"outbox":   jsonErrors(runOutbox),
	"doctor":   runDoctor,
	"setup": func(args []string, stdout, stderr io.Writer) int {
		return runSetup(args, stdinConsole(stdout), stdout, stderr)
	},
}

// help is registered apart: it looks commands up, so it cannot be in their table's
// initializer.
func init() { commands["help"] = runHelp }

// runHelp prints till's usage; `till help pay` is `till pay --help`.
func runHelp(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] != "help" && !strings.HasPrefix(args[0], "-") {
		return run([]string{args[0], "--help"}, stdout, stderr)
	}
	fmt.Fprint(stdout, usage)
	return 0
}

func screen(args []string, _, stderr io.Writer) int { return runTUI(args, stderr) }

// run dispatches to a command and returns the process exit code. Errors are printed as
// one plain sentence; nothing panics out to the user.
func run(args []string, stdout, stderr io.Writer) int {
	args = commandFirst(args)
	cmd := ""
	if len(args) > 0 && len(args[0]) > 0 && args[0][0] != '-' {
		cmd, args = args[0], args[1:]
	}
	if c, ok := commands[cmd]; ok {
		return c(args, stdout, stderr)
	}
	fmt.Fprintf(stderr, "till: unknown command %q\n\n%s", cmd, usage)
	return 2
}

// commandFirst puts a command given after the flags every command shares first, those
// flags last: "till --config shop.yaml shift report" is "till shift report --config
// shop.yaml" (a subcommand must come before the flags).
func commandFirst(args []string) []string {
	fs := pflag.NewFlagSet("till", pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.SetInterspersed(false) // stop at the first argument that is not a flag
	addCommonFlags(fs)
	if len(args) == 0 || !strings.HasPrefix(args[0], "-") || fs.Parse(args) != nil || fs.NArg() == 0 {
		return args
	}
	rest := fs.Args()
	flags := args[:len(args)-len(rest)]
	if _, ok := commands[rest[0]]; !ok || slices.Contains(flags, "--") {
		return args
	}
	return slices.Concat(rest, flags)
}
