package common

// TestCard is one of Stripe's simulated test cards.
type TestCard struct {
	Number  string
	Name    string
	Outcome string
}

// TestCards are the standard and error cards Stripe's simulated readers accept
// (Stripe Terminal testing docs), offered by the "test cards" key.
var TestCards = []TestCard{
	{"4242424242424242", "Visa", "approves"},
	{"4000056655665556", "Visa debit", "approves"},
	{"5555555555554444", "Mastercard", "approves"},
	{"5200828282828210", "Mastercard debit", "approves"},
	{"5105105105105100", "Mastercard prepaid", "approves"},
	{"378282246310005", "American Express", "approves"},
	{"371449635398431", "American Express 2", "approves"},
	{"6011111111111117", "Discover", "approves"},
	{"6011000990139424", "Discover 2", "approves"},
	{"3056930009020004", "Diners Club", "approves"},
	{"36227206271667", "Diners Club (14 digits)", "approves"},
	{"3566002020360505", "JCB", "approves"},
	{"6200000000000005", "UnionPay", "approves"},
	{"4506445006931933", "Interac", "approves (Canada)"},
	{"6280000360000978", "eftpos AU debit", "approves (Australia)"},
	{"4000050360000001", "eftpos AU Visa debit", "approves (Australia)"},
	{"5555050360000080", "eftpos AU Mastercard debit", "approves (Australia)"},
	{"4001007020000002", "Offline PIN", "approves with offline PIN"},
	{"4000008260000075", "Offline PIN, SCA retry", "approves after PIN retry"},
	{"4001000360000005", "Online PIN", "approves with online PIN"},
	{"4000002760000008", "Online PIN, SCA retry", "approves after PIN retry"},
	{"4000000000000002", "Charge declined", "declines: generic"},
	{"4000000000009995", "Insufficient funds", "declines: insufficient funds"},
	{"4000000000009987", "Lost card", "declines: lost card"},
	{"4000000000009979", "Stolen card", "declines: stolen card"},
	{"4000000000000069", "Expired card", "declines: expired card"},
	{"4000000000000119", "Processing error", "declines: processing error"},
	{"4000000000005126", "Refund fails", "approves; refunds fail"},
}

// The cards behind the quick keys: one that approves, one that declines.
const (
	CardApproves = "4242424242424242"
	CardDeclines = "4000000000000002"
)

// CardList draws the test cards in the lines p has left, at most most, the selected one
// marked; below 80 columns without their numbers, so the outcome keeps its room.
func (st *Styles) CardList(p *Page, selected, most int) {
	from, to := Window(len(TestCards), selected, p.RowsAbove(len(TestCards), 0, 1, most))
	for i := from; i < to; i++ {
		c := TestCards[i]
		row := Cell(c.Name, 27, false) + Cell(c.Number, 18, false) + st.Muted.Render(c.Outcome)
		if p.Width < 80 {
			row = Cell(c.Name, 27, false) + st.Muted.Render(c.Outcome)
		}
		p.Line(st.Pointer(i == selected, row))
	}
	st.MoreRows(p, from, to, len(TestCards))
}
