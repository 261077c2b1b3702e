package checkout

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Receipt printer widths, in characters.
const (
	MinReceiptWidth = 32
	MaxReceiptWidth = 80
)

// ReceiptText renders the receipt as plain text for a receipt printer width columns
// wide (42 and 48 are the common ones): shop, date, lines with their discounts, the
// totals with tax per rate, tip, and the card section card networks ask for.
func ReceiptText(r Receipt, width int) (string, error) {
	if width < MinReceiptWidth || width > MaxReceiptWidth {
		return "", fmt.Errorf("a receipt is %d to %d columns wide, not %d", MinReceiptWidth, MaxReceiptWidth, width)
	}
	p := &printer{width: width}
	money := func(n int64) string { return Money{Amount: n, Currency: r.Totals.Currency}.String() }

	for _, s := range append([]string{r.Shop.Name}, r.Shop.Address...) {
		p.center(s)
	}
	if r.Shop.TaxID != "" {
		p.center("Tax ID " + r.Shop.TaxID)
	}
	p.blank()
	p.row(r.At.Format("2006-01-02 15:04:05"), "")
	if r.OrderID != "" {
		p.row("Order "+r.OrderID, "")
	}
	if r.Refund != nil {
		p.row("REFUND "+r.Refund.ID, "")
		p.rule()
		p.refundSection(r, money)
		p.footer(r.Shop)
		return p.b.String(), nil
	}
	p.rule()

	for i, l := range r.Cart.Lines {
		lt := r.Totals.Lines[i]
		p.row(l.Description, money(lt.Gross))
		if l.Quantity != 1 {
			p.row(fmt.Sprintf("  %d x %s", l.Quantity, money(l.UnitPrice)), "")
		}
		if lt.LineDiscount > 0 {
			p.row("  "+l.Discount.Label(r.Totals.Currency), money(-lt.LineDiscount))
		}
	}
	if d := r.Cart.Discount; d != nil {
		var off int64
		for _, lt := range r.Totals.Lines {
			off += lt.OrderDiscount
		}
		p.row("Order discount, "+d.Label(r.Totals.Currency), money(-off))
	}
	p.rule()

	p.row("Subtotal", money(r.Totals.Subtotal))
	if r.Totals.Discount > 0 {
		p.row("Discounts", money(-r.Totals.Discount))
	}
	if !r.Totals.Inclusive {
		for _, t := range r.Totals.Taxes {
			p.row("Tax "+t.Name(), money(t.Tax))
		}
	}
	p.row("TOTAL", money(r.Totals.Total))
	if r.Tip > 0 {
		p.row("Tip", money(r.Tip))
		p.row("TOTAL WITH TIP", money(r.Charged))
	}
	if r.Totals.Inclusive && len(r.Totals.Taxes) > 0 {
		p.row("Tax included:", "")
		for _, t := range r.Totals.Taxes {
			p.row(fmt.Sprintf("  %s on %s", t.Name(), money(t.Base)), money(t.Tax))
		}
	}
	p.rule()
	if r.Cash != nil {
		p.cashSection(r, money)
		p.footer(r.Shop)
		return p.b.String(), nil
	}

	p.row(cardName(r.Card), entryMethod(r.ReadMethod))
	if r.EMV.ApplicationName != "" {
		p.row(r.EMV.ApplicationName, "")
	}
	for _, kv := range [][2]string{
		{"AID", r.EMV.AID}, {"ARC", r.EMV.ARC}, {"TVR", r.EMV.TVR}, {"TSI", r.EMV.TSI},
		{"AC", r.EMV.Cryptogram}, {"Account", r.EMV.AccountType}, {"Verified by", cvmName(r.EMV.CVM)},
		{"Auth code", r.AuthorizationCode},
	} {
		if kv[1] != "" {
			p.row(kv[0], kv[1])
		}
	}
	if strings.Contains(r.EMV.CVM, "signature") {
		p.blank()
		p.row("X"+strings.Repeat("_", width-1), "")
	}
	status := "APPROVED"
	if !r.Captured {
		status = "AUTHORIZED (not yet captured)"
	}
	p.blank()
	p.center(status + " " + money(r.Charged))
	p.center(r.PaymentIntent)
	if r.Refunded > 0 {
		p.blank()
		p.row("Refunded since", money(-r.Refunded))
		p.row("Paid after refunds", money(max(r.Charged-r.Refunded, 0)))
	}
	p.footer(r.Shop)
	return p.b.String(), nil
}

func (p *printer) footer(shop Shop) {
	if shop.Footer != "" {
		p.blank()
		p.center(shop.Footer)
	}
}

// printer lays out fixed-width lines. Widths count characters, not bytes: € and ¥
// take one column on a receipt printer.
type printer struct {
	width int
	b     strings.Builder
}

func (p *printer) line(s string) {
	p.b.WriteString(strings.TrimRight(s, " "))
	p.b.WriteByte('\n')
}

func (p *printer) blank() { p.line("") }

func (p *printer) rule() { p.line(strings.Repeat("-", p.width)) }

func (p *printer) center(s string) {
	for _, l := range wrap(s, p.width) {
		p.line(strings.Repeat(" ", (p.width-utf8.RuneCountInString(l))/2) + l)
	}
}

// row puts left on the left and right on the right of the last line; a left too
// long for one line wraps onto more.
func (p *printer) row(left, right string) {
	room := p.width - utf8.RuneCountInString(right) - 1
	if right == "" {
		room = p.width
	}
	lines := wrap(left, room)
	for _, l := range lines[:len(lines)-1] {
		p.line(l)
	}
	last := lines[len(lines)-1]
	gap := p.width - utf8.RuneCountInString(last) - utf8.RuneCountInString(right)
	p.line(last + strings.Repeat(" ", max(gap, 0)) + right)
}

// wrap breaks s into lines of at most width characters, at spaces where it can; the
// indent s starts with starts every line.
func wrap(s string, width int) []string {
	indent := s[:len(s)-len(strings.TrimLeft(s, " "))]
	if len(indent) >= width {
		indent = ""
	}
	lines := WrapWords(s, width-len(indent), RuneCount)
	for i := range lines {
		lines[i] = indent + lines[i]
	}
	return lines
}

// Name is the tax's class and rate, as the receipt and the cart say it after "Tax":
// "(prepared food) 8.25%", the class in brackets so it reads as what the rate is on.
func (t TaxLine) Name() string {
	if t.Class == "" {
		return t.Rate.String()
	}
	return "(" + t.Class + ") " + t.Rate.String()
}

// cardName is the brand and the last four: "Visa **** 4242".
func cardName(c Card) string {
	return strings.TrimSpace(c.BrandName() + " **** " + c.Last4)
}

var entryMethods = map[string]string{
	"contact_emv": "Chip", "contactless_emv": "Contactless", "contactless_magstripe_mode": "Contactless (magstripe)",
	"magnetic_stripe_fallback": "Swipe (chip fallback)", "magnetic_stripe_track2": "Swipe",
}

func entryMethod(m string) string {
	if n, ok := entryMethods[m]; ok {
		return n
	}
	return m
}

var cvmNames = map[string]string{
	"offline_pin": "PIN (offline)", "online_pin": "PIN", "signature": "Signature", "offline_pin_and_signature": "PIN and signature",
	"none": "No verification", "approval": "No verification", "failure": "Verification failed",
}

func cvmName(c string) string {
	if n, ok := cvmNames[c]; ok {
		return n
	}
	return c
}
