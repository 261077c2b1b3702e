package refund

import (
	"slices"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/common"
	"github.com/till-pos/till/ui/drive"
)

// reasons are Stripe's refund reasons as the page offers them, and none.
var reasons = []struct{ code, words string }{
	{"requested_by_customer", "the customer asked for it"},
	{"duplicate", "the payment was taken twice"},
	{"fraudulent", "the payment was fraudulent"},
	{"", "no reason given"},
}

// loaded takes the payment as read: what is left to refund, the cart and the units
// already given back; or why nothing can be refunded now.
func (m Model) loaded(msg loadedMsg) (Model, tea.Cmd) {
	if msg.gen != m.loadGen || m.step != stepLoading {
		return m, nil
	}
	fail := func(why string) (Model, tea.Cmd) {
		m.step, m.failure = stepFailed, why
		return m, nil
	}
	if msg.err != nil {
		return fail("Could not read the payment: " + checkout.ExplainRead(checkout.AsFailure(msg.err)))
	}
	p := msg.payment
	m.payment = p
	if i := slices.IndexFunc(msg.refunds, func(r checkout.Refund) bool { return r.Phase.UnderWay() }); i >= 0 {
		r := msg.refunds[i]
		return fail("A refund of " + r.Amount.String() + " of this payment is still under way (" + r.Phase.String() + ", " + r.ID +
			"): till does not start another until Stripe says what became of it. It is followed on this screen; look again in a moment.")
	}
	switch {
	case p.Status == checkout.IntentRequiresCapture:
		return fail("This payment is authorized but not captured: nothing was taken, so there is nothing to refund. Cancel it (support › Payments) to release the money.")
	case p.Status != checkout.IntentSucceeded:
		return fail("This payment did not succeed (" + string(p.Status) + "): nothing was taken, so there is nothing to refund.")
	case p.Refundable().Amount == 0:
		return fail("This payment is already refunded in full.")
	}
	m.cart, m.already = msg.cart, checkout.RefundedLines(msg.refunds)
	m.units, m.line = make([]int64, len(m.cart.Lines)), 0
	m.what, m.reason, m.fieldErr = whatAll, 0, ""
	m.amount = common.Input(12)
	m.readerID = m.defaultReader()
	m.step = stepWhat
	return m, nil
}

// defaultReader is where an in-person refund goes: the reader that took the payment,
// else the reader of the next charge, else the first.
func (m Model) defaultReader() string {
	for _, id := range []string{m.payment.ReaderID, m.row.ReaderID, m.chosen} {
		if _, ok := common.FindReader(m.readers, id); ok {
			return id
		}
	}
	if len(m.readers) > 0 {
		return m.readers[0].ID
	}
	return ""
}

// inPerson reports whether the payment is refunded on a reader with the customer's card.
func (m Model) inPerson() bool { return checkout.RefundsInPerson(m.payment) }

// left is what is left to refund.
func (m Model) left() checkout.Money { return m.payment.Refundable() }

// unitsLeft is, per cart line, the units not given back yet.
func (m Model) unitsLeft() []int64 { return checkout.UnitsLeft(m.cart, m.already) }

// linesOffered reports whether the cart is known and has units left to give back.
func (m Model) linesOffered() bool {
	return slices.ContainsFunc(m.unitsLeft(), func(n int64) bool { return n > 0 })
}

// chosenLines are the units chosen to give back, per line.
func (m Model) chosenLines() []checkout.RefundLine {
	var out []checkout.RefundLine
	for i, n := range m.units {
		if n > 0 {
			out = append(out, checkout.RefundLine{Line: i, SKU: m.cart.Lines[i].SKU, Quantity: n})
		}
	}
	return out
}

// linesAmount is what the chosen units come to, with their share of tax and discounts.
func (m Model) linesAmount() checkout.Money {
	amount, err := checkout.LinesAmount(m.cart, m.chosenLines(), m.already)
	if err != nil {
		return checkout.Money{Currency: m.cart.Currency}
	}
	return amount
}

// chosenAmount is what the refund gives back, as chosen so far.
func (m Model) chosenAmount() checkout.Money {
	switch m.what {
	case whatLines:
		return m.linesAmount()
	case whatAmount:
		amount, _ := checkout.ParseAmount(m.amount.Value(), m.payment.Amount.Currency)
		return amount
	}
	return m.left()
}

// formKey handles the keys of the form's steps.
func (m Model) formKey(msg tea.KeyMsg, k keyMap) (Model, tea.Cmd) {
	switch m.step {
	case stepFailed, stepLoading:
		if key.Matches(msg, k.Back) {
			return m.done()
		}
	case stepWhat:
		var p common.Picked
		m.what, p = common.Pick(msg, k.Up, k.Down, k.Next, k.Back, m.what, whatCount)
		switch {
		case p == common.Closed:
			return m.done()
		case p == common.Chosen && m.what == whatLines && !m.linesOffered():
			return m, common.Say(common.LevelWarn, "This till has no cart for this payment (it sold an amount, or another till sold it): refund an amount instead.")
		case p == common.Chosen:
			m.step = map[int]step{whatAll: stepReason, whatLines: stepLines, whatAmount: stepAmount}[m.what]
		}
	case stepLines:
		return m.linesKey(msg, k)
	case stepAmount:
		return m.amountKey(msg, k)
	case stepReason:
		var p common.Picked
		m.reason, p = common.Pick(msg, k.Up, k.Down, k.Next, k.Back, m.reason, len(reasons))
		switch p {
		case common.Closed:
			m.step = map[int]step{whatAll: stepWhat, whatLines: stepLines, whatAmount: stepAmount}[m.what]
		case common.Chosen:
			m.step, m.asking = stepConfirm, true
		}
	case stepConfirm:
		switch {
		case key.Matches(msg, k.OtherReader):
			return m, common.Emit(PickReaderMsg{ReaderID: m.readerID})
		case key.Matches(msg, k.Yes):
			return m.start()
		case key.Matches(msg, k.No):
			m.step, m.asking = stepReason, false
		}
	}
	return m, nil
}

// linesKey chooses the units to give back: up and down pick a line, right and left
// give back one unit more or fewer.
func (m Model) linesKey(msg tea.KeyMsg, k keyMap) (Model, tea.Cmd) {
	left := m.unitsLeft()
	switch {
	case key.Matches(msg, k.Up, k.Down):
		m.line = common.Moved(msg, k.Up, m.line, len(m.units))
	case key.Matches(msg, k.More):
		m.units = slices.Clone(m.units)
		m.units[m.line] = min(m.units[m.line]+1, left[m.line])
	case key.Matches(msg, k.Fewer):
		m.units = slices.Clone(m.units)
		m.units[m.line] = max(m.units[m.line]-1, 0)
	case key.Matches(msg, k.Next):
		if len(m.chosenLines()) == 0 {
			return m, common.Say(common.LevelWarn, "Choose what comes back first: → gives back one more unit of the line.")
		}
		m.step = stepReason
	case key.Matches(msg, k.Back):
		m.step = stepWhat
	}
	return m, nil
}

// amountKey types the amount; enter takes it when it is above zero and no more than is
// left, else says what is wrong beside the field.
func (m Model) amountKey(msg tea.KeyMsg, k keyMap) (Model, tea.Cmd) {
	in, typed, cmd := common.Type(msg, k.Next, k.Back, m.amount)
	m.amount = in
	switch typed {
	case common.Dismissed:
		m.step, m.fieldErr = stepWhat, ""
	case common.Submitted:
		amount, err := checkout.ParseAmount(m.amount.Value(), m.payment.Amount.Currency)
		switch left := m.left(); {
		case err != nil:
			m.fieldErr = common.Sentence(common.Strip(err, checkout.ErrBadAmount))
		case amount.Amount <= 0:
			m.fieldErr = "The amount must be above zero."
		case amount.Amount > left.Amount:
			m.fieldErr = "Only " + left.String() + " is left to refund."
		default:
			m.fieldErr, m.step = "", stepReason
		}
	default:
		m.fieldErr = ""
	}
	return m, cmd
}

// UseReader takes the reader chosen for the in-person refund: before it starts, or to
// try again on after the reader did not take it.
func (m Model) UseReader(readerID string) (Model, tea.Cmd) {
	switch {
	case m.step == stepConfirm:
		m.readerID = readerID
		return m, nil
	case m.step == stepRunning && m.lane.Refund().Phase == checkout.RefundDeclined:
		return m.act(checkout.RetryRequested{ReaderID: readerID, At: m.now()})
	}
	return m, nil
}

// start asks the refund machine for the refund as chosen: it checks the amount against
// what is left once more, and the refund is saved before anything is sent.
func (m Model) start() (Model, tea.Cmd) {
	m.asking = false
	req := checkout.RefundRequested{RefundID: m.deps.NewID(), Payment: m.payment, Amount: m.chosenAmount(),
		Reason: reasons[m.reason].code, At: m.now()}
	if m.what == whatLines {
		req.Lines = m.chosenLines()
	}
	if m.inPerson() {
		req.ReaderID = m.readerID
	}
	lane, cmd, err := drive.NewRefundLane(laneID(req.RefundID), checkout.Refund{}).Start(m.deps.Env, checkout.Refund{}, req)
	if err != nil {
		m.step = stepReason
		return m, common.Say(common.LevelWarn, common.Sentence(common.Strip(err, checkout.ErrBadRefund)))
	}
	m.lane, m.step = lane, stepRunning
	return m.settle(cmd)
}
