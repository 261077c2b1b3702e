package cart

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/common"
)

// listRows is the most lines of the cart shown at once.
const listRows = 8

// View draws the form, when open, then the cart; the total is always drawn, however
// little room there is, and amounts are never cut.
func (m Model) View(sc common.Screen) string {
	p := &common.Page{Width: sc.Width}
	if m.formOpen {
		m.formView(p, sc.Width)
		p.Blank()
	}
	rows := listRows
	if sc.Height > 0 {
		// Title, blank, rule and total, and the failure's lines, besides the rows.
		fixed := len(p.Lines) + 4 + m.failureLines(sc.Width)
		rows = sc.Height - fixed
		if m.formOpen && rows < min(len(m.cart.Lines), 2) {
			// No room for the lines under the form: the total, at least.
			p.Line(m.styles.Title.Render(common.Plural(len(m.cart.Lines), "line", "lines") + " in the cart · total " + m.cart.Total().String()))
			return p.String()
		}
		rows = min(listRows, max(rows, 1))
	}
	m.cartView(p, sc.Width, rows)
	return p.String()
}

// failureLines is how many lines the last charge's failure takes.
func (m Model) failureLines(width int) int {
	if m.failure == nil {
		return 0
	}
	return 1 + len(common.Wrap(m.failureText(), width-2*len(common.Margin)))
}

func (m Model) failureText() string {
	return "The last charge did not start: " + checkout.Explain(m.failure)
}

// columns are the cart table's widths at a screen width: the quantity and total columns
// as wide as their longest amount, the description the rest (within reason).
func (m Model) columns(width int) (desc, qty, total int) {
	cart := m.cart
	total = ansi.StringWidth(cart.Total().String())
	for _, l := range cart.Lines {
		qty = max(qty, ansi.StringWidth(qtyText(l, cart.Currency)))
		total = max(total, ansi.StringWidth(checkout.Money{Amount: l.Total(), Currency: cart.Currency}.String()))
	}
	qty, total = qty+3, total+3
	desc = min(max(width-2*len(common.Margin)-qty-total, 8), 40)
	return desc, qty, total
}

func qtyText(l checkout.Line, currency string) string {
	return fmt.Sprintf("%d × %s", l.Quantity, checkout.Money{Amount: l.UnitPrice, Currency: currency})
}

func (m Model) cartView(p *common.Page, width, rows int) {
	st, cart := m.styles, m.cart
	p.Line(st.Title.Render("Cart"))
	p.Blank()
	if cart.Empty() {
		p.Line(st.Muted.Render("The cart is empty. Press a to add a line."))
	} else {
		cd, cq, ct := m.columns(width)
		from, to := common.Window(len(cart.Lines), m.cursor, rows)
		for i := from; i < to; i++ {
			l := cart.Lines[i]
			total := checkout.Money{Amount: l.Total(), Currency: cart.Currency}
			row := common.Cell(l.Description, cd, false) + common.Cell(qtyText(l, cart.Currency), cq, true) + common.Cell(total.String(), ct, true)
			p.Line(st.Pointer(i == m.cursor && !m.formOpen, row))
		}
		st.MoreRows(p, from, to, len(cart.Lines))
		p.Line("  " + st.Rule.Render(strings.Repeat("─", cd+cq+ct)))
		p.Line("  " + st.Title.Render(common.Cell("Total", cd+cq, false)+common.Cell(cart.Total().String(), ct, true)))
	}
	if m.failure != nil {
		p.Blank()
		p.Para(st.Error, m.failureText())
	}
}

func (m Model) formView(p *common.Page, width int) {
	st, f := m.styles, m.form
	title := "Add a line"
	if f.edit >= 0 {
		title = fmt.Sprintf("Edit line %d", f.edit+1)
	}
	p.Line(st.Title.Render(title))
	for i, in := range f.inputs {
		in.Width = max(width-2*len(common.Margin)-15, 10)
		name := common.Cell(fieldNames[i], 13, false)
		if i == f.focus {
			p.Line(st.FieldOn.Render("› "+name) + in.View())
		} else {
			p.Line(st.Field.Render("  "+name) + in.View())
		}
		if e := f.errs[i]; e != "" {
			for _, l := range common.Wrap(fieldNames[i]+": "+e, width-2*len(common.Margin)-4) {
				p.Line("    " + st.FormError.Render(l))
			}
		}
	}
	if f.err != "" {
		p.Para(st.FormError, f.err)
	}
	p.Para(st.Muted, "Price in "+common.Upper(m.cart.Currency)+", for example "+example(m.cart.Currency)+". An empty quantity is 1.")
}
