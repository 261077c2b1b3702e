package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
	"unicode"

	"github.com/till-pos/till/checkout"
)

// printTimeout bounds the print command: a printer queue that hangs must not hang the till.
const printTimeout = 30 * time.Second

// printReceipt sends the receipt to the configured print command (run as given, no
// shell, the receipt on its standard input: nothing from the receipt becomes an
// argument), or writes it to a file in the receipt directory. It says where it went.
func printReceipt(ctx context.Context, k CounterConfig, name, text string) (string, error) {
	if len(k.Printer) > 0 {
		ctx, cancel := context.WithTimeout(ctx, printTimeout)
		defer cancel()
		cmd := exec.CommandContext(ctx, k.Printer[0], k.Printer[1:]...)
		cmd.Stdin = strings.NewReader(text)
		var errOut bytes.Buffer
		cmd.Stdout, cmd.Stderr = &errOut, &errOut
		if err := cmd.Run(); err != nil {
			if said := printerSaid(errOut.String()); said != "" {
				return "", fmt.Errorf("%s: %v: %s", strings.Join(k.Printer, " "), err, said)
			}
			return "", fmt.Errorf("%s: %v", strings.Join(k.Printer, " "), err)
		}
		return "sent to " + strings.Join(k.Printer, " "), nil
	}
	if k.ReceiptDir == "" {
		return "", errors.New("set receipt.print_command or receipt.directory in the configuration")
	}
	path, err := writeReceiptFile(k.ReceiptDir, name, text)
	if err != nil {
		return "", err
	}
	return "written to " + path, nil
}

// printerSaid is what a failed print command wrote, for a one-line message on a
// terminal: control characters (a printer's escape sequences) dropped, white space run
// together, cut at printerSaidMax characters.
func printerSaid(out string) string {
	words := strings.Fields(strings.Map(func(r rune) rune {
		switch {
		case unicode.IsSpace(r):
			return ' '
		case unicode.IsControl(r):
			return -1
		}
		return r
	}, out))
	said := []rune(strings.Join(words, " "))
	if len(said) > printerSaidMax {
		return string(said[:printerSaidMax]) + "…"
	}
	return string(said)
}

// printerSaidMax is as much of a failed print command's output as a message quotes.
const printerSaidMax = 300

// writeReceiptFile writes receipt-<name>.txt in dir, whole or not at all (a temporary
// file renamed into place), and returns its path.
func writeReceiptFile(dir, name, text string) (string, error) {
	// A cash sale has no PaymentIntent: its order id (checked where it came in) names
	// it; a refund's receipt is named by its refund id.
	refundID, isRefund := strings.CutPrefix(name, checkout.RefundFilePrefix)
	if checkStripeID("PaymentIntent", "pi_", name) != nil && checkout.ValidOrderID(name) != nil && (!isRefund || checkout.CheckRefundID(refundID) != nil) {
		return "", fmt.Errorf("%q cannot name a file: a receipt file is named by its PaymentIntent, a cash sale's by its order id (%s), a refund's by its refund id", name, checkout.OrderIDRule)
	}
	path := filepath.Join(dir, "receipt-"+name+".txt")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("cannot make %s: %w", dir, err)
	}
	tmp, err := os.CreateTemp(dir, ".receipt-*.tmp")
	if err != nil {
		return "", fmt.Errorf("cannot write in %s: %w", dir, err)
	}
	defer os.Remove(tmp.Name())              // gone after the rename; removes a half-written file
	if err := tmp.Chmod(0o644); err != nil { // a print spooler may run as another user
		tmp.Close()
		return "", fmt.Errorf("cannot write %s: %w", path, err)
	}
	if _, err := tmp.WriteString(text); err != nil {
		tmp.Close()
		return "", fmt.Errorf("cannot write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return "", fmt.Errorf("cannot write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return "", fmt.Errorf("cannot write %s: %w", path, err)
	}
	return path, nil
}
