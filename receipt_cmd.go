package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/store"
)

func runReceipt(args []string, stdout, stderr io.Writer) int {
	fs := commandFlags("receipt", "till receipt ORDER|PI [--json] [--width 42|48] [--print] [--email ADDR]",
		"Writes the receipt of a paid (or authorized) payment: by its order id or its PaymentIntent.\n"+
			"The card's EMV data is read from Stripe each time; till stores none.", stderr)
	asJSON := fs.Bool("json", false, "print the receipt as JSON")
	width := fs.Int("width", 0, "characters per line, 42 or 48 (default: receipt.width)")
	toPrinter := fs.Bool("print", false, "also print it: run receipt.print_command, or write a file to receipt.directory")
	email := fs.String("email", "", "have Stripe email the customer a receipt at this address (receipt_email)")
	svc, code, ok := openSupport(fs, args, 1, stderr)
	if !ok {
		return code
	}
	defer svc.Close()
	cfg := svc.cfg
	if *width == 0 {
		*width = cfg.Counter.ReceiptWidth
	}
	if *width < checkout.MinReceiptWidth || *width > checkout.MaxReceiptWidth {
		fmt.Fprintf(stderr, "till receipt: --width %d is not a width from %d to %d columns (42 and 48 are usual)\n",
			*width, checkout.MinReceiptWidth, checkout.MaxReceiptWidth)
		return 2
	}
	addr := ""
	if *email != "" {
		var err error
		if addr, err = checkout.ParseEmail(*email); err != nil {
			fmt.Fprintf(stderr, "till receipt: --email: %v. Nothing was sent to Stripe.\n", err)
			return 2
		}
	}
	if *toPrinter && len(cfg.Counter.Printer) == 0 && cfg.Counter.ReceiptDir == "" {
		fmt.Fprintln(stderr, "till receipt: --print needs receipt.print_command (e.g. lp -d counter) or receipt.directory in the configuration")
		return 2
	}
	ctx, stop := commandContext()
	defer stop()

	r, err := findReceipt(ctx, svc, fs.Arg(0))
	if err != nil {
		fmt.Fprintf(stderr, "till receipt: %v\n", err)
		return 1
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
		where, err := printReceipt(ctx, cfg.Counter, r.PaymentIntent, text)
		if err != nil {
			fmt.Fprintf(stderr, "till receipt: the receipt was not printed: %v\n", err)
			status = 1
		} else {
			fmt.Fprintf(stderr, "Receipt for %s %s.\n", r.PaymentIntent, where)
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

// findReceipt makes the receipt of an order (from this till's database) or of a
// PaymentIntent (whose order's lines are used when this till has the order).
func findReceipt(ctx context.Context, svc *services, id string) (checkout.Receipt, error) {
	var sess *checkout.Session
	pi := id
	if !strings.HasPrefix(id, "pi_") {
		s, found, err := svc.store.Session(id)
		switch {
		case err != nil:
			return checkout.Receipt{}, err
		case !found:
			return checkout.Receipt{}, fmt.Errorf("no order %q in this till's database; give its PaymentIntent (pi_…) instead", id)
		case s.PaymentIntentID == "":
			return checkout.Receipt{}, fmt.Errorf("order %s never reached Stripe (it is %s); there is no receipt", id, s.Phase)
		}
		sess, pi = &s, s.PaymentIntentID
	}
	callCtx, cancel := context.WithTimeout(ctx, svc.cfg.CallTimeout)
	defer cancel()
	p, err := svc.gateway.ReadPayment(callCtx, pi)
	if err != nil {
		return checkout.Receipt{}, fmt.Errorf("cannot read %s from Stripe: %s", pi, checkout.Explain(checkout.AsFailure(err)))
	}
	if sess == nil && p.Intent.OrderID != "" {
		if s, found, err := svc.store.Session(p.Intent.OrderID); err == nil && found && s.PaymentIntentID == pi {
			sess = &s
		}
	}
	return checkout.NewReceipt(svc.cfg.Counter.Shop, sess, p)
}

// emailReceipt sets receipt_email under a key fixed by the payment and the address (a
// repeat sends nothing new), journaled under the order like every call.
func emailReceipt(ctx context.Context, svc *services, r checkout.Receipt, addr string) error {
	key := checkout.ReceiptEmailKey(r.PaymentIntent, addr)
	entry := store.Entry{OrderID: r.OrderID, Stage: store.StageBefore, Step: "receipt_email", IdempotencyKey: key, PaymentIntentID: r.PaymentIntent}
	if r.OrderID != "" {
		if _, err := svc.store.Append(entry); err != nil {
			return &checkout.Failure{Kind: checkout.KindStore, Message: err.Error()}
		}
		ctx = checkout.WithOrder(ctx, r.OrderID)
	}
	callCtx, cancel := context.WithTimeout(ctx, svc.cfg.CallTimeout)
	defer cancel()
	_, err := svc.gateway.SetReceiptEmail(callCtx, r.PaymentIntent, addr, key)
	if r.OrderID != "" {
		entry.Stage, entry.Outcome = store.StageAfter, "ok"
		if err != nil {
			entry.Outcome = string(checkout.AsFailure(err).Kind)
		}
		_, _ = svc.store.Append(entry) // for people; the call is made either way
	}
	return err
}
