package history

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/common"
)

// Fixed column widths of the list; the others fit what they show.
const (
	colWhen   = 14 // "29 Nov 08:32"
	colStatus = 15 // "part refunded", and room
	colCard   = 22 // "Mastercard •••• 4444"
	colReader = 16
)

// layout is the list's columns at a screen width, fitted to the rows shown: the
// amounts as wide as their longest, the order as long as its longest id. A payment's
// first line has when, amount, what was refunded and status, and the order and the tips
// when they fit (the order first); the rest goes on its second line, or, when everything
// fits, on the first.
type layout struct {
	order, amount, tip, refunded  int
	orderFirst, tipFirst, oneLine bool
}

func planLayout(rows []checkout.HistoryRow, width int) layout {
	l := layout{order: len("Order"), amount: len("Amount"), tip: len("Tip"), refunded: len("Refunded")}
	tipped := false
	for _, r := range rows {
		l.order = max(l.order, ansi.StringWidth(orderText(r)))
		l.amount = max(l.amount, ansi.StringWidth(r.Amount.String()))
		l.refunded = max(l.refunded, ansi.StringWidth(refundedText(r)))
		if r.Tip.Amount > 0 { // no tip is "—"
			l.tip, tipped = max(l.tip, ansi.StringWidth(r.Tip.String())), true
		}
	}
	l.order, l.amount, l.tip, l.refunded = l.order+2, l.amount+2, l.tip+2, l.refunded+2
	room := width - 2*len(common.Margin) - 2 // the pointer
	first := colWhen + l.amount + l.refunded + 2 + len("part refunded")
	l.oneLine = first-len("part refunded")+colStatus+l.order+l.tip+colCard+colReader <= room
	l.orderFirst = first+l.order <= room
	if l.orderFirst {
		first += l.order
	}
	// A tip's column on the first line leaves the second its room for the reader's name.
	l.tipFirst = l.oneLine || tipped && first+l.tip <= room
	return l
}

// View draws the list of payments (the find field first), or one payment's details.
// A payment's amount, what was refunded and its status are always on its first line.
func (m Model) View(sc common.Screen) string {
	p := &common.Page{Width: sc.Width, Height: sc.Height}
	if m.detail {
		if row, ok := m.Selected(); ok {
			m.detailView(p, row)
			return p.String()
		}
	}
	st := m.styles
	p.Line(st.Title.Render("Payment history") + st.Muted.Render(" · "+m.counted()))
	p.Line(st.FieldOn.Render("› Find  ") + m.find.View()) // one field: no column of names to line up with
	// The hint gives way to the payments on a short screen.
	if !common.Short(sc.Height) {
		hint := "finds an order, amount, last four, brand, or days: " + m.deps.Now().Format("2006-01-02") + ", today, a..b"
		if sc.Width < 80 {
			hint = "finds an order, amount, last four, brand, a day"
		}
		p.Line(st.Muted.Render(hint))
	}
	if m.hist.Note != "" {
		p.Para(st.Warning, common.Sentence(m.hist.Note))
	}
	if m.err != nil {
		p.Para(st.Error, "Could not read the history: "+checkout.ExplainRead(checkout.AsFailure(m.err)))
	}
	p.Blank()
	switch {
	case m.loading && len(m.shown) == 0:
		p.Line(st.Spinner(sc.Frame) + " Reading the payments…")
		return p.String()
	case len(m.shown) == 0 && m.find.Value() != "":
		p.Para(st.Muted, "No payment matches “"+m.find.Value()+"”. esc clears the find.")
		return p.String()
	case len(m.shown) == 0:
		p.Para(st.Muted, "No finished payments since "+m.since.Local().Format("Mon 2 Jan")+".")
		return p.String()
	}
	lay := planLayout(m.shown, sc.Width)
	perRow := 2
	if lay.oneLine {
		perRow = 1
	}
	p.Line(st.Muted.Render("  " + lay.heading()))
	most := 6 // with no height
	if sc.Height > 0 {
		most = len(m.shown)
	}
	cursor := common.Clamp(m.cursor, len(m.shown)) // -1 on opening: the first row
	from, to := common.Window(len(m.shown), cursor, p.RowsAbove(len(m.shown), 0, perRow, most))
	for i := from; i < to; i++ {
		first, second := m.rowText(m.shown[i], lay)
		p.Line(st.Pointer(i == cursor, first))
		if len(second) > 0 {
			p.Line("    " + st.Muted.Render(joinFit(second, max(p.TextWidth()-4, 10))))
		}
	}
	st.MoreRows(p, from, to, len(m.shown))
	return p.String()
}

// counted says how far back the list goes and how many payments it finds.
func (m Model) counted() string {
	q, total := m.query, len(m.hist.Rows)
	var when string
	switch {
	case q.From.IsZero() && q.To.IsZero():
		when = "since " + m.since.Local().Format("Mon 2 Jan")
	case q.To.IsZero():
		when = "from " + q.From.Local().Format("2 Jan")
	case q.From.IsZero():
		when = "until " + q.To.Local().Format("2 Jan")
	case q.From.Local().Format("2 Jan") == q.To.Local().Format("2 Jan"):
		when = q.From.Local().Format("Mon 2 Jan")
	default:
		when = q.From.Local().Format("2 Jan") + "–" + q.To.Local().Format("2 Jan")
	}
	found := common.Plural(total, "payment", "payments")
	if m.find.Value() != "" {
		found = common.Plural(len(m.shown), "payment", "payments") + " found of " + strconv.Itoa(total)
	}
	return when + " · " + found
}

// heading is the list's column names, laid out as rowText lays out a row.
func (l layout) heading() string {
	h := common.Cell("When", colWhen, false)
	if l.orderFirst {
		h += common.Cell("Order", l.order, false)
	}
	h += common.Cell("Amount", l.amount, true)
	if l.tipFirst {
		h += common.Cell("Tip", l.tip, true)
	}
	h += common.Cell("Refunded", l.refunded, true) + "  "
	if l.oneLine {
		return h + common.Cell("Card", colCard, false) + common.Cell("Status", colStatus, false) + "Reader"
	}
	return h + "Status"
}

// rowText is a payment's first line (when, amount, refunded, status, and the order
// where there is room) and its second (card, tip, reader, and the order when it is not
// on the first); when everything fits, all of it is on the first.
func (m Model) rowText(r checkout.HistoryRow, l layout) (string, []string) {
	first := common.Cell(r.At.Local().Format("2 Jan 15:04"), colWhen, false)
	if l.orderFirst {
		first += common.Cell(orderText(r), l.order, false)
	}
	first += common.Cell(r.Amount.String(), l.amount, true)
	if l.tipFirst {
		tip := "—"
		if r.Tip.Amount > 0 {
			tip = r.Tip.String()
		}
		first += common.Cell(tip, l.tip, true)
	}
	first += common.Cell(refundedText(r), l.refunded, true) + "  "
	if l.oneLine {
		return first + common.Cell(tenderText(r), colCard, false) + common.Cell(checkout.HistoryStatusWords(r.Status), colStatus, false) +
			common.ReaderName(m.ck.Readers, r.ReaderID), nil
	}
	var second []string
	if !l.orderFirst {
		second = append(second, orderText(r))
	}
	if r.Cash != nil || r.Card.Last4 != "" { // no card ("—" between dots): canceled before one was presented
		second = append(second, tenderText(r))
	}
	if r.Tip.Amount > 0 && !l.tipFirst {
		second = append(second, "tip "+r.Tip.String())
	}
	if r.ReaderID != "" {
		second = append(second, common.ReaderName(m.ck.Readers, r.ReaderID))
	}
	return first + checkout.HistoryStatusWords(r.Status), second
}

// joinFit joins parts with " · " in at most w cells: as many whole parts as fit, then
// the next cut as a name is (common.CutName: "Back cou…", not "Fro…"), or "…" for those
// left out. The payment's details have every part.
func joinFit(parts []string, w int) string {
	line := ""
	for i, part := range parts {
		sep := " · "
		if i == 0 {
			sep = ""
		}
		if ansi.StringWidth(line+sep+part) <= w {
			line += sep + part
			continue
		}
		if cut, ok := common.CutName(part, w-ansi.StringWidth(line+sep)); ok {
			return line + sep + cut
		}
		if i == 0 {
			return ansi.Truncate(part, w, "…")
		}
		return ansi.Truncate(line+" …", w, "…")
	}
	return line
}

// detailView draws one payment: what is left to refund first, then everything about it
// and this till's refunds of it.
func (m Model) detailView(p *common.Page, r checkout.HistoryRow) {
	st := m.styles
	if r.Cash != nil {
		m.cashView(p, r)
		return
	}
	p.Line(st.Title.Render("Payment of "+r.Amount.String()) + st.Muted.Render(" · "+checkout.HistoryStatusWords(r.Status)+" · "+r.At.Local().Format("Mon 2 Jan 15:04")))
	p.Blank()
	switch {
	case r.Status == checkout.HistoryCanceled:
		p.Row(st, "Refunded", "nothing: the payment was canceled, no money was taken")
	case r.Refunded.Amount == 0:
		p.Row(st, "Refunded", "nothing yet · "+r.Left().String()+" left to refund")
	default:
		p.Row(st, "Refunded", r.Refunded.String()+" · "+r.Left().String()+" left to refund")
	}
	// The rows about the payment give way, from the last, to what is under them on a
	// short screen: the chosen refund is what f prints and r follows.
	d := p.Detail(st)
	d.Row("Card", common.CardText(r.Card))
	if r.Tip.Amount > 0 {
		d.Row("Tip", r.Tip.String()+" (in the amount)")
	}
	d.Row("Order", orderText(r))
	d.Row("PaymentIntent", r.PaymentIntentID)
	if r.ReaderID != "" {
		d.Row("Reader", common.ReaderName(m.ck.Readers, r.ReaderID))
	}
	d.Row("Found in", sourceWords(r.Source))
	// What comes under the rows: the refunds' list (its chosen refund at least), or
	// why it could not be read, or that the refunds were made elsewhere.
	rows, below, under, style := m.refundRows(), 0, "", st.Muted
	switch {
	case m.refundsErr != nil:
		under, style = "Could not read this till's refunds of the order: "+m.refundsErr.Error(), st.Error
	case len(rows) > 0:
		below = refundsRoom(rows, p.Width)
	case r.Refunded.Amount > 0:
		under = "Refunded outside this till (the Dashboard, the API or another till)."
	}
	if under != "" {
		below = 1 + len(common.Wrap(under, p.TextWidth()))
	}
	p.Above(d, below)
	switch {
	case under != "":
		p.Blank()
		p.Para(style, under)
	case len(rows) > 0:
		p.Blank()
		p.Line(st.Title.Render("Refunds by this till"))
		p.TailedList(st, rows, m.refund, len(rows))
	}
}

// refundsRoom is the fewest lines the list of refunds is shown in: a blank, its title,
// the chosen refund, and the "(1–1 of 2)" line when there are more.
func refundsRoom(rows []common.Tailed, width int) int {
	n := 2 + len(rows[0].Lines(width)) // one id is as long as another
	if len(rows) > 1 {
		n++
	}
	return n
}

// refundRows are this till's refunds of the payment, each with its id.
func (m Model) refundRows() []common.Tailed {
	st := m.styles
	rows := make([]common.Tailed, len(m.refunds))
	for i, x := range m.refunds {
		// The phase's column pads it only before an id after it: an id under the row
		// leaves no spaces at the line's end.
		phase := common.Cell(x.Phase.String(), 11, false)
		words := strings.TrimRight(phase, " ")
		row := common.Cell(x.StartedAt.Local().Format("2 Jan 15:04"), colWhen, false) + common.Cell(x.Amount.String(), 12, true) +
			"  " + words
		if len(m.refunds) > 1 {
			row = st.Pointer(i == m.refund, row) // ↑/↓ choose the one whose receipt f shows
		} else {
			row = "  " + row
		}
		rows[i] = common.Tailed{Row: row, Sep: phase[len(words):], Tail: st.Muted.Render(x.ID)}
	}
	return rows
}

// cashView draws a cash sale: what was paid, given and changed, and that it is given
// back from the drawer, not refunded by till.
func (m Model) cashView(p *common.Page, r checkout.HistoryRow) {
	st, c := m.styles, r.Cash
	p.Line(st.Title.Render("Cash sale of "+r.Amount.String()) + st.Muted.Render(" · "+checkout.HistoryStatusWords(r.Status)+" · "+r.At.Local().Format("Mon 2 Jan 15:04")))
	p.Blank()
	p.Row(st, "Paid in cash", r.Amount.String())
	p.Row(st, "Given", c.Given.String())
	p.Row(st, "Change", c.Change.String())
	p.Row(st, "Order", orderText(r))
	p.Row(st, "Found in", "this till's journal (a cash sale never reaches Stripe)")
	p.Blank()
	p.Para(st.Muted, "A refund of a cash sale is given back from the drawer: till refunds only card payments, through Stripe.")
}

// tenderText is how a payment was paid: its card, or cash.
func tenderText(r checkout.HistoryRow) string {
	if r.Cash != nil {
		return "cash"
	}
	return common.CardText(r.Card)
}

// sourceWords says where a payment was found.
func sourceWords(source string) string {
	switch source {
	case checkout.SourceTill:
		return "this till's journal (Stripe was not read, or has not listed it yet)"
	case checkout.SourceStripe:
		return "Stripe only: this till's journal has no record of it"
	}
	return "this till's journal and Stripe"
}

// refundedText is what was refunded, or a dash for nothing.
func refundedText(r checkout.HistoryRow) string {
	if r.Refunded.Amount == 0 {
		return "—"
	}
	return r.Refunded.String()
}

// orderText is the order id, or says there is none (a payment till did not make).
func orderText(r checkout.HistoryRow) string {
	if r.OrderID == "" {
		return "no order id"
	}
	return r.OrderID
}
