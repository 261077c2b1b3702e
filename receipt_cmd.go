package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/till-pos/till/checkout"
)

func runReceipt(args []string, stdout, stderr io.Writer) int {
	fs := commandFlags("receipt", "till receipt ORDER|PI|REFUND [--json] [--width 42|48] [--print] [--email ADDR]",
		"Writes the receipt of a paid (or authorized) payment: by its order id or its PaymentIntent;\n"+
			"or of a refund, by till's refund id (rf_…) or Stripe's (re_…: one made in the Dashboard\n"+
			"too). A payment's receipt lists what was refunded since. The card's EMV data is read\n"+
			"from Stripe each time; till stores none.", stderr, noReaderNorSale...)
	asJSON := fs.Bool("json", false, "print the receipt as JSON")
	width := fs.Int("width", 0, "characters per line, 42 or 48 (default: receipt.width)")
	toPrinter := fs.Bool("print", false, "also print it: run receipt.print_command, or write a file to receipt.directory")
	email := fs.String("email", "", "have Stripe email the customer a receipt at this address (receipt_email)")
	addr := ""
	svc, code, ok := openSupport(fs, args, 1, stderr, func(cfg Config) string {
		if *width == 0 {
			*width = cfg.Counter.ReceiptWidth
		}
		if *width < checkout.MinReceiptWidth || *width > checkout.MaxReceiptWidth {
			return fmt.Sprintf("till receipt: --width %d is not a width from %d to %d columns (42 and 48 are usual)",
				*width, checkout.MinReceiptWidth, checkout.MaxReceiptWidth)
		}
		if *email != "" {
			var err error
			if addr, err = checkout.ParseEmail(*email); err != nil {
				return fmt.Sprintf("till receipt: --email: %v. Nothing was sent to Stripe.", err)
			}
		}
		if *toPrinter && len(cfg.Counter.Printer) == 0 && cfg.Counter.ReceiptDir == "" {
			return "till receipt: --print needs receipt.print_command (e.g. lp -d counter) or receipt.directory in the configuration"
		}
		if err := checkReference(fs.Arg(0)); err != nil {
			return fmt.Sprintf("till receipt: %v. Nothing was sent to Stripe.", err)
		}
		return ""
	})
	if !ok {
		return code
	}
	defer svc.Close()
	cfg := svc.cfg
	ctx, stop := commandContext()
	defer stop()

	r, err := findReceipt(ctx, svc, fs.Arg(0))
	if err != nil {
		fmt.Fprintf(stderr, "till receipt: %v\n", err)
		return 1
	}
	if why := r.WhyNoEmail(); addr != "" && why != "" {
		fmt.Fprintf(stderr, "till receipt: --email asks Stripe to email a card payment's receipt; %s. Print it instead.\n", why)
		return 2
	}
	r.At = r.At.Local()
	text, err := checkout.ReceiptText(r, *width)
	if err != nil {
		fmt.Fprintf(stderr, "till receipt: %v\n", err)
		return 2
	}
	if *asJSON {
		writeJSON(stdout, checkout.ReceiptJSON(r))
	} else {
		fmt.Fprint(stdout, text)
	}
	status := 0
	if *toPrinter {
		name := r.FileName()
		where, err := printReceipt(ctx, cfg.Counter, name, text)
		if err != nil {
			fmt.Fprintf(stderr, "till receipt: the receipt was not printed: %v\n", err)
			status = 1
		} else {
			fmt.Fprintf(stderr, "Receipt for %s %s.\n", name, where)
		}
	}
	if addr != "" {
		if err := emailReceipt(ctx, svc, r, addr); err != nil {
			fmt.Fprintf(stderr, "till receipt: the email receipt was not asked for: %s\n", checkout.Explain(checkout.AsFailure(err)))
			status = 1
		} else {
			fmt.Fprintf(stderr, "Stripe will email a receipt to %s (in test mode Stripe sends none).\n", addr)
		}
	}
	return status
}

// findReceipt makes the receipt of an order or a PaymentIntent (checkout.FindReceipt),
// within one call's time.
func findReceipt(ctx context.Context, svc *services, id string) (checkout.Receipt, error) {
	ctx, cancel := context.WithTimeout(ctx, svc.cfg.CallTimeout)
	defer cancel()
	return checkout.FindReceipt(ctx, svc.gateway, svc.store, svc.cfg.Counter.Shop, id)
}

// emailReceipt asks Stripe to email the receipt (checkout.EmailReceipt), within one
// call's time.
func emailReceipt(ctx context.Context, svc *services, r checkout.Receipt, addr string) error {
	ctx, cancel := context.WithTimeout(ctx, svc.cfg.CallTimeout)
	defer cancel()
	return checkout.EmailReceipt(ctx, svc.gateway, svc.store, r, addr, time.Now)
}
