package checkout

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
)

// The shift report has one JSON shape, one CSV shape and one text shape, written here
// for the screen's export and for `till shift` alike. JSON counts money in minor units,
// as Stripe does; CSV writes decimals in the major unit, which spreadsheets read as
// numbers; both name the same columns.

// shiftColumns are the JSON totals' field names and the CSV's columns between since and
// until and refunds_note (the JSON's top-level fields).
var shiftColumns = []string{"currency", "captured", "refunded", "canceled", "unresolved",
	"paid_count", "canceled_count", "unresolved_count", "tips", "refunded_count", "refunded_outside", "refunded_outside_count",
	"cash", "cash_count", "cash_rounding"}

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
	// Refunds: all of them, and the part made outside this till on its payments.
	RefundedCount        int   `json:"refunded_count"`
	RefundedOutside      int64 `json:"refunded_outside"`
	RefundedOutsideCount int   `json:"refunded_outside_count"`
	Cash                 int64 `json:"cash"` // cash sales: what went in the drawer (captured counts cards only)
	CashCount            int   `json:"cash_count"`
	CashRounding         int64 `json:"cash_rounding"` // the drawer minus the cash sales' amounts
}

type shiftRefundJSON struct {
	RefundID      string    `json:"refund_id,omitempty"`
	Refund        string    `json:"refund"`
	PaymentIntent string    `json:"payment_intent"`
	OrderID       string    `json:"order_id,omitempty"`
	Amount        int64     `json:"amount"`
	Currency      string    `json:"currency"`
	Status        string    `json:"status"`
	Source        string    `json:"source"`
	Outside       bool      `json:"outside_till"`
	At            time.Time `json:"at"`
}

type shiftOpenRefundJSON struct {
	RefundID      string `json:"refund_id"`
	OrderID       string `json:"order_id"`
	PaymentIntent string `json:"payment_intent"`
	Phase         string `json:"phase"`
	Amount        int64  `json:"amount"`
	Currency      string `json:"currency"`
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
	Since             time.Time             `json:"since"`
	Until             time.Time             `json:"until"`
	Totals            []shiftTotalsJSON     `json:"totals"`
	Unresolved        []shiftPendingJSON    `json:"unresolved"`
	Refunds           []shiftRefundJSON     `json:"refunds"`
	UnresolvedRefunds []shiftOpenRefundJSON `json:"unresolved_refunds"`
	RefundsNote       string                `json:"refunds_note,omitempty"`
}

// WriteJSON writes the report as one indented JSON document; times are UTC.
func (r ShiftReport) WriteJSON(w io.Writer) error {
	doc := shiftJSON{Since: r.Since.UTC(), Until: r.Until.UTC(), Totals: []shiftTotalsJSON{}, Unresolved: []shiftPendingJSON{},
		Refunds: []shiftRefundJSON{}, UnresolvedRefunds: []shiftOpenRefundJSON{}, RefundsNote: r.RefundsNote}
	for _, t := range r.Totals {
		doc.Totals = append(doc.Totals, shiftTotalsJSON{Currency: t.Currency, Captured: t.Captured.Amount, Tips: t.Tips.Amount,
			Refunded: t.Refunded.Amount, Canceled: t.Canceled.Amount, Unresolved: t.Unresolved.Amount,
			PaidCount: t.Paid, CanceledCount: t.CanceledCount, UnresolvedCount: t.UnresolvedCount,
			RefundedCount: t.RefundCount, RefundedOutside: t.RefundedOutside.Amount, RefundedOutsideCount: t.RefundOutsideCount,
			Cash: t.Cash.Amount, CashCount: t.CashCount, CashRounding: t.CashRounding.Amount})
	}
	for _, x := range r.Refunds {
		doc.Refunds = append(doc.Refunds, shiftRefundJSON{RefundID: x.RefundID, Refund: x.StripeID, PaymentIntent: x.PaymentIntentID,
			OrderID: x.OrderID, Amount: x.Amount.Amount, Currency: x.Amount.Currency, Status: string(x.Status), Source: x.Source,
			Outside: x.Outside(), At: x.At.UTC()})
	}
	for _, x := range r.UnresolvedRefunds {
		doc.UnresolvedRefunds = append(doc.UnresolvedRefunds, shiftOpenRefundJSON{RefundID: x.ID, OrderID: x.OrderID,
			PaymentIntent: x.PaymentIntentID, Phase: x.Phase.String(), Amount: x.Amount.Amount, Currency: x.Amount.Currency})
	}
	for _, s := range r.Unresolved {
		doc.Unresolved = append(doc.Unresolved, shiftPendingJSON{OrderID: s.OrderID, PaymentIntent: s.PaymentIntentID,
			Phase: s.Phase.String(), Amount: s.Amount.Amount, Currency: s.Amount.Currency, StartedAt: s.StartedAt.UTC()})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

// WriteCSV writes a header and one line per currency, led by the shift's since and until
// (UTC) and ended by the refunds note: a spreadsheet of a shift closed while Stripe's
// refunds could not all be read says so on every line, as the JSON does once.
func (r ShiftReport) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	rows := [][]string{slices.Concat([]string{"since", "until"}, shiftColumns, []string{"refunds_note"})}
	since, until := r.Since.UTC().Format(time.RFC3339), r.Until.UTC().Format(time.RFC3339)
	for _, t := range r.Totals {
		rows = append(rows, []string{since, until, t.Currency,
			t.Captured.Decimal(), t.Refunded.Decimal(), t.Canceled.Decimal(), t.Unresolved.Decimal(),
			strconv.Itoa(t.Paid), strconv.Itoa(t.CanceledCount), strconv.Itoa(t.UnresolvedCount), t.Tips.Decimal(),
			strconv.Itoa(t.RefundCount), t.RefundedOutside.Decimal(), strconv.Itoa(t.RefundOutsideCount),
			t.Cash.Decimal(), strconv.Itoa(t.CashCount), t.CashRounding.Decimal(), r.RefundsNote})
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
		// SALES, not CAPTURED: Stripe captured the sales and the tips, and the Shift pane's
		// "captured" row is that sum (the CSV's and JSON's "captured" keep their meaning).
		fmt.Fprintln(tw, "CURRENCY\tSALES\tTIPS\tREFUNDED\tCANCELED\tUNRESOLVED\tCASH\t")
		for _, t := range r.Totals {
			fmt.Fprintf(tw, "%s\t%s (%d)\t%s\t%s (%d)\t%s (%d)\t%s (%d)\t%s (%d)\t\n", t.Currency, t.Captured, t.Paid, t.Tips, t.Refunded, t.RefundCount,
				t.Canceled, t.CanceledCount, t.Unresolved, t.UnresolvedCount, t.Cash, t.CashCount)
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
	for _, x := range r.Refunds {
		if x.Outside() {
			fmt.Fprintf(&b, "refunded outside this till (%s): order %s, %s, %s %s\n", sourceWords(x.Source), dashed(x.OrderID),
				x.Amount, x.Status, x.StripeID)
		}
	}
	for _, x := range r.UnresolvedRefunds {
		fmt.Fprintf(&b, "refund under way: %s, order %s, %s, %s\n", x.ID, x.OrderID, x.Amount, x.Phase)
	}
	if r.RefundsNote != "" {
		fmt.Fprintf(&b, "note: %s\n", r.RefundsNote)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func sourceWords(source string) string {
	if source == RefundByOtherTill {
		return "another till"
	}
	return "Dashboard or API"
}

func dashed(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
