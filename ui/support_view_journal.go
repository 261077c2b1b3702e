package ui

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/till-pos/till/checkout"
)

func (m Model) timelinePane(p *page) {
	st, s := m.styles, m.sup
	if s.order == "" {
		p.para(st.Muted, "No payment selected. Choose one in the Payments pane (enter), or start a payment on the cashier's screen.")
		return
	}
	p.line(st.Title.Render("Order "+s.order) + st.Muted.Render(" · "+plural(len(s.entries), "journal entry", "journal entries")))
	if s.entriesErr != nil {
		p.para(st.Error, "Could not read the journal: "+s.entriesErr.Error())
		return
	}
	if len(s.entries) == 0 {
		p.line(st.Muted.Render("Nothing journaled for this order yet."))
		return
	}
	p.line(st.Muted.Render("  " + cell("time", 13, false) + cell("stage", 7, false) + cell("step", 14, false) +
		cell("http", 5, false) + cell("took", 8, false) + "outcome"))
	from, to := window(len(s.entries), s.entry, 7)
	for i := from; i < to; i++ {
		e := s.entries[i]
		status := ""
		if e.HTTPStatus != 0 {
			status = strconv.Itoa(e.HTTPStatus)
		}
		took := ""
		if e.Duration > 0 {
			took = e.Duration.Round(time.Millisecond).String()
		}
		outcome := e.Outcome
		if e.Repeats > 0 { // a run of identical polls, kept as one line
			outcome += fmt.Sprintf(" ×%d to %s", e.Repeats+1, e.Until.Local().Format("15:04:05"))
		}
		row := cell(e.At.Local().Format("15:04:05.000"), 13, false) + cell(e.Stage, 7, false) + cell(e.Step, 14, false) +
			cell(status, 5, false) + cell(took, 8, false) + outcome
		p.line(m.pointer(i == s.entry, row))
		if extra := entryExtra(e); extra != "" {
			p.line("    " + st.Muted.Render(extra))
		}
	}
	m.moreRows(p, from, to, len(s.entries))
}

// entryExtra is an entry's second line: the request, idempotency key and request id.
func entryExtra(e checkout.Entry) string {
	var parts []string
	if e.Method != "" || e.Path != "" {
		parts = append(parts, strings.TrimSpace(e.Method+" "+e.Path))
	}
	if e.IdempotencyKey != "" {
		parts = append(parts, "key "+e.IdempotencyKey)
	}
	if e.RequestID != "" {
		parts = append(parts, e.RequestID)
	}
	return strings.Join(parts, " · ")
}

func (m Model) shiftPane(p *page) {
	st, s := m.styles, m.sup
	if s.shiftErr != nil {
		p.para(st.Error, "Could not read the shift: "+s.shiftErr.Error())
		return
	}
	if !s.hasShift {
		p.line(m.spinnerView() + " Reading the shift…")
		return
	}
	r := s.report
	p.line(st.Title.Render("Shift since "+r.Since.Local().Format("Mon 2 Jan 15:04")) +
		st.Muted.Render(" · until "+r.Until.Local().Format("15:04")))
	p.blank()
	if len(r.Totals) == 0 {
		p.line(st.Muted.Render("No payments in this shift yet."))
	} else {
		p.line(st.Muted.Render(cell("", 6, false) + cell("captured", 17, true) + cell("refunded", 17, true) +
			cell("canceled", 17, true) + cell("unresolved", 17, true)))
		for _, t := range r.Totals {
			p.line(cell(upper(t.Currency), 6, false) + cell(count(t.Captured, t.Paid), 17, true) +
				cell(t.Refunded.String(), 17, true) + cell(count(t.Canceled, t.CanceledCount), 17, true) +
				cell(count(t.Unresolved, t.UnresolvedCount), 17, true))
		}
	}
	p.blank()
	if len(r.Unresolved) == 0 {
		p.line(st.Success.Render("Nothing unresolved: the shift can close (C)."))
		return
	}
	p.line(st.Warning.Render(plural(len(r.Unresolved), "unresolved payment", "unresolved payments") + " — settle them in the Payments pane before closing:"))
	from, to := window(len(r.Unresolved), 0, 6)
	for _, u := range r.Unresolved[from:to] {
		p.line("  " + cell(u.OrderID, 30, false) + cell(u.Phase.String(), 12, false) + cell(u.Amount.String(), 12, true) + "  " + u.PaymentIntentID)
	}
	m.moreRows(p, from, to, len(r.Unresolved))
}

// count is an amount with its number of payments: "$12.00 (2)".
func count(amount checkout.Money, n int) string {
	return fmt.Sprintf("%s (%d)", amount, n)
}
