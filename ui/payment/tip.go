package payment

import (
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/common"
)

// A simulated reader's tip screen: the cashier types the tip the customer picks, and
// the approving card is presented with it (amount_tip), as a customer would tip on a
// real reader before tapping.

// tipForm is the one field of the tip the simulated customer picks.
type tipForm struct {
	input textinput.Model
	err   string // what is wrong with what was typed
}

func newTipForm() tipForm { return tipForm{input: common.Input(12)} }

// tipKey handles the tip field: enter presents the card with the tip, esc closes the
// field, every other key is typing.
func (m Model) tipKey(msg tea.KeyMsg, k keyMap) (Model, tea.Cmd) {
	var typed common.Typed
	var cmd tea.Cmd
	m.tip.input, typed, cmd = common.Type(msg, k.Present, k.Back, m.tip.input)
	switch typed {
	case common.Dismissed:
		m.overlay = overlayNone
	case common.Submitted:
		// 0 is the customer skipping the tip: the card is presented with none.
		tip, err := checkout.ParseTip(m.tip.input.Value(), m.lane.Session().Amount.Currency)
		if err != nil {
			m.tip.err = "Tip: " + common.Sentence(common.Strip(err, checkout.ErrBadAmount))
			return m, nil
		}
		m.overlay = overlayNone
		return m.present(common.CardApproves, tip.Amount)
	default:
		m.tip.err = ""
	}
	return m, cmd
}

// tipView draws the tip field over the awaiting screen's amount.
func (v view) tipView() {
	st, s, p := v.st, v.s, v.p
	v.amount()
	p.Blank()
	p.Line(st.Title.Render("The customer's tip on " + v.readerName()))
	p.Line(st.FieldLine("Tip", v.tip.input, true))
	if v.tip.err != "" {
		p.Para(st.FormError, v.tip.err)
	}
	p.Para(st.Muted, "In "+common.Upper(s.Amount.Currency)+", as the customer picks it on the reader's tip screen (0 for no tip); "+
		"enter presents the approving card with it. The reader was told to work out percentages on "+v.tipBase()+".")
}

// tipBase says what the reader works out percentage tips on.
func (v view) tipBase() string {
	if t := v.s.Tipping; t != nil && t.AmountEligible > 0 {
		return checkout.Money{Amount: t.AmountEligible, Currency: v.s.Amount.Currency}.String() + " (before tax)"
	}
	return "the whole amount"
}
