package main

import (
	"fmt"
	"io"
	"time"

	"github.com/till-pos/till/checkout"
)

// outboxRow is one held call as `till outbox --json` prints it.
type outboxRow struct {
	checkout.HeldCall
	// CaptureLeft is the countdown to capture_before in whole seconds (0 once passed);
	// null when Stripe has not said.
	CaptureLeft *int64 `json:"capture_left_seconds"`
}

func runOutbox(args []string, stdout, stderr io.Writer) int {
	fs := commandFlags("outbox", "till outbox [--send] [--json]",
		"Lists the captures and cancels till owes Stripe and has had no answer to. Each is sent again by itself,\n"+
			"under the same idempotency key, by the next till pay and by the screen; --send does it now.", stderr, noReaderNorSale...)
	send := fs.Bool("send", false, "send the held calls again now (each payment is read first; a call that went through is not sent twice)")
	asJSON := fs.Bool("json", false, "print a JSON array of what is still held")
	svc, code, ok := openSupport(fs, args, 0, stderr, nil)
	if !ok {
		return code
	}
	defer svc.Close()
	if *send {
		ctx, stop := commandContext()
		defer stop()
		outcomes, err := sendHeld(ctx, svc, "", svc.cfg.CallTimeout)
		if err != nil {
			fmt.Fprintf(stderr, "till outbox: cannot read the outbox: %v\n", err)
			return 1
		}
		for _, o := range outcomes {
			fmt.Fprintln(stderr, "till outbox: "+o.words(time.Now()))
		}
	}
	calls, err := svc.store.Outbox()
	if err != nil {
		fmt.Fprintf(stderr, "till outbox: cannot read the outbox: %v\n", err)
		return 1
	}
	now := time.Now()
	if *asJSON {
		writeJSON(stdout, outboxRows(calls, now))
	} else {
		printOutbox(stdout, calls, now)
	}
	if *send && len(calls) > 0 {
		return 1
	}
	return 0
}

// outboxRows are the held calls as JSON has them, each with its countdown.
func outboxRows(calls []checkout.HeldCall, now time.Time) []outboxRow {
	rows := make([]outboxRow, 0, len(calls))
	for _, h := range calls {
		row := outboxRow{HeldCall: h}
		if left, ok := h.Left(now); ok {
			secs := int64(left / time.Second)
			row.CaptureLeft = &secs
		}
		rows = append(rows, row)
	}
	return rows
}

func printOutbox(w io.Writer, calls []checkout.HeldCall, now time.Time) {
	if len(calls) == 0 {
		fmt.Fprintln(w, "Nothing held: every capture and cancel has had its answer from Stripe.")
		return
	}
	for _, h := range calls {
		fmt.Fprintf(w, "%s\n  payment %s", heldLine(h, now), dash(h.PaymentIntentID))
		if h.Key != "" {
			fmt.Fprintf(w, " · key %s", h.Key)
		}
		if h.Checks > 0 {
			fmt.Fprintf(w, " · %d checks unanswered", h.Checks)
		}
		fmt.Fprintln(w)
	}
}
