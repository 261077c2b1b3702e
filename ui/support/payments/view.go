package payments

import (
	"github.com/charmbracelet/x/ansi"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/common"
)

// View draws the pane: the payments and the selected one's advice, or the reasons.
func (m Model) View(p *common.Page, frame int) {
	st := m.styles
	if m.reasonsOn {
		m.reasonsView(p)
		return
	}
	m.refundsView(p)
	for _, e := range m.errs {
		if common.Short(p.Height) { // the support screen's body: tabs, this pane
			// What could not be read stays; its network detail gives way to the payments.
			p.ParaIn(st.Error, e, 2)
			continue
		}
		p.Para(st.Error, e)
	}
	switch {
	case m.loading && len(m.payments) == 0:
		p.Line(st.Spinner(frame) + " Looking for unfinished payments…")
		return
	case len(m.payments) == 0 && m.unlisted:
		p.Para(st.Muted, "No unfinished payments in this till's journal.")
		return
	case len(m.payments) == 0:
		p.Para(st.Muted, "No unfinished payments in this till's journal or at Stripe (last 7 days).")
		return
	}
	count := common.Plural(len(m.payments), "unfinished payment", "unfinished payments")
	source := " · this till's journal and Stripe, last 7 days"
	switch {
	case m.unlisted:
		source = " · this till's journal only"
	case ansi.StringWidth(common.Margin+count+source) > p.Width:
		source = " · this till and Stripe, 7 days" // one line at 60 columns
	}
	p.Para(st.Muted, count+source)
	// The selected payment's advice and detail are what support came for: on a short
	// screen the list gives way to them, then the detail's last rows.
	d := p.Detail(st)
	if pm, ok := m.Selected(); ok {
		m.detail(d, pm)
	}
	from, to := common.Window(len(m.payments), m.pay, p.RowsAbove(len(m.payments), d.Room(), 2, listRows))
	now := m.deps.Now()
	for i := from; i < to; i++ {
		pm := m.payments[i]
		id := pm.ID
		if id == "" {
			id = "(no intent yet)"
		}
		status := m.status(pm)
		second := m.orderLine(pm)
		row := common.Cell(id, 19, false) + common.Cell(status, 24, false) + common.Cell(pm.Amount.String(), 12, true) + "  " + m.owner(pm)
		if p.Width < 80 {
			// The status moves to the second line, so the amount keeps its room.
			row = common.Cell(id, 19, false) + common.Cell(pm.Amount.String(), 11, true) + "  " + m.owner(pm)
			second = status + " · " + second
		}
		// The expiry when it fits: cut, its "…" would read as a cut order id; the
		// detail's Authorization row has it.
		if e := Expiry(pm.CaptureBefore, now); e != "" &&
			(p.Width >= 80 || secondFits(p.Width, second+" · "+e)) {
			second += " · " + e
		}
		p.Line(st.Pointer(i == m.pay, row))
		p.Line(secondIndent + st.Muted.Render(second))
	}
	st.MoreRows(p, from, to, len(m.payments))
	p.Under(d)
}

// status is a payment's status as the list shows it.
func (m Model) status(pm Payment) string {
	if pm.Session != nil && !pm.FromStripe {
		return pm.Session.Phase.String() + " (journal)"
	}
	return string(pm.Status)
}

// orderLine is the start of a payment's second line in the list: its order.
func (m Model) orderLine(pm Payment) string { return "order " + common.OrDash(pm.OrderID) }

// orderCut reports whether the list's second line cuts the payment's order id at this
// width (below 80 cells the status goes first on it): the detail then has it whole.
func (m Model) orderCut(width int, pm Payment) bool {
	return pm.OrderID != "" && width < 80 && !secondFits(width, m.status(pm)+" · "+m.orderLine(pm))
}

// secondIndent indents a payment's second line in the list, under its row's pointer.
const secondIndent = "    "

// secondFits reports whether a payment's second line, second, fits a page width cells
// wide whole.
func secondFits(width int, second string) bool {
	return ansi.StringWidth(common.Margin+secondIndent+second) <= width
}

// listRows is how many payments the list shows at most.
const listRows = 4

// owner says whose payment a row is: in this till's journal, or someone else's.
func (m Model) owner(pm Payment) string {
	switch {
	case pm.Session != nil:
		return "this till"
	case pm.ID == "":
		return ""
	case m.ck.Mine(pm.ID):
		return "this till"
	}
	return "another till"
}

func (m Model) detail(p *common.Detail, pm Payment) {
	st := m.styles
	if pm.ID == "" {
		p.Para(st.Muted, "No PaymentIntent is known for this order yet; the cashier's screen resumes it.")
	} else {
		// The action first when there is one; with none the reason says what to do (wait,
		// carry the order on, nothing), which "nothing to do" before it contradicted.
		a := m.advice(pm)
		advice := a.Reason
		if a.Action != "" {
			advice = a.Action + ". " + a.Reason
		}
		p.Para(st.Title, "Advice: "+advice)
	}
	if m.orderCut(p.Width, pm) {
		p.Row("Order", pm.OrderID)
	}
	if pm.LastError != nil {
		p.Row("Last attempt", checkout.Explain(pm.LastError))
	}
	if a := authorization(pm.CaptureBefore, m.deps.Now()); a != "" {
		p.Row("Authorization", a) // the list's line may be cut on a narrow screen
	}
	if pm.Card.Last4 != "" {
		p.Row("Card", common.CardText(pm.Card))
	}
	if pm.ReaderID != "" {
		// Its name, as the Readers pane and the cashier say it, and its id, as Stripe does.
		reader := pm.ReaderID
		if name := common.ReaderName(m.ck.Readers, pm.ReaderID); name != pm.ReaderID {
			reader = name + " · " + pm.ReaderID
		}
		p.Row("Reader", reader)
	}
	if !pm.Created.IsZero() {
		p.Row("Created", pm.Created.Local().Format("Mon 2 Jan 15:04"))
	}
}

func (m Model) reasonsView(p *common.Page) {
	st := m.styles
	pm, _ := m.Selected()
	p.Line(st.Title.Render("Cancel " + pm.ID + " (" + pm.Amount.String() + ") — why?"))
	p.Blank()
	for i, r := range checkout.CancelReasons {
		p.Line(st.Pointer(i == m.reason, r))
	}
	p.Blank()
	p.Para(st.Muted, "Advice: "+m.advice(pm).Reason)
}
