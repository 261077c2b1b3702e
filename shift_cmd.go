package main

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"
	"time"

	"github.com/till-pos/till/checkout"
)

// shiftPref is the store preference holding when the current shift started (RFC 3339).
const shiftPref = "shift_started"

// shiftJSON is `till shift report --json`: amounts in minor units.
type shiftJSON struct {
	Since      time.Time      `json:"since"`
	Until      time.Time      `json:"until"`
	Totals     []totalsJSON   `json:"totals"`
	Unresolved []shiftPending `json:"unresolved"`
}

type totalsJSON struct {
	Currency        string `json:"currency"`
	Captured        int64  `json:"captured"`
	Refunded        int64  `json:"refunded"`
	Canceled        int64  `json:"canceled"`
	Unresolved      int64  `json:"unresolved"`
	Paid            int    `json:"paid"`
	CanceledCount   int    `json:"canceled_count"`
	UnresolvedCount int    `json:"unresolved_count"`
}

type shiftPending struct {
	OrderID       string    `json:"order_id"`
	PaymentIntent string    `json:"payment_intent"`
	Phase         string    `json:"phase"`
	Amount        int64     `json:"amount"`
	Currency      string    `json:"currency"`
	StartedAt     time.Time `json:"started_at"`
}

func runShift(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || (args[0] != "report" && args[0] != "close") {
		fmt.Fprintln(stderr, "Usage: till shift report [--json|--csv]\n       till shift close")
		return 2
	}
	sub := args[0]
	fs := commandFlags("shift "+sub, "till shift "+sub+" [--json|--csv]",
		"Totals per currency since the shift started; close refuses while a payment is unresolved.", stderr)
	asJSON := fs.Bool("json", false, "print the report as JSON")
	asCSV := fs.Bool("csv", false, "print the totals as CSV")
	svc, code, ok := openSupport(fs, args[1:], 0, stderr)
	if !ok {
		return code
	}
	defer svc.Close()
	if *asJSON && *asCSV {
		fmt.Fprintln(stderr, "till shift: choose --json or --csv, not both")
		return 2
	}
	now := time.Now().UTC()
	report, err := shiftReport(svc, now)
	if err != nil {
		fmt.Fprintf(stderr, "till shift %s: cannot read the journal: %v\n", sub, err)
		return 1
	}
	if sub == "close" {
		if err := report.CanClose(); err != nil {
			fmt.Fprintf(stderr, "till shift close: %v (till payments --unfinished).\n", err)
			return 1
		}
		if err := svc.store.SetPref(shiftPref, now.Format(time.RFC3339Nano)); err != nil {
			fmt.Fprintf(stderr, "till shift close: cannot record the close, so the shift is still open: %v\n", err)
			return 1
		}
	}
	switch {
	case *asJSON:
		writeJSON(stdout, toShiftJSON(report))
	case *asCSV:
		writeShiftCSV(stdout, report)
	default:
		printShift(stdout, report)
	}
	if sub == "close" && !*asJSON && !*asCSV {
		fmt.Fprintf(stdout, "Shift closed at %s; the next one starts now.\n", now.Local().Format("2006-01-02 15:04:05"))
	}
	return 0
}

// shiftReport reports from the shift's start to now.
func shiftReport(svc *services, now time.Time) (checkout.ShiftReport, error) {
	since, err := shiftStart(svc, now)
	if err != nil {
		return checkout.ShiftReport{}, err
	}
	sessions, err := svc.store.Sessions(since)
	if err != nil {
		return checkout.ShiftReport{}, err
	}
	return checkout.Report(sessions, since, now), nil
}

// shiftStart is the recorded start of the shift, else the first session's start (no
// shift was ever closed), else now.
func shiftStart(svc *services, now time.Time) (time.Time, error) {
	if v, err := svc.store.Pref(shiftPref); err == nil && v != "" {
		if t, err := time.Parse(time.RFC3339Nano, v); err == nil {
			return t, nil
		}
	}
	sessions, err := svc.store.Sessions(time.Time{})
	if err != nil || len(sessions) == 0 {
		return now, err
	}
	return sessions[0].StartedAt, nil
}

func toShiftJSON(r checkout.ShiftReport) shiftJSON {
	out := shiftJSON{Since: r.Since, Until: r.Until, Totals: []totalsJSON{}, Unresolved: []shiftPending{}}
	for _, t := range r.Totals {
		out.Totals = append(out.Totals, totalsJSON{Currency: t.Currency, Captured: t.Captured.Amount, Refunded: t.Refunded.Amount,
			Canceled: t.Canceled.Amount, Unresolved: t.Unresolved.Amount, Paid: t.Paid, CanceledCount: t.CanceledCount, UnresolvedCount: t.UnresolvedCount})
	}
	for _, s := range r.Unresolved {
		out.Unresolved = append(out.Unresolved, shiftPending{OrderID: s.OrderID, PaymentIntent: s.PaymentIntentID, Phase: s.Phase.String(),
			Amount: s.Amount.Amount, Currency: s.Amount.Currency, StartedAt: s.StartedAt})
	}
	return out
}

// writeShiftCSV writes one line per currency; amounts are decimals in the major unit
// (12.34), which spreadsheets read as numbers.
func writeShiftCSV(w io.Writer, r checkout.ShiftReport) {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"since", "until", "currency", "captured", "refunded", "canceled", "unresolved", "paid", "canceled_count", "unresolved_count"})
	for _, t := range r.Totals {
		_ = cw.Write([]string{r.Since.Format(time.RFC3339), r.Until.Format(time.RFC3339), t.Currency,
			decimal(t.Captured), decimal(t.Refunded), decimal(t.Canceled), decimal(t.Unresolved),
			strconv.Itoa(t.Paid), strconv.Itoa(t.CanceledCount), strconv.Itoa(t.UnresolvedCount)})
	}
	cw.Flush()
}

// decimal writes an amount in the currency's major unit without symbol or grouping.
func decimal(m checkout.Money) string {
	d := checkout.Decimals(m.Currency)
	if d == 0 {
		return strconv.FormatInt(m.Amount, 10)
	}
	sign, n := "", m.Amount
	if n < 0 {
		sign, n = "-", -n
	}
	return fmt.Sprintf("%s%d.%02d", sign, n/100, n%100)
}

func printShift(w io.Writer, r checkout.ShiftReport) {
	fmt.Fprintf(w, "Shift from %s to %s\n", r.Since.Local().Format("2006-01-02 15:04"), r.Until.Local().Format("2006-01-02 15:04"))
	if len(r.Totals) == 0 {
		fmt.Fprintln(w, "No payments.")
		return
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "CURRENCY\tCAPTURED\tREFUNDED\tCANCELED\tUNRESOLVED\t")
	for _, t := range r.Totals {
		fmt.Fprintf(tw, "%s\t%s (%d)\t%s\t%s (%d)\t%s (%d)\t\n", t.Currency, t.Captured, t.Paid, t.Refunded,
			t.Canceled, t.CanceledCount, t.Unresolved, t.UnresolvedCount)
	}
	_ = tw.Flush()
	for _, s := range r.Unresolved {
		fmt.Fprintf(w, "unresolved: order %s, %s, %s %s\n", s.OrderID, s.Amount, s.Phase, dash(s.PaymentIntentID))
	}
}
