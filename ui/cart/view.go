package cart

import (
	"fmt"
	"strings"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/common"
)

// Column widths of the cart table; with the cursor they make 64 cells.
const (
	colDesc  = 34
	colQty   = 16
	colTotal = 12
)

// listRows is how many lines of the cart are shown at once.
const listRows = 8

// View draws the cart and, when open, the add-line form.
func (m Model) View(sc common.Screen) string {
	p := &common.Page{Width: sc.Width}
	m.cartView(p)
	if m.formOpen {
		m.formView(p)
	}
	return p.String()
}

func (m Model) cartView(p *common.Page) {
	st, cart := m.styles, m.cart
	p.Line(st.Title.Render("Cart"))
	p.Blank()
	if cart.Empty() {
		p.Line(st.Muted.Render("The cart is empty. Press a to add a line."))
	} else {
		from, to := common.Window(len(cart.Lines), m.cursor, listRows)
		for i := from; i < to; i++ {
			l := cart.Lines[i]
			price := checkout.Money{Amount: l.UnitPrice, Currency: cart.Currency}
			total := checkout.Money{Amount: l.Total(), Currency: cart.Currency}
			row := common.Cell(l.Description, colDesc, false) +
				common.Cell(fmt.Sprintf("%d × %s", l.Quantity, price), colQty, true) +
				common.Cell(total.String(), colTotal, true)
			p.Line(st.Pointer(i == m.cursor && !m.formOpen, row))
		}
		st.MoreRows(p, from, to, len(cart.Lines))
		p.Line("  " + st.Rule.Render(strings.Repeat("─", colDesc+colQty+colTotal)))
		p.Line("  " + st.Title.Render(common.Cell("Total", colDesc+colQty, false)+common.Cell(cart.Total().String(), colTotal, true)))
	}
	if f := m.failure; f != nil {
		p.Blank()
		p.Para(st.Error, "The last charge did not start: "+checkout.Explain(f))
	}
}

func (m Model) formView(p *common.Page) {
	st, f := m.styles, m.form
	p.Blank()
	p.Line(st.Title.Render("Add a line"))
	for i, in := range f.inputs {
		name := common.Cell(fieldNames[i], 13, false)
		if i == f.focus {
			p.Line(st.FieldOn.Render("› "+name) + in.View())
		} else {
			p.Line(st.Field.Render("  "+name) + in.View())
		}
	}
	if f.err != "" {
		p.Para(st.FormError, f.err)
	}
}
