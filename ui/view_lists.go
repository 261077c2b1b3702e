package ui

import (
	"fmt"
	"strings"

	"github.com/till-pos/till/checkout"
)

// Column widths of the cart table; with the cursor they make 64 cells.
const (
	colDesc  = 34
	colQty   = 16
	colTotal = 12
)

// listRows is how many rows of a list are shown at once.
const listRows = 8

// window returns the slice [from, to) of n rows to show so that cursor is visible.
func window(n, cursor, rows int) (from, to int) {
	if n <= rows {
		return 0, n
	}
	from = min(max(cursor-rows/2, 0), n-rows)
	return from, from + rows
}

// pointer marks the selected row of a list.
func (m Model) pointer(selected bool, text string) string {
	if selected {
		return m.styles.Selected.Render("> " + text)
	}
	return "  " + text
}

// moreRows says how many rows of a list are out of sight.
func (m Model) moreRows(p *page, from, to, n int) {
	if from > 0 || to < n {
		p.line(m.styles.Muted.Render(fmt.Sprintf("  (%d–%d of %d)", from+1, to, n)))
	}
}

func (m Model) cartView(p *page) {
	st, cart := m.styles, m.session.Cart
	p.line(st.Title.Render("Cart"))
	p.blank()
	if cart.Empty() {
		p.line(st.Muted.Render("The cart is empty. Press a to add a line."))
	} else {
		from, to := window(len(cart.Lines), m.cursor, listRows)
		for i := from; i < to; i++ {
			l := cart.Lines[i]
			price := checkout.Money{Amount: l.UnitPrice, Currency: cart.Currency}
			total := checkout.Money{Amount: l.Total(), Currency: cart.Currency}
			row := cell(l.Description, colDesc, false) +
				cell(fmt.Sprintf("%d × %s", l.Quantity, price), colQty, true) +
				cell(total.String(), colTotal, true)
			p.line(m.pointer(i == m.cursor && m.overlay == overlayNone, row))
		}
		m.moreRows(p, from, to, len(cart.Lines))
		p.line("  " + st.Rule.Render(strings.Repeat("─", colDesc+colQty+colTotal)))
		p.line("  " + st.Title.Render(cell("Total", colDesc+colQty, false)+cell(cart.Total().String(), colTotal, true)))
	}
	if f := m.session.Failure; f != nil {
		p.blank()
		p.para(st.Error, "The last charge did not start: "+checkout.Explain(f))
	}
}

func (m Model) formView(p *page) {
	st, f := m.styles, m.form
	p.blank()
	p.line(st.Title.Render("Add a line"))
	for i, in := range f.inputs {
		name := cell(fieldNames[i], 13, false)
		if i == f.focus {
			p.line(st.FieldOn.Render("› "+name) + in.View())
		} else {
			p.line(st.Field.Render("  "+name) + in.View())
		}
	}
	if f.err != "" {
		p.para(st.FormError, f.err)
	}
}

func (m Model) pickerView(p *page) {
	st := m.styles
	title := "Choose a reader"
	if m.pickRetry {
		title = "Retry the payment on which reader?"
	}
	p.line(st.Title.Render(title))
	p.blank()
	switch {
	case m.loadingReaders && len(m.readers) == 0:
		p.line(m.spinnerView() + " Looking for readers…")
		return
	case m.readersErr != nil && len(m.readers) == 0:
		p.para(st.Error, "Could not list the readers: "+checkout.Explain(checkout.AsFailure(m.readersErr)))
		return
	case len(m.readers) == 0:
		p.line(st.Muted.Render("No readers found. Register one in the Stripe Dashboard."))
		return
	}
	from, to := window(len(m.readers), m.pick, listRows)
	for i := from; i < to; i++ {
		r := m.readers[i]
		row := cell(r.Name(), 24, false) + cell(r.DeviceType, 26, false) + m.readerStatus(r.Status)
		p.line(m.pointer(i == m.pick, row))
	}
	m.moreRows(p, from, to, len(m.readers))
}

func (m Model) cardsView(p *page) {
	st := m.styles
	p.line(st.Title.Render("Present a test card on " + m.readerName()))
	p.blank()
	from, to := window(len(testCards), m.card, listRows+4)
	for i := from; i < to; i++ {
		c := testCards[i]
		row := cell(c.Name, 28, false) + cell(c.Number, 18, false) + st.Muted.Render(c.Outcome)
		p.line(m.pointer(i == m.card, row))
	}
	m.moreRows(p, from, to, len(testCards))
}

// readerName names the session's reader.
func (m Model) readerName() string {
	if r, ok := m.reader(m.session.ReaderID); ok {
		return r.Name()
	}
	return m.session.ReaderID
}
