package refund

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/common"
)

// View draws the step on screen. What is left to refund (before a refund starts) or
// the refund's amount (once it runs) comes first, so a short screen loses only details.
func (m Model) View(sc common.Screen) string {
	p := &common.Page{Width: sc.Width, Height: sc.Height}
	v := view{Model: m, p: p, frame: sc.Frame}
	switch m.step {
	case stepRunning:
		v.running()
		v.notice()
		return p.String()
	case stepLoading:
		p.Line(m.styles.Spinner(sc.Frame) + " " + m.styles.Title.Render("Reading "+m.row.PaymentIntentID+" from Stripe…"))
		p.Blank()
		p.Para(m.styles.Muted, "till reads what is left to refund afresh: another till or the Dashboard may have refunded some of it.")
		return p.String()
	case stepFailed:
		p.Line(m.styles.Error.Render("Nothing can be refunded now"))
		p.Blank()
		p.Para(m.styles.Title, m.failure)
		return p.String()
	}
	v.heading()
	switch m.step {
	case stepWhat:
		v.what()
	case stepLines:
		v.lines()
	case stepAmount:
		v.amountField()
	case stepReason:
		v.reasons()
	case stepConfirm:
		v.summary()
	}
	return p.String()
}

// view draws one frame of the page.
type view struct {
	Model
	p     *common.Page
	frame int
}

// heading is the payment being refunded: what was paid, what is refunded, what is left.
func (v view) heading() {
	st, in := v.styles, v.payment
	paid := checkout.Money{Amount: in.AmountReceived, Currency: in.Amount.Currency}
	refunded := checkout.Money{Amount: in.AmountRefunded, Currency: in.Amount.Currency}
	title, order := "Refund "+common.CardText(in.Card), "order "+common.OrDash(in.OrderID)
	if v.p.Width <= 0 || ansi.StringWidth(title+" · "+order) <= v.p.Width-len(common.Margin) {
		v.p.Line(st.Title.Render(title) + st.Muted.Render(" · "+order))
	} else { // the order id whole, on its own line, rather than cut
		v.p.Line(st.Title.Render(title))
		v.p.Line(st.Muted.Render(order))
	}
	v.p.Line("Paid " + paid.String() + " · refunded " + refunded.String() + " · " + st.Title.Render(v.left().String()+" left to refund"))
	v.p.Blank()
}

func (v view) what() {
	st := v.styles
	v.p.Line(st.Title.Render("What comes back?"))
	options := [whatCount][2]string{
		{"Everything left", v.left().String()},
		{"Chosen lines of the order", ""},
		{"An amount", "at most " + v.left().String()},
	}
	if v.linesOffered() {
		options[whatLines][1] = common.Plural(len(v.cart.Lines), "line", "lines") + " sold"
	} else {
		options[whatLines][1] = "(this till has no cart for it)"
	}
	for i, o := range options {
		v.p.Line(st.Pointer(i == v.Model.what, common.Cell(o[0], 28, false)+o[1]))
	}
	if v.inPerson() {
		v.p.Blank()
		v.p.Para(st.Muted, "An Interac payment is refunded on the reader: the customer presents the card that paid.")
	}
}

func (v view) lines() {
	st := v.styles
	v.p.Line(st.Title.Render("Which units come back?") + st.Muted.Render("  → one more, ← one fewer"))
	descW := max(v.p.TextWidth()-2-18, 10)
	v.p.Line(st.Muted.Render("  " + common.Cell("Line", descW, false) + common.Cell("Sold", 6, true) + common.Cell("Left", 6, true) + common.Cell("Back", 6, true)))
	left := v.unitsLeft()
	// Under the list come what the chosen units come to and a spare line.
	from, to := common.Window(len(v.cart.Lines), v.line, v.p.RowsAbove(len(v.cart.Lines), 2, 1, len(v.cart.Lines)))
	for i := from; i < to; i++ {
		l := v.cart.Lines[i]
		row := common.Cell(l.Description, descW, false) + common.Cell(fmt.Sprint(l.Quantity), 6, true) + common.Cell(fmt.Sprint(left[i]), 6, true) +
			common.Cell(fmt.Sprint(v.units[i]), 6, true)
		v.p.Line(st.Pointer(i == v.line, row))
	}
	st.MoreRows(v.p, from, to, len(v.cart.Lines))
	v.p.Line(st.Title.Render("These come to " + v.linesAmount().String() + ", with their tax and discounts."))
}

func (v view) amountField() {
	st := v.styles
	v.p.Line(st.Title.Render("How much comes back? At most " + v.left().String() + "."))
	v.p.Line(st.FieldLine("Amount", v.amount, true))
	if v.fieldErr != "" {
		v.p.Para(st.FormError, v.fieldErr)
	}
	v.p.Para(st.Muted, "In "+common.Upper(v.payment.Amount.Currency)+", for example 5.00.")
}

func (v view) reasons() {
	st := v.styles
	v.p.Line(st.Title.Render("Why? ") + st.Muted.Render("Stripe keeps the reason with the refund."))
	for i, r := range reasons {
		code := r.code
		if code == "" {
			code = "none"
		}
		v.p.Line(st.Pointer(i == v.reason, common.Cell(code, 24, false)+st.Muted.Render(r.words)))
	}
}

// summary is the refund as chosen, while the cashier is asked to confirm it.
func (v view) summary() {
	st, p := v.styles, v.p
	p.Block(st.Amount.Render(v.chosenAmount().String()))
	if v.inPerson() {
		p.Row(st, "On", common.ReaderName(v.readers, v.readerID)+": the customer presents their card")
	} else {
		p.Row(st, "To", common.CardText(v.payment.Card))
	}
	p.Row(st, "What", v.whatText())
	p.Row(st, "Reason", common.OrDash(reasons[v.reason].code))
	after := v.left()
	after.Amount -= v.chosenAmount().Amount
	p.Row(st, "Left after it", after.String())
}

// whatText says what the refund gives back.
func (v view) whatText() string {
	switch v.Model.what {
	case whatLines:
		var parts []string
		for _, l := range v.chosenLines() {
			parts = append(parts, fmt.Sprintf("%s ×%d", v.cart.Lines[l.Line].Description, l.Quantity))
		}
		return strings.Join(parts, ", ")
	case whatAmount:
		return "an amount"
	}
	return "everything left"
}

// busy is a title for a call under way: with the spinner, or, when a failed save
// stopped everything, with what to do.
func (v view) busy(text string) {
	if v.lane.Stalled() {
		v.p.Line(v.styles.Warning.Render(text + " stopped. Press s to check the refund again."))
		return
	}
	v.p.Line(v.styles.Spinner(v.frame) + " " + v.styles.Title.Render(text))
}

// running draws the refund under way or ended, by its phase.
func (v view) running() {
	st, p, r := v.styles, v.p, v.lane.Refund()
	if v.overlay == overlayCards {
		v.cards()
		return
	}
	if v.checking && !v.lane.Stalled() {
		p.Line(st.Spinner(v.frame) + " " + st.Title.Render("Checking the refund left open at "+r.StartedAt.Local().Format("15:04")+"…"))
		p.Blank()
		p.Row(st, "Amount", r.Amount.String())
		p.Blank()
		p.Para(st.Muted, "till asks Stripe where this refund is before showing what to do; it will not refund twice.")
		return
	}
	switch r.Phase {
	case checkout.RefundCreating, checkout.RefundSending, checkout.RefundCanceling:
		v.busy(strings.TrimSuffix(checkout.ExplainRefund(r), ".") + "…")
	case checkout.RefundAwaiting:
		v.awaiting(r)
		return
	case checkout.RefundPending:
		p.Line(st.Spinner(v.frame) + " " + st.Warning.Render("Refund pending at Stripe"))
		p.Blank()
		p.Para(st.Title, checkout.ExplainRefund(r)+" till keeps checking and says when it ends.")
	case checkout.RefundSucceeded:
		p.Line(st.Success.Render("Refund succeeded"))
		p.Blank()
		p.Para(st.Title, checkout.ExplainRefund(r))
	case checkout.RefundFailed:
		p.Line(st.Error.Render("Refund failed"))
		p.Blank()
		p.Para(st.Title, checkout.ExplainRefund(r))
	case checkout.RefundCanceled:
		p.Line(st.Title.Render("Refund canceled. Nothing was refunded."))
	case checkout.RefundDeclined:
		p.Line(st.Error.Render("Refund not completed"))
		p.Blank()
		words := checkout.ExplainRefund(r)
		if v.readerInUse() {
			// Whose the other work is, the root knows: the cashier's own payment is not
			// "perhaps another till".
			words = common.InUseWords(r.Failure, v.inUseMine)
		}
		p.Para(st.Title, words)
	default:
		v.busy("Checking the refund…")
		if r.Failure != nil {
			p.Blank()
			p.Para(st.Warning, checkout.Explain(r.Failure))
		}
		p.Blank()
		p.Para(st.Muted, "till is re-reading Stripe; it will not refund twice.")
	}
	p.Blank()
	v.details(r)
	v.readError(r)
}

// awaiting is the in-person refund waiting for the customer's card, as a payment waits.
func (v view) awaiting(r checkout.Refund) {
	st, p := v.styles, v.p
	now := v.now()
	p.Block(st.Amount.Render(r.Amount.String()))
	p.Blank()
	p.Para(st.Title, "Ask the customer to present the card that paid ("+common.CardText(r.Card)+") on "+common.ReaderName(v.readers, r.ReaderID)+
		" to receive "+r.Amount.String()+".")
	if v.presenting != "" {
		p.Blank()
		p.Line(st.Spinner(v.frame) + " Presenting " + cardWords(v.presenting) + "…")
	}
	v.readError(r)
	p.Blank()
	if !r.ActionSince.IsZero() {
		p.Row(st, "Waiting", common.Clock(now.Sub(r.ActionSince)))
	}
	v.details(r)
}

// cardWords names the card being presented.
func cardWords(number string) string {
	if strings.Trim(number, "0123456789") == "" {
		return "test card " + common.Grouped(number)
	}
	return number
}

// details are the refund's facts, under what the cashier must see.
func (v view) details(r checkout.Refund) {
	st, p := v.styles, v.p
	if r.Phase != checkout.RefundAwaiting {
		p.Row(st, "Amount", r.Amount.String())
	}
	if r.InPerson {
		p.Row(st, "Reader", common.ReaderName(v.readers, r.ReaderID))
	} else {
		p.Row(st, "To", common.CardText(r.Card))
	}
	p.Row(st, "Order", r.OrderID)
	p.Row(st, "Refund id", r.ID)
	if r.StripeID != "" {
		p.Row(st, "At Stripe", r.StripeID+" ("+string(r.Status)+")")
	}
	if r.Reason != "" {
		p.Row(st, "Reason", r.Reason)
	}
}

// readError says that reads of the refund are failing, and what comes next: till
// reads again by itself only while it follows the refund.
func (v view) readError(r checkout.Refund) {
	if r.ReadFailures == 0 || r.ReadError == nil {
		return
	}
	next := ""
	switch {
	case r.Followed():
		next = " Reading it again in a moment."
	case r.Phase == checkout.RefundDeclined:
		next = " Press s to check again."
	}
	v.p.Blank()
	v.p.Para(v.styles.Warning, "Could not read the refund: "+checkout.ExplainRead(r.ReadError)+next)
}

// notice says when the refund on screen was left open by an earlier run, and what
// else is left or followed.
func (v view) notice() {
	var parts []string
	r := v.lane.Refund()
	if v.resumed && !v.checking && r.Phase.UnderWay() {
		parts = append(parts, "Resumed: this refund was left open at "+r.StartedAt.Local().Format("15:04")+".")
	}
	if n := len(v.waiting); n > 0 {
		parts = append(parts, common.Plural(n, "more refund left open comes", "more refunds left open come")+" next.")
	}
	if n := len(v.behind); n > 0 {
		parts = append(parts, "till follows "+common.Plural(n, "other refund", "other refunds")+" still at Stripe and says when each ends.")
	}
	if len(parts) > 0 {
		v.p.Blank()
		v.p.Para(v.styles.Warning, strings.Join(parts, " "))
	}
}

// cards lists the test cards to present on the simulated reader.
func (v view) cards() {
	st := v.styles
	v.p.Line(st.Title.Render("Present a test card on " + common.ReaderName(v.readers, v.lane.Refund().ReaderID)))
	v.p.Blank()
	st.CardList(v.p, v.card, len(common.TestCards))
}
