package ui

import (
	"strconv"
	"strings"

	"github.com/till-pos/till/checkout"
)

func (m Model) paymentsPane(p *page) {
	st, s := m.styles, m.sup
	if s.overlay == supportReasons {
		m.reasonsView(p)
		return
	}
	for _, e := range s.paymentsErr {
		p.para(st.Error, e)
	}
	switch {
	case s.loadingPays && len(s.payments) == 0:
		p.line(m.spinnerView() + " Looking for unfinished payments…")
		return
	case len(s.payments) == 0:
		p.line(st.Muted.Render("No unfinished payments in this till's journal or at Stripe (last 7 days)."))
		return
	}
	p.line(st.Muted.Render(strings.Join([]string{
		plural(len(s.payments), "unfinished payment", "unfinished payments"), "this till's journal and Stripe, last 7 days"}, " · ")))
	from, to := window(len(s.payments), s.pay, 4)
	now := m.opts.Now()
	for i := from; i < to; i++ {
		pm := s.payments[i]
		id := pm.ID
		if id == "" {
			id = "(no intent yet)"
		}
		status := string(pm.Status)
		if pm.session != nil && !pm.fromStripe {
			status = pm.session.Phase.String() + " (journal)"
		}
		row := cell(id, 19, false) + cell(status, 24, false) + cell(pm.Amount.String(), 12, true) + "  " + m.ownerOf(pm)
		p.line(m.pointer(i == s.pay, row))
		second := "order " + orDash(pm.OrderID)
		if e := expiry(pm.CaptureBefore, now); e != "" {
			second += " · " + e
		}
		p.line("    " + st.Muted.Render(second))
	}
	m.moreRows(p, from, to, len(s.payments))
	if pm, ok := m.selectedPayment(); ok {
		p.blank()
		m.paymentDetail(p, pm)
	}
}

// ownerOf says whose payment a row is: in this till's journal, or someone else's.
func (m Model) ownerOf(pm payment) string {
	if pm.session != nil {
		return "this till"
	}
	return m.owner(pm.ID)
}

func (m Model) paymentDetail(p *page, pm payment) {
	st := m.styles
	if pm.Card.Last4 != "" {
		p.row(st, "Card", cardText(pm.Card))
	}
	if pm.ReaderID != "" {
		p.row(st, "Reader", pm.ReaderID)
	}
	if !pm.Created.IsZero() {
		p.row(st, "Created", pm.Created.Local().Format("Mon 2 Jan 15:04"))
	}
	if pm.LastError != nil {
		p.row(st, "Last attempt", checkout.Explain(pm.LastError))
	}
	if pm.ID == "" {
		p.para(st.Muted, "No PaymentIntent is known for this order yet; the cashier's screen resumes it.")
		return
	}
	a := m.advice(pm)
	action := "nothing to do"
	if a.Action != "" {
		action = a.Action
	}
	p.para(st.Title, "Advice: "+action+". "+a.Reason)
}

func (m Model) reasonsView(p *page) {
	st := m.styles
	pm, _ := m.selectedPayment()
	p.line(st.Title.Render("Cancel " + pm.ID + " (" + pm.Amount.String() + ") — why?"))
	p.blank()
	for i, r := range checkout.CancelReasons {
		p.line(m.pointer(i == m.sup.reason, r))
	}
	p.blank()
	p.para(st.Muted, "Advice: "+m.advice(pm).Reason)
}

// plural words a count: "1 payment", "2 payments".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
