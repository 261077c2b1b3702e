package checkout

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
)

// The shift report has one JSON shape, one CSV shape and one text shape, written here
// for the screen's export and for `till shift` alike. JSON counts money in minor units,
// as Stripe does; CSV writes decimals in the major unit, which spreadsheets read as
// numbers; both name the same columns.

// shiftColumns are the CSV header and the JSON totals' field names.
var shiftColumns = []string{"currency", "captured", "refunded", "canceled", "unresolved",
	"paid_count", "canceled_count", "unresolved_count", "tips"}

type shiftTotalsJSON struct {
	Currency        string `json:"currency"`
	Captured        int64  `json:"captured"` // sales, before tips
	Refunded        int64  `json:"refunded"`
	Canceled        int64  `json:"canceled"`
	Unresolved      int64  `json:"unresolved"`
	PaidCount       int    `json:"paid_count"`
	CanceledCount   int    `json:"canceled_count"`
	UnresolvedCount int    `json:"unresolved_count"`
	Tips            int64  `json:"tips"` // added by customers on the reader; Stripe captured captured + tips
}

type shiftPendingJSON struct {
	OrderID       string    `json:"order_id"`
	PaymentIntent string    `json:"payment_intent,omitempty"`
	Phase         string    `json:"phase"`
	Amount        int64     `json:"amount"`
	Currency      string    `json:"currency"`
	StartedAt     time.Time `json:"started_at"`
}

type shiftJSON struct {
	Since      time.Time          `json:"since"`
	Until      time.Time          `json:"until"`
	Totals     []shiftTotalsJSON  `json:"totals"`
	Unresolved []shiftPendingJSON `json:"unresolved"`
}

// WriteJSON writes the report as one indented JSON document; times are UTC.
func (r ShiftReport) WriteJSON(w io.Writer) error {
	doc := shiftJSON{Since: r.Since.UTC(), Until: r.Until.UTC(), Totals: []shiftTotalsJSON{}, Unresolved: []shiftPendingJSON{}}
	for _, t := range r.Totals {
		doc.Totals = append(doc.Totals, shiftTotalsJSON{Currency: t.Currency, Captured: t.Captured.Amount, Tips: t.Tips.Amount,
			Refunded: t.Refunded.Amount, Canceled: t.Canceled.Amount, Unresolved: t.Unresolved.Amount,
			PaidCount: t.Paid, CanceledCount: t.CanceledCount, UnresolvedCount: t.UnresolvedCount})
	}
	for _, s := range r.Unresolved {
		doc.Unresolved = append(doc.Unresolved, shiftPendingJSON{OrderID: s.OrderID, PaymentIntent: s.PaymentIntentID,
			Phase: s.Phase.String(), Amount: s.Amount.Amount, Currency: s.Amount.Currency, StartedAt: s.StartedAt.UTC()})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

// WriteCSV writes a header and one line per currency, led by the shift's since and until (UTC).
func (r ShiftReport) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	rows := [][]string{append([]string{"since", "until"}, shiftColumns...)}
	since, until := r.Since.UTC().Format(time.RFC3339), r.Until.UTC().Format(time.RFC3339)
	for _, t := range r.Totals {
		rows = append(rows, []string{since, until, t.Currency,
			t.Captured.Decimal(), t.Refunded.Decimal(), t.Canceled.Decimal(), t.Unresolved.Decimal(),
			strconv.Itoa(t.Paid), strconv.Itoa(t.CanceledCount), strconv.Itoa(t.UnresolvedCount), t.Tips.Decimal()})
	}
	return cw.WriteAll(rows)
}

// WriteText writes the report for people: a table per currency, then each unresolved
// payment. Times are in loc.
func (r ShiftReport) WriteText(w io.Writer, loc *time.Location) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Shift from %s to %s\n", r.Since.In(loc).Format("2006-01-02 15:04"), r.Until.In(loc).Format("2006-01-02 15:04"))
	if len(r.Totals) == 0 {
		b.WriteString("No payments.\n")
	} else {
		tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "CURRENCY\tCAPTURED\tTIPS\tREFUNDED\tCANCELED\tUNRESOLVED\t")
		for _, t := range r.Totals {
			fmt.Fprintf(tw, "%s\t%s (%d)\t%s\t%s\t%s (%d)\t%s (%d)\t\n", t.Currency, t.Captured, t.Paid, t.Tips, t.Refunded,
				t.Canceled, t.CanceledCount, t.Unresolved, t.UnresolvedCount)
		}
		_ = tw.Flush()
	}
	for _, s := range r.Unresolved {
		pi := s.PaymentIntentID
		if pi == "" {
			pi = "-"
		}
		fmt.Fprintf(&b, "unresolved: order %s, %s, %s %s\n", s.OrderID, s.Amount, s.Phase, pi)
	}
	_, err := io.WriteString(w, b.String())
	return err
}
