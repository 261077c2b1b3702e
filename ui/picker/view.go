package picker

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/common"
)

// listRows is how many readers are shown at once.
const listRows = 8

// keyMap is the picker's keys.
type keyMap struct{ Up, Down, Choose, Back, Reload key.Binding }

func (m Model) keys() keyMap {
	k := keyMap{Up: m.shared.Up, Down: m.shared.Down, Back: m.shared.Back,
		Choose: common.Binding("enter", "choose", "enter"),
		Reload: common.Binding("ctrl+r", "list again", "ctrl+r")}
	common.On(&k.Back)
	if !m.loading {
		common.On(&k.Reload)
	}
	if n := len(m.readers); n > 0 {
		common.On(&k.Choose)
		if n > 1 {
			common.On(&k.Up, &k.Down)
		}
	}
	return k
}

// ShortHelp implements help.KeyMap.
func (m Model) ShortHelp() []key.Binding {
	k := m.keys()
	return []key.Binding{k.Up, k.Choose, k.Back, k.Reload}
}

// FullHelp implements help.KeyMap.
func (m Model) FullHelp() [][]key.Binding { return [][]key.Binding{m.ShortHelp()} }

// View draws the reader list.
func (m Model) View(sc common.Screen) string {
	st := m.styles
	p := &common.Page{Width: sc.Width, Height: sc.Height}
	title := "Choose a reader"
	switch m.purpose {
	case ForRetry:
		title = "Retry the payment on which reader?"
	case ForRefund:
		title = "Refund on which reader?"
	}
	p.Line(st.Title.Render(title))
	p.Blank()
	switch {
	case m.loading && len(m.readers) == 0:
		p.Line(st.Spinner(sc.Frame) + " Looking for readers…")
		return p.String()
	case m.err != nil && len(m.readers) == 0:
		p.Para(st.Error, "Could not list the readers: "+checkout.ExplainRead(checkout.AsFailure(m.err))+" ctrl+r lists them again.")
		return p.String()
	case len(m.readers) == 0:
		p.Line(st.Muted.Render("No readers found. Register one with till setup (or in the Stripe Dashboard)."))
		return p.String()
	}
	from, to := common.Window(len(m.readers), m.pick, p.RowsAbove(len(m.readers), 0, 1, listRows))
	for i := from; i < to; i++ {
		r := m.readers[i]
		name, device := 24, 26
		if sc.Width < 80 {
			name, device = 19, 23
		}
		row := common.Cell(r.Name(), name, false) + common.Cell(r.DeviceType, device, false) + st.ReaderStatus(r.Status)
		p.Line(st.Pointer(i == m.pick, row))
	}
	st.MoreRows(p, from, to, len(m.readers))
	return p.String()
}
