package payment

import (
	"fmt"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/common"
)

// View draws the payment's screen for its phase, or the test cards when open. Each
// screen puts first what the cashier must see (the amount, what to do), details after,
// so a short screen loses only details.
func (m Model) View(sc common.Screen) string {
	p := &common.Page{Width: sc.Width, Height: sc.Height}
	v := view{Model: m, p: p, frame: sc.Frame, s: m.lane.Session(), st: m.styles}
	switch {
	case m.overlay == overlayCards:
		v.cards()
		return p.String()
	case m.overlay == overlayTip:
		v.tipView()
		return p.String()
	case m.checking && !m.lane.Stalled():
		v.checkingResumed()
		m.notice(p)
		return p.String()
	}
	switch v.s.Phase {
	case checkout.Creating:
		v.creating()
	case checkout.Sending:
		v.sending()
	case checkout.Awaiting:
		v.awaiting()
	case checkout.Approved:
		v.approved()
	case checkout.Capturing:
		v.capturing()
	case checkout.Paid:
		v.paid()
	case checkout.Declined:
		v.declined()
	case checkout.Canceling:
		v.canceling()
	case checkout.Canceled:
		v.canceled()
	default:
		v.unknown()
	}
	m.notice(p)
	return p.String()
}

// view draws one frame of the page.
type view struct {
	Model
	p     *common.Page
	frame int
	s     checkout.Session
	st    *common.Styles
}

// busy is a title for a call under way: with the spinner, or, when a failed save
// stopped everything, with what to do.
func (v view) busy(text string) {
	if v.lane.Stalled() {
		v.p.Line(v.st.Warning.Render(text + " stopped. Press s to check the payment again."))
		return
	}
	v.p.Line(v.st.Spinner(v.frame) + " " + v.st.Title.Render(text))
	if env := v.deps.Env; env.Busy.Active(env.Now()) {
		v.p.Line(v.st.Muted.Render("  Stripe is busy, retrying…"))
	}
}

// amount draws the amount the customer pays, large.
func (v view) amount() { v.p.Block(v.st.Amount.Render(v.s.Amount.String())) }

// readError says that status reads are failing, and what till does about it; a rate
// limit is only Stripe being busy, and till retrying.
func (v view) readError() {
	s, env := v.s, v.deps.Env
	limited := s.ReadFailures > 0 && s.ReadError != nil && s.ReadError.Kind == checkout.KindRateLimit
	if env.Busy.Active(env.Now()) || limited {
		v.p.Blank()
		v.p.Line(v.st.Muted.Render("Stripe is busy, retrying…"))
		return
	}
	if s.ReadFailures == 0 || s.ReadError == nil {
		return
	}
	next := " Press s to check again."
	if s.Phase == checkout.Awaiting || s.Phase == checkout.Unknown {
		next = " Reading it again in a moment."
	}
	v.p.Blank()
	v.p.Para(v.st.Warning, "Could not read the payment: "+checkout.ExplainRead(s.ReadError)+next)
}

// intentText is the PaymentIntent's id and status, as far as till knows them.
func (v view) intentText() string {
	s := v.s
	if s.PaymentIntentID == "" {
		return "not created yet, as far as till knows"
	}
	if s.IntentStatus == "" {
		return s.PaymentIntentID
	}
	return s.PaymentIntentID + " (" + string(s.IntentStatus) + ")"
}

// actionText is the reader's action on this payment.
func (v view) actionText() string {
	a := v.s.Action
	if a == nil {
		return "none"
	}
	text := string(a.Status)
	if a.FailureCode != "" {
		text += " (" + a.FailureCode + ")"
	}
	return text
}

func (v view) creating() {
	v.busy("Creating payment…")
	v.p.Blank()
	v.p.Row(v.st, "Amount", v.s.Amount.String())
	v.p.Row(v.st, "Reader", v.readerName())
}

func (v view) sending() {
	v.busy("Sending " + v.s.Amount.String() + " to " + v.readerName() + "…")
	v.p.Blank()
	v.p.Row(v.st, "Payment", v.intentText())
}

func (v view) awaiting() {
	st, s, p := v.st, v.s, v.p
	now := v.deps.Env.Now()
	v.amount()
	p.Blank()
	p.Para(st.Title, "Ask the customer to tap, insert or swipe their card on "+v.readerName()+".")
	v.hint()
	if v.presenting != "" {
		p.Blank()
		p.Line(st.Spinner(v.frame) + " Presenting test card " + common.Grouped(v.presenting) + "…")
	}
	if s.PossiblyStuck(now, v.opts.StuckAfter) {
		p.Blank()
		p.Para(st.Warning, "No change for "+common.Clock(now.Sub(s.ActionSince))+": the reader may have lost its connection. "+
			"If the customer is not paying, press x: till cancels the reader's action only if it is still this payment.")
	}
	v.readError()
	p.Blank()
	if !s.ActionSince.IsZero() {
		p.Row(st, "Waiting", common.Clock(now.Sub(s.ActionSince)))
	}
	p.Row(st, "Reader action", v.actionText())
	p.Row(st, "Payment", v.intentText())
	if s.Attempts > 1 {
		// Else a retry's page is the first attempt's: nothing shows the cashier that r
		// took, nor that this is the same payment. An earlier attempt may have met a busy
		// or offline reader before any card, so it is the attempt that failed, not a card.
		earlier := "the first"
		if s.Attempts > 2 {
			earlier = fmt.Sprintf("the first %d", s.Attempts-1)
		}
		p.Row(st, "Attempt", fmt.Sprintf("%d: %s did not go through", s.Attempts, earlier))
	}
}

// hint says what a simulated reader does with the amount, before a card is presented:
// Stripe's test amounts decline whatever card is presented.
func (v view) hint() {
	if h := v.testAmount(); h != "" {
		v.p.Blank()
		v.p.Para(v.st.Warning, h)
	}
}

// charged is what the card pays: the sale and the tip the customer chose.
func (v view) charged() checkout.Money {
	return checkout.Money{Amount: v.s.Amount.Amount + v.s.Tip, Currency: v.s.Amount.Currency}
}

// tipRows shows the sale and the tip apart, when the reader offered a tip or the
// customer gave one.
func (v view) tipRows() {
	st, s, p := v.st, v.s, v.p
	if s.Tip == 0 && !v.tips() {
		return
	}
	p.Row(st, "Sale", s.Amount.String())
	tip := "none"
	if s.Tip > 0 {
		tip = checkout.Money{Amount: s.Tip, Currency: s.Amount.Currency}.String() + ", chosen on the reader"
	}
	p.Row(st, "Tip", tip)
}

func (v view) approved() {
	st, s, p := v.st, v.s, v.p
	p.Line(st.Success.Render("Approved — ready to capture"))
	p.Blank()
	v.p.Block(v.st.Amount.Render(v.charged().String()))
	p.Blank()
	v.tipRows()
	p.Row(st, "Card", common.CardText(s.Card))
	if !s.CaptureBefore.IsZero() {
		p.Row(st, "Capture before", s.CaptureBefore.Format("Mon 2 Jan 15:04"))
	}
	p.Row(st, "Payment", v.intentText())
	v.readError()
}

func (v view) capturing() {
	v.busy("Capturing…")
	v.p.Blank()
	v.p.Row(v.st, "Amount", v.charged().String())
	v.p.Row(v.st, "Card", common.CardText(v.s.Card))
}

func (v view) paid() {
	st, s, p := v.st, v.s, v.p
	p.Line(st.Success.Render("Paid"))
	p.Blank()
	received := v.charged()
	if s.AmountReceived > 0 {
		received.Amount = s.AmountReceived
	}
	p.Row(st, "Received", received.String())
	v.tipRows()
	p.Row(st, "Card", common.CardText(s.Card))
	p.Row(st, "Order", s.OrderID)
	p.Row(st, "PaymentIntent", s.PaymentIntentID)
}

func (v view) declined() {
	st, s, p := v.st, v.s, v.p
	title, hint := "Payment not completed", ""
	if s.Failure != nil && s.Failure.Kind == checkout.KindDeclined {
		title, hint = "Card declined", "Retry with another card on the same payment, or cancel it."
	}
	p.Line(st.Error.Render(title))
	p.Blank()
	words := checkout.Explain(s.Failure)
	switch {
	case title == "Card declined": // the title says it: the words need not
		words = checkout.DeclineReason(s.Failure)
	case v.readerInUse():
		// Whose the other work is, the root knows: this till's queue or support's lane
		// is not "perhaps another till".
		words = common.InUseWords(s.Failure, v.inUseMine)
	}
	p.Para(st.Title, words)
	if s.Failure != nil && s.Failure.DeclineCode != "" {
		p.Line(st.Muted.Render("decline code " + s.Failure.DeclineCode))
	}
	p.Blank()
	p.Row(st, "Amount", s.Amount.String())
	p.Row(st, "Reader", v.readerName())
	p.Row(st, "Payment", v.intentText())
	v.hint()
	if hint != "" {
		p.Blank()
		p.Para(st.Muted, hint)
	}
	v.readError()
}

func (v view) unknown() {
	st, s, p := v.st, v.s, v.p
	v.busy("Checking the payment…")
	p.Blank()
	p.Row(st, "Amount", s.Amount.String())
	if s.Held != "" {
		// A held call: what is held says it all; the failure and the reads say the same.
		v.held()
		p.Blank()
		p.Row(st, "Payment", v.intentText())
		p.Row(st, "Reader action", v.actionText())
		return
	}
	if s.Failure != nil {
		p.Blank()
		p.Para(st.Warning, checkout.Explain(s.Failure))
		p.Blank()
	}
	p.Row(st, "Payment", v.intentText())
	p.Row(st, "Reader action", v.actionText())
	p.Blank()
	p.Para(st.Muted, "till is re-reading Stripe; it will not charge twice.")
	v.readError()
}

func (v view) canceling() {
	v.busy("Canceling the payment…")
	v.p.Blank()
	v.p.Row(v.st, "Amount", v.s.Amount.String())
	v.p.Row(v.st, "Payment", v.intentText())
}

func (v view) canceled() {
	st, s, p := v.st, v.s, v.p
	p.Line(st.Title.Render("Payment canceled. Nothing was charged."))
	p.Blank()
	p.Row(st, "Amount", s.Amount.String())
	p.Row(st, "Order", s.OrderID)
	if s.CancelReason != "" {
		p.Row(st, "Reason", s.CancelReason)
	}
	p.Row(st, "PaymentIntent", s.PaymentIntentID)
}

// checkingResumed is a payment an earlier run left open, before Stripe has said where
// it is: what the journal last knew may be long out of date, so it is not shown.
func (v view) checkingResumed() {
	st, s, p := v.st, v.s, v.p
	p.Line(st.Spinner(v.frame) + " " + st.Title.Render("Checking the payment left open at "+s.StartedAt.Format("15:04")+"…"))
	p.Blank()
	p.Row(st, "Amount", s.Amount.String())
	p.Row(st, "Reader", v.readerName())
	p.Blank()
	p.Para(st.Muted, "till asks Stripe where this payment is before showing what to do; it will not charge twice.")
}

func (v view) cards() {
	st := v.st
	v.p.Line(st.Title.Render("Present a test card on " + v.readerName()))
	v.hint() // a test amount declines whatever "approves" says
	v.p.Blank()
	st.CardList(v.p, v.card, len(common.TestCards))
}
