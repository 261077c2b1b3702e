package ui

import (
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/x/ansi"

	"github.com/till-pos/till/ui/common"
)

// defaultWidth is used until the terminal reports its size.
const defaultWidth = 80

// page is what the root needs of the component on screen, besides its keys.
type page interface {
	help.KeyMap
	View(common.Screen) string
	Question() string
}

// active is the component that has the keys and the body now.
func (m Model) active() page {
	switch {
	case m.support.IsOpen():
		return m.support
	case m.picker.IsOpen():
		return m.picker
	case m.payment.Active():
		return m.payment
	}
	return m.cart
}

// View implements tea.Model: header, rule, the page's body, a status line and the
// help line, fitted to the terminal.
func (m Model) View() string {
	w := m.width
	if w <= 0 {
		w = defaultWidth
	}
	pg := m.active()
	body := append([]string{""}, strings.Split(pg.View(common.Screen{Width: w, Frame: m.frame}), "\n")...)
	status := m.status(w, pg)
	if m.height > 0 {
		area := max(m.height-3-len(status), 0)
		if len(body) > area {
			body = body[:area]
		}
		for len(body) < area {
			body = append(body, "")
		}
	}
	lines := make([]string, 0, len(body)+len(status)+3)
	lines = append(lines, m.header(), m.styles.Rule.Render(strings.Repeat("─", w)))
	lines = append(lines, body...)
	lines = append(lines, status...)
	lines = append(lines, m.help.ShortHelpView(m.shown()))
	for i, l := range lines {
		lines[i] = ansi.Truncate(l, w, "…")
	}
	return strings.Join(lines, "\n")
}

// shown are the keys the help line shows: the page's, or the answers to the quit
// question. ctrl+c (quit) and ctrl+s (support) work everywhere and are left out, for room.
func (m Model) shown() []key.Binding {
	if m.confirmQuit {
		k := m.rootKeys()
		return []key.Binding{k.Yes, k.No}
	}
	return m.active().ShortHelp()
}

// header names the shop, then the support screen or the reader with its status and the
// order under way.
func (m Model) header() string {
	st := m.styles
	parts := []string{st.Shop.Render(m.opts.Shop)}
	if m.support.IsOpen() {
		parts = append(parts, m.support.Heading()...)
		return strings.Join(parts, st.Muted.Render(" · "))
	}
	s := m.payment.Session()
	id := m.picker.Chosen()
	if m.payment.Active() {
		id = s.ReaderID
	}
	r, ok := m.picker.Reader(id)
	switch {
	case ok:
		parts = append(parts, st.Header.Render(r.Name())+" "+st.ReaderStatus(r.Status))
	case id != "":
		parts = append(parts, st.Header.Render(id))
	case m.picker.Loading():
		parts = append(parts, st.Muted.Render("finding readers…"))
	default:
		parts = append(parts, st.Muted.Render("no reader chosen"))
	}
	if m.payment.Active() {
		parts = append(parts, st.Header.Render("order "+s.OrderID))
	}
	return strings.Join(parts, st.Muted.Render(" · "))
}

// status is the text above the help line, wrapped: a question that needs an answer,
// else the flash, else what support is doing. It is always at least one line, so the
// layout does not jump.
func (m Model) status(w int, pg page) []string {
	st := m.styles
	style, text := st.Warning, m.flash.Text
	switch {
	case m.confirmQuit:
		text = "The payment stays open and till resumes it next time. Quit? (y/n)"
	case pg.Question() != "":
		text = pg.Question()
	case m.support.IsOpen() && text == "" && m.support.Acting() != "":
		style, text = st.Muted, m.support.Acting()
	case m.flash.Level == common.LevelError:
		style = st.Error
	}
	if text == "" {
		return []string{""}
	}
	p := &common.Page{Width: w}
	p.Para(style, text)
	return p.Lines
}
