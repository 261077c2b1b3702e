package cart

import (
	"fmt"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/common"
)

// The views of the cart's fields: find or scan, a free line, a discount.

// findView draws the find-or-scan field and what it finds.
func (m Model) findView(p *common.Page, sc common.Screen) {
	st, f := m.styles, m.find
	p.Line(st.FieldLine("Find or scan", f.input, true))
	if f.err != "" {
		p.Para(st.FormError, f.err)
	}
	money := func(n int64) string { return checkout.Money{Amount: n, Currency: m.cat.Currency()}.String() }
	w := sc.Width - 2*len(common.Margin) - 2
	item := func(it checkout.Item, selected bool) {
		price := money(it.Price)
		name := common.Cell(it.Name, max(w-len(price)-16, 8), false)
		p.Line(st.Pointer(selected, name+" "+common.Cell(it.SKU, 14, false)+" "+price))
	}
	if it, how, ok := f.pick(m.cat); ok && how != "" {
		// A code typed whole, or a quick key: that item, and nothing else.
		item(it, true)
		p.Para(st.Muted, "enter adds "+it.Name+" ("+how+").")
		return
	}
	rows := min(findRows, len(f.hits))
	if sc.Height > 0 {
		// Room for the cart's title, a line and its total under the list.
		rows = min(rows, max(sc.Height-len(p.Lines)-8, 1))
	}
	from, to := common.Window(len(f.hits), f.cursor, rows)
	for i := from; i < to; i++ {
		item(f.hits[i], i == f.cursor)
	}
	st.MoreRows(p, from, to, len(f.hits))
	if len(f.hits) == 0 && f.err == "" {
		p.Para(st.Muted, "No name or SKU matches; enter looks it up as a barcode.")
	}
}

// formView draws the free line form; its hint gives way when the screen is too short
// for it and the cart's total.
func (m Model) formView(p *common.Page, sc common.Screen) {
	width := sc.Width
	st, f := m.styles, m.form
	title := "Add a line"
	if f.edit >= 0 {
		title = fmt.Sprintf("Edit line %d", f.edit+1)
	}
	p.Line(st.Title.Render(title))
	for i, in := range f.inputs[:f.fields] {
		in.Width = max(width-2*len(common.Margin)-15, 10)
		p.Line(st.FieldLine(fieldNames[i], in, i == f.focus))
		if e := f.errs[i]; e != "" {
			for _, l := range common.Wrap(fieldNames[i]+": "+e, width-2*len(common.Margin)-4) {
				p.Line("    " + st.FormError.Render(l))
			}
		}
	}
	if f.err != "" {
		p.Para(st.FormError, f.err)
	}
	hint := "Price in " + common.Upper(m.cart.Currency) + ", for example " + example(m.cart.Currency) + ". An empty quantity is 1."
	if f.fields > fieldTax {
		hint += " Tax class: " + classList(m.cat) + ", or empty for no tax."
	}
	lines := common.Wrap(hint, width-2*len(common.Margin))
	if sc.Height > 0 && len(p.Lines)+len(lines)+2 > sc.Height {
		return // the blank and the total's line under the form come first
	}
	for _, l := range lines {
		p.Line(st.Muted.Render(l))
	}
}

// discountView draws the discount form.
func (m Model) discountView(p *common.Page) {
	st, f := m.styles, m.discount
	p.Line(st.Title.Render("Discount on " + f.target(m.cart)))
	p.Line(st.FieldLine("Discount", f.input, true))
	if f.err != "" {
		p.Para(st.FormError, f.err)
	}
	p.Para(st.Muted, "An amount in "+common.Upper(m.cart.Currency)+" like "+example(m.cart.Currency)+
		", or a percentage like 10%. Empty takes the discount off.")
}
