package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/till-pos/till/checkout"
)

func runShift(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || (args[0] != "report" && args[0] != "close") {
		return noSubcommand(stderr, "shift", "Usage: till shift report [--json|--csv]\n       till shift close", args)
	}
	sub := args[0]
	fs := commandFlags("shift "+sub, "till shift "+sub+" [--json|--csv]",
		"Totals per currency since the shift started; close refuses while a payment is unresolved.", stderr, noReaderNorSale...)
	asJSON := fs.Bool("json", false, "print the report as JSON")
	asCSV := fs.Bool("csv", false, "print the totals as CSV")
	svc, code, ok := openSupport(fs, args[1:], 0, stderr, nil)
	if !ok {
		return code
	}
	defer svc.Close()
	if *asJSON && *asCSV {
		fmt.Fprintln(stderr, "till shift: choose --json or --csv, not both")
		return 2
	}
	now := time.Now().UTC()
	ctx, stop := commandContext()
	defer stop()
	callCtx, cancel := context.WithTimeout(ctx, svc.cfg.CallTimeout)
	defer cancel()
	sh := checkout.Shift{Ledger: svc.store, Stripe: svc.gateway, TillID: svc.cfg.TillID}
	var report checkout.ShiftReport
	var err error
	if sub == "close" {
		if report, err = sh.Close(callCtx, now, nil); err != nil {
			fmt.Fprintf(stderr, "till shift close: %v (till payments --unfinished).\n", err)
			return 1
		}
	} else if report, err = sh.Report(callCtx, now); err != nil {
		fmt.Fprintf(stderr, "till shift report: cannot read the journal: %v\n", err)
		return 1
	}
	if report.RefundsNote != "" {
		svc.log.Warn("shift refunds", "note", report.RefundsNote) // the report says what is missing
	}
	switch {
	case *asJSON:
		err = report.WriteJSON(stdout)
	case *asCSV:
		err = report.WriteCSV(stdout)
	default:
		err = report.WriteText(stdout, time.Local)
	}
	if err != nil {
		fmt.Fprintf(stderr, "till shift %s: cannot write the report: %v\n", sub, err)
		return 1
	}
	if sub == "close" && !*asJSON && !*asCSV {
		fmt.Fprintf(stdout, "Shift closed at %s; the next one starts now.\n", now.Local().Format("2006-01-02 15:04:05"))
	}
	return 0
}
