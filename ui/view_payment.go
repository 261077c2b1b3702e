package ui

import (
	"github.com/till-pos/till/checkout"
)

// busy is a title for a call under way: with the spinner, or, when a failed save
// stopped everything, with what to do.
func (m Model) busy(p *page, text string) {
	if m.stalled {
		p.line(m.styles.Warning.Render(text + " stopped. Press s to check the payment again."))
		return
	}
	p.line(m.spinnerView() + " " + m.styles.Title.Render(text))
	if m.opts.Busy.Active(m.opts.Now()) {
		p.line(m.styles.Muted.Render("  Stripe is busy, retrying…"))
	}
}

// amount draws the amount the customer pays, large.
func (m Model) amount(p *page) {
	p.block(m.styles.Amount.Render(m.session.Amount.String()))
}

// readError says that status reads are failing, and what till does about it; a rate
// limit is only Stripe being busy, and till retrying.
func (m Model) readError(p *page) {
	s := m.session
	limited := s.ReadFailures > 0 && s.ReadError != nil && s.ReadError.Kind == checkout.KindRateLimit
	if m.opts.Busy.Active(m.opts.Now()) || limited {
		p.blank()
		p.line(m.styles.Muted.Render("Stripe is busy, retrying…"))
		return
	}
	if s.ReadFailures == 0 || s.ReadError == nil {
		return
	}
	next := "press s to try again"
	if s.Phase == checkout.Awaiting || s.Phase == checkout.Unknown {
		next = "retrying"
	}
	p.blank()
	p.para(m.styles.Warning, "Can't reach Stripe: "+checkout.Explain(s.ReadError)+" — "+next)
}

// intentText is the PaymentIntent's id and status, as far as till knows them.
func (m Model) intentText() string {
	s := m.session
	if s.PaymentIntentID == "" {
		return "not created yet, as far as till knows"
	}
	if s.IntentStatus == "" {
		return s.PaymentIntentID
	}
	return s.PaymentIntentID + " (" + string(s.IntentStatus) + ")"
}

// actionText is the reader's action on this payment.
func (m Model) actionText() string {
	a := m.session.Action
	if a == nil {
		return "none"
	}
	text := string(a.Status)
	if a.FailureCode != "" {
		text += " (" + a.FailureCode + ")"
	}
	return text
}

func (m Model) creatingView(p *page) {
	m.busy(p, "Creating payment…")
	p.blank()
	p.row(m.styles, "Amount", m.session.Amount.String())
	p.row(m.styles, "Reader", m.readerName())
}

func (m Model) sendingView(p *page) {
	m.busy(p, "Sending "+m.session.Amount.String()+" to "+m.readerName()+"…")
	p.blank()
	p.row(m.styles, "Payment", m.intentText())
}

func (m Model) awaitingView(p *page) {
	st, s := m.styles, m.session
	m.amount(p)
	p.blank()
	p.para(st.Title, "Ask the customer to tap, insert or swipe their card on "+m.readerName()+".")
	p.blank()
	p.row(st, "Reader action", m.actionText())
	p.row(st, "Payment", m.intentText())
	if !s.ActionSince.IsZero() {
		p.row(st, "Waiting", clock(m.opts.Now().Sub(s.ActionSince)))
	}
	if m.presenting != "" {
		p.blank()
		p.line(m.spinnerView() + " Presenting test card " + grouped(m.presenting) + "…")
	}
	if s.PossiblyStuck(m.opts.Now(), m.opts.StuckAfter) {
		p.blank()
		p.para(st.Warning, "No change for "+clock(m.opts.Now().Sub(s.ActionSince))+": the reader may have lost its connection. "+
			"If the customer is not paying, press x: till cancels the reader's action only if it is still this payment.")
	}
	m.readError(p)
}

func (m Model) approvedView(p *page) {
	st, s := m.styles, m.session
	p.line(st.Success.Render("Approved — ready to capture"))
	p.blank()
	m.amount(p)
	p.blank()
	p.row(st, "Card", cardText(s.Card))
	p.row(st, "Payment", m.intentText())
	if !s.CaptureBefore.IsZero() {
		p.row(st, "Capture before", s.CaptureBefore.Format("Mon 2 Jan 15:04"))
	}
	m.readError(p)
}

func (m Model) capturingView(p *page) {
	m.busy(p, "Capturing…")
	p.blank()
	p.row(m.styles, "Amount", m.session.Amount.String())
	p.row(m.styles, "Card", cardText(m.session.Card))
}

func (m Model) paidView(p *page) {
	st, s := m.styles, m.session
	p.line(st.Success.Render("Paid"))
	p.blank()
	p.row(st, "Amount", s.Amount.String())
	p.row(st, "Card", cardText(s.Card))
	p.row(st, "PaymentIntent", s.PaymentIntentID)
	p.row(st, "Order", s.OrderID)
	p.row(st, "Status", "Paid")
}

func (m Model) declinedView(p *page) {
	st, s := m.styles, m.session
	title, hint := "Payment not completed", ""
	if s.Failure != nil && s.Failure.Kind == checkout.KindDeclined {
		title, hint = "Card declined", "Retry with another card on the same payment, or cancel it."
	}
	p.line(st.Error.Render(title))
	p.blank()
	p.para(st.Title, checkout.Explain(s.Failure))
	if s.Failure != nil && s.Failure.DeclineCode != "" {
		p.line(st.Muted.Render("decline code " + s.Failure.DeclineCode))
	}
	p.blank()
	p.row(st, "Amount", s.Amount.String())
	p.row(st, "Reader", m.readerName())
	p.row(st, "Payment", m.intentText())
	if hint != "" {
		p.blank()
		p.para(st.Muted, hint)
	}
	m.readError(p)
}

func (m Model) unknownView(p *page) {
	st, s := m.styles, m.session
	m.busy(p, "Checking the payment…")
	p.blank()
	if s.Failure != nil {
		p.para(st.Warning, checkout.Explain(s.Failure))
		p.blank()
	}
	p.row(st, "Amount", s.Amount.String())
	p.row(st, "Payment", m.intentText())
	p.row(st, "Reader action", m.actionText())
	p.blank()
	p.para(st.Muted, "till is re-reading Stripe; it will not charge twice.")
	m.readError(p)
}

func (m Model) cancelingView(p *page) {
	m.busy(p, "Canceling the payment…")
	p.blank()
	p.row(m.styles, "Amount", m.session.Amount.String())
	p.row(m.styles, "Payment", m.intentText())
}

func (m Model) canceledView(p *page) {
	st, s := m.styles, m.session
	p.line(st.Title.Render("Payment canceled. Nothing was charged."))
	p.blank()
	p.row(st, "Amount", s.Amount.String())
	p.row(st, "PaymentIntent", s.PaymentIntentID)
	p.row(st, "Order", s.OrderID)
	if s.CancelReason != "" {
		p.row(st, "Reason", s.CancelReason)
	}
}
