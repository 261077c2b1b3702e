// Package golive is the screen's first page in Stripe live mode: it says that payments
// here are real and takes the cashier's confirmation (typing live) before the till
// starts working: no payment left open is resumed and no key does anything else until
// then. till --confirm-live, given up front, skips it.
package golive

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/till-pos/till/ui/common"
)

// Word is what the cashier types to confirm, as at till's plain prompt.
const Word = "live"

// ConfirmedMsg tells the root the cashier confirmed live mode: the till may start.
type ConfirmedMsg struct{}

// Model is the confirmation page.
type Model struct {
	styles *common.Styles
	input  textinput.Model
	asking bool
	wrong  string // the last answer that was not the word, to say so
}

// New is the page; asking is false when there is nothing to confirm (test mode, or
// live mode confirmed up front).
func New(st *common.Styles, asking bool) Model {
	in := common.Input(12)
	in.CharLimit = 32
	return Model{styles: st, input: in, asking: asking}
}

// Asking reports whether the page waits for the confirmation: it is on screen and has
// every key.
func (m Model) Asking() bool { return m.asking }

type keyMap struct{ Start key.Binding }

func (m Model) keys() keyMap {
	k := keyMap{Start: common.Binding("enter", "start (after typing "+Word+")", "enter")}
	if m.asking {
		common.On(&k.Start)
	}
	return k
}

// ShortHelp implements help.KeyMap.
func (m Model) ShortHelp() []key.Binding { return []key.Binding{m.keys().Start} }

// FullHelp implements help.KeyMap.
func (m Model) FullHelp() [][]key.Binding { return [][]key.Binding{m.ShortHelp()} }

// Question is empty: the page is itself the question.
func (m Model) Question() string { return "" }

// Typing reports that keys are text: the answer is typed.
func (m Model) Typing() bool { return true }

// Update takes the keys while the page asks.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok || !m.asking {
		return m, nil
	}
	if key.Matches(km, m.keys().Start) {
		answer := strings.TrimSpace(m.input.Value())
		if strings.EqualFold(answer, Word) {
			m.asking = false
			return m, common.Emit(ConfirmedMsg{})
		}
		m.wrong = answer
		m.input.SetValue("")
		return m, nil
	}
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(km)
	return m, cmd
}

// View draws the page: what live mode means, and the field to type the word in.
func (m Model) View(sc common.Screen) string {
	st := m.styles
	p := &common.Page{Width: sc.Width}
	p.Line(st.Title.Render("This till is in Stripe live mode."))
	p.Blank()
	p.Para(st.Header, "Every payment taken here charges a real card. Test cards are switched off.")
	p.Blank()
	p.Line(st.FieldOn.Render("Type "+Word+" and press enter to start: ") + m.input.View())
	p.Blank()
	if m.wrong != "" {
		p.Para(st.Warning, "That was not "+Word+". Type "+Word+" to take real payments, or press ctrl+c to quit.")
	} else {
		p.Para(st.Muted, "Not meant to be live? Press ctrl+c and set mode: test in the configuration.")
	}
	return p.String()
}
