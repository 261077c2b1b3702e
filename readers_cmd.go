package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/till-pos/till/checkout"
)

// readerRow is one reader as `till readers --json` prints it.
type readerRow struct {
	ID              string     `json:"id"`
	Label           string     `json:"label"`
	DeviceType      string     `json:"device_type"`
	Status          string     `json:"status"`
	Location        string     `json:"location"`
	LocationName    string     `json:"location_name,omitempty"`
	SoftwareVersion string     `json:"device_sw_version,omitempty"`
	SerialNumber    string     `json:"serial_number,omitempty"`
	LastSeenAt      *time.Time `json:"last_seen_at"`
	Action          *actionRow `json:"action"`
}

// actionRow is a reader's action; OrderID is set when the payment is one of this till's.
type actionRow struct {
	Type           string  `json:"type"`
	Status         string  `json:"status"`
	PaymentIntent  *string `json:"payment_intent"`
	FailureCode    *string `json:"failure_code"`
	FailureMessage *string `json:"failure_message"`
	OrderID        string  `json:"order_id,omitempty"`
	RefundID       string  `json:"refund_id,omitempty"` // till's id of the in-person refund the reader waits on
}

func runReaders(args []string, stdout, stderr io.Writer) int {
	fs := commandFlags("readers", "till readers [--json]", "Lists every reader in every location with what it is doing.", stderr, noReaderNorSale...)
	asJSON := fs.Bool("json", false, "print a JSON array")
	svc, code, ok := openSupport(fs, args, 0, stderr, nil)
	if !ok {
		return code
	}
	defer svc.Close()
	ctx, stop := commandContext()
	defer stop()
	rows, err := readerRows(ctx, svc)
	if err != nil {
		return failedRead(stderr, "readers", "cannot list the readers", err)
	}
	if *asJSON {
		writeJSON(stdout, rows)
		return 0
	}
	printReaders(stdout, rows, time.Now())
	return 0
}

// readerRows lists the readers with their locations' names and, for an action on one
// of this till's unfinished payments, its order.
func readerRows(ctx context.Context, svc *services) ([]readerRow, error) {
	callCtx, cancel := context.WithTimeout(ctx, svc.cfg.CallTimeout)
	defer cancel()
	readers, err := svc.gateway.ListReaders(callCtx)
	if err != nil {
		return nil, err
	}
	names := map[string]string{}
	if locs, err := svc.gateway.ListLocations(callCtx); err == nil {
		for _, l := range locs {
			names[l.ID] = l.DisplayName
		}
	}
	orders := map[string]string{}
	if open, err := svc.store.Unfinished(); err == nil {
		for _, s := range open {
			if s.PaymentIntentID != "" {
				orders[s.PaymentIntentID] = s.OrderID
			}
		}
	}
	rows := make([]readerRow, 0, len(readers))
	for _, r := range readers {
		row := readerRow{ID: r.ID, Label: r.Label, DeviceType: r.DeviceType, Status: r.Status, Location: r.Location,
			LocationName: names[r.Location], SoftwareVersion: r.SoftwareVersion, SerialNumber: r.SerialNumber}
		if !r.LastSeenAt.IsZero() {
			seen := r.LastSeenAt
			row.LastSeenAt = &seen
		}
		if a := r.Action; a != nil {
			row.Action = &actionRow{Type: a.Type, Status: string(a.Status), PaymentIntent: nullable(a.PaymentIntentID), RefundID: a.TillRefundID,
				FailureCode: nullable(a.FailureCode), FailureMessage: nullable(a.FailureMessage), OrderID: orders[a.PaymentIntentID]}
		}
		rows = append(rows, row)
	}
	return rows, nil
}

func printReaders(w io.Writer, rows []readerRow, now time.Time) {
	if len(rows) == 0 {
		fmt.Fprintln(w, "No readers. Register one with till setup (or in the Stripe Dashboard).")
		return
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "READER\tID\tTYPE\tSTATUS\tLOCATION\tLAST SEEN\tACTION")
	for _, r := range rows {
		seen := "-"
		if r.LastSeenAt != nil {
			seen = ago(*r.LastSeenAt, now)
		}
		loc := r.LocationName
		if loc == "" {
			loc = r.Location
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", dash(r.Label), r.ID, r.DeviceType, dash(r.Status), dash(loc), seen, describeAction(r.Action))
	}
	_ = tw.Flush()
}

func describeAction(a *actionRow) string {
	if a == nil {
		return "idle"
	}
	parts := []string{a.Type, a.Status}
	if a.PaymentIntent != nil {
		parts = append(parts, *a.PaymentIntent)
	}
	if a.OrderID != "" {
		parts = append(parts, "(this till's order "+a.OrderID+")")
	}
	if a.RefundID != "" {
		parts = append(parts, "refund "+a.RefundID)
	}
	if a.FailureCode != nil {
		parts = append(parts, "failed: "+*a.FailureCode)
	}
	return strings.Join(parts, " ")
}

// runReader dispatches `till reader SUBCOMMAND`.
func runReader(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] != "cancel-action" {
		return noSubcommand(stderr, "reader", "Usage: till reader cancel-action READER_ID [--expect-pi PI]", args)
	}
	return runCancelAction(args[1:], stdout, stderr)
}

// runCancelAction cancels a reader's action after reading it first: with --expect-pi it
// refuses unless the action is on that PaymentIntent (compare before cancel).
func runCancelAction(args []string, stdout, stderr io.Writer) int {
	fs := commandFlags("reader cancel-action", "till reader cancel-action READER_ID [--expect-pi PI]",
		"Cancels what the reader is doing. With --expect-pi, only when it is working on that payment.", stderr, noReaderNorSale...)
	expect := fs.String("expect-pi", "", "cancel only if the reader's action is on this PaymentIntent")
	svc, code, ok := openSupport(fs, args, 1, stderr, func(Config) string {
		err := checkStripeID("reader", "tmr_", fs.Arg(0))
		if err == nil && *expect != "" {
			err = checkStripeID("PaymentIntent", "pi_", *expect)
		}
		if err != nil {
			return fmt.Sprintf("till reader cancel-action: %v; till readers lists them. Nothing was sent to Stripe.", err)
		}
		return ""
	})
	if !ok {
		return code
	}
	defer svc.Close()
	readerID := fs.Arg(0)
	ctx, stop := commandContext()
	defer stop()
	callCtx, cancel := context.WithTimeout(ctx, svc.cfg.CallTimeout)
	defer cancel()
	r, err := svc.gateway.ReadReader(callCtx, readerID)
	if err != nil {
		return failedRead(stderr, "reader cancel-action", "cannot read the reader "+readerID, err)
	}
	a := r.Action
	if a == nil || a.Status != checkout.ActionInProgress {
		fmt.Fprintf(stdout, "Reader %s has nothing to cancel (%s).\n", r.Name(), describeAction(rowAction(a)))
		return 0
	}
	if *expect != "" && a.PaymentIntentID != *expect {
		holds := "no payment"
		if a.PaymentIntentID != "" {
			holds = "payment " + a.PaymentIntentID
		}
		fmt.Fprintf(stderr, "till reader cancel-action: reader %s is working on %s (%s), not %s; nothing was canceled.\n", r.Name(), holds, a.Type, *expect)
		return 1
	}
	if _, err := svc.gateway.CancelReaderAction(callCtx, readerID); err != nil {
		f := checkout.AsFailure(err)
		if f.Kind == checkout.KindReaderBusy {
			fmt.Fprintf(stderr, "till reader cancel-action: reader %s is authorizing the card right now and cannot be interrupted; check again in a few seconds (till payments --unfinished).\n", r.Name())
			return 1
		}
		if !f.Ambiguous() || !actionGone(ctx, svc, stderr, readerID, *a, f) {
			return failed(stderr, "reader cancel-action", "cannot cancel the reader's action", err)
		}
	}
	what := a.Type
	if a.PaymentIntentID != "" {
		what += " for " + a.PaymentIntentID
	}
	fmt.Fprintf(stdout, "Canceled reader %s's %s. The PaymentIntent itself is not canceled.\n", r.Name(), what)
	return 0
}

// actionGone follows a cancel whose outcome is unknown: it says so and reads the reader
// again; true when the action it meant to cancel is no longer in progress.
func actionGone(ctx context.Context, svc *services, stderr io.Writer, readerID string, was checkout.ReaderAction, f *checkout.Failure) bool {
	fmt.Fprintf(stderr, "till reader cancel-action: %s Reading the reader back to see whether it went through…\n", checkout.Explain(f))
	callCtx, cancel := context.WithTimeout(ctx, svc.cfg.CallTimeout)
	defer cancel()
	r, err := svc.gateway.ReadReader(callCtx, readerID)
	if err != nil {
		return false
	}
	a := r.Action
	return a == nil || a.Status != checkout.ActionInProgress || a.Type != was.Type || a.PaymentIntentID != was.PaymentIntentID
}

func rowAction(a *checkout.ReaderAction) *actionRow {
	if a == nil {
		return nil
	}
	return &actionRow{Type: a.Type, Status: string(a.Status), PaymentIntent: nullable(a.PaymentIntentID), FailureCode: nullable(a.FailureCode)}
}
