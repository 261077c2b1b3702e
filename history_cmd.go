package main

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/spf13/pflag"

	"github.com/till-pos/till/checkout"
)

// historyFlags are `till payments --history`'s flags.
type historyFlags struct {
	on, unfinished bool
	since, search  string
}

func addHistoryFlags(fs *pflag.FlagSet) *historyFlags {
	h := &historyFlags{}
	fs.BoolVar(&h.on, "history", false, "list the finished payments, newest first (from this till's journal and from Stripe)")
	fs.StringVar(&h.since, "since", "24h", "with --history: how far back to look: 24h, 7d, a date like 2026-11-01, or an RFC 3339 time")
	fs.StringVar(&h.search, "search", "", "with --history: only the payments matching all these words (order id, payment id, amount, last four, brand, card or cash)")
	return h
}

// historyRow is one payment as `till payments --history --json` prints it: amounts in
// minor units.
type historyRow struct {
	At            time.Time `json:"at"`
	OrderID       string    `json:"order_id"`
	PaymentIntent string    `json:"payment_intent"`
	Amount        int64     `json:"amount"` // what was paid, the tip included
	Tip           int64     `json:"tip"`
	Refunded      int64     `json:"refunded"`
	Left          int64     `json:"left_to_refund"`
	Currency      string    `json:"currency"`
	CardBrand     string    `json:"card_brand"`
	CardLast4     string    `json:"card_last4"`
	Status        string    `json:"status"`
	Reader        string    `json:"reader"`
	Source        string    `json:"source"` // till, stripe or both
	Tender        string    `json:"tender"` // card or cash
	CashGiven     *int64    `json:"cash_given,omitempty"`
	CashChange    *int64    `json:"cash_change,omitempty"`
}

func (h *historyFlags) run(svc *services, asJSON bool, stdout, stderr io.Writer) int {
	if h.unfinished {
		fmt.Fprintln(stderr, "till payments: choose --history or --unfinished, not both")
		return 2
	}
	now := time.Now()
	since, err := checkout.ParseSince(h.since, now, time.Local)
	if err != nil {
		fmt.Fprintf(stderr, "till payments: --since %v\n", err)
		return 2
	}
	ctx, stop := commandContext()
	defer stop()
	scope := tillScope(ctx, svc) // LoadHistory adds the readers of the orders it reads
	callCtx, cancel := context.WithTimeout(ctx, svc.cfg.CallTimeout)
	hist, searchErr := checkout.LoadHistory(callCtx, svc.store, svc.gateway, scope, since)
	cancel()
	if searchErr != nil && hist.Note == "" {
		fmt.Fprintf(stderr, "till payments: cannot read the journal: %v\n", searchErr)
		return 1
	}
	rows := checkout.FilterHistory(hist.Rows, checkout.HistoryFilter{Text: h.search, From: since})
	if !asJSON {
		printHistory(stdout, rows, h.search)
	}
	if searchErr != nil {
		return writeIncomplete(stdout, stderr, asJSON, historyRows(rows), []string{"till payments: " + hist.Note})
	}
	if asJSON {
		writeJSON(stdout, historyRows(rows))
	}
	if hist.Note != "" {
		fmt.Fprintf(stderr, "till payments: %s\n", hist.Note)
	}
	return 0
}

// historyRows is the history as --json prints it.
func historyRows(rows []checkout.HistoryRow) []historyRow {
	out := make([]historyRow, 0, len(rows))
	for _, r := range rows {
		row := historyRow{At: r.At.UTC(), OrderID: r.OrderID, PaymentIntent: r.PaymentIntentID, Amount: r.Amount.Amount, Tip: r.Tip.Amount,
			Refunded: r.Refunded.Amount, Left: r.Left().Amount, Currency: r.Amount.Currency, CardBrand: r.Card.Brand,
			CardLast4: r.Card.Last4, Status: r.Status, Reader: r.ReaderID, Source: r.Source, Tender: r.Tender}
		if c := r.Cash; c != nil {
			row.CashGiven, row.CashChange = &c.Given.Amount, &c.Change.Amount
		}
		out = append(out, row)
	}
	return out
}

func printHistory(w io.Writer, rows []checkout.HistoryRow, search string) {
	if len(rows) == 0 {
		if search != "" {
			fmt.Fprintf(w, "No finished payments match %q.\n", search)
		} else {
			fmt.Fprintln(w, "No finished payments.")
		}
		return
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "TIME\tORDER\tAMOUNT\tTIP\tREFUNDED\tTENDER\tSTATUS\tREADER\tPAYMENT")
	for _, r := range rows {
		card := "-"
		switch {
		case r.Cash != nil:
			card = fmt.Sprintf("cash (given %s, change %s)", r.Cash.Given, r.Cash.Change)
		case r.Card.Last4 != "":
			card = r.Card.Brand + " •••• " + r.Card.Last4
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.At.Local().Format("2006-01-02 15:04"), dash(r.OrderID), r.Amount,
			unlessZero(r.Tip), unlessZero(r.Refunded), card, r.Status, dash(r.ReaderID), dash(r.PaymentIntentID))
	}
	_ = tw.Flush()
}

// unlessZero is the amount, or "-" for none.
func unlessZero(m checkout.Money) string {
	if m.Amount == 0 {
		return "-"
	}
	return m.String()
}
