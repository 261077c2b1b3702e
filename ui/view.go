package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

// defaultWidth is used until the terminal reports its size.
const defaultWidth = 80

// margin indents every body line.
const margin = "  "

// View implements tea.Model: header, rule, the screen's body, a status line and the
// help line, fitted to the terminal.
func (m Model) View() string {
	w := m.width
	if w <= 0 {
		w = defaultWidth
	}
	p := &page{width: w}
	p.blank()
	k := m.keymap()
	header, shown := m.header(), k.shown()
	if m.sup.open {
		header, shown = m.supportHeader(), k.supportShown()
		m.supportBody(p)
	} else {
		m.notice(p)
		m.body(m.screen(), p)
	}
	body, status := p.lines, m.status(w)
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
	lines = append(lines, header, m.styles.Rule.Render(strings.Repeat("─", w)))
	lines = append(lines, body...)
	lines = append(lines, status...)
	lines = append(lines, m.help.ShortHelpView(shown))
	for i, l := range lines {
		lines[i] = ansi.Truncate(l, w, "…")
	}
	return strings.Join(lines, "\n")
}

// body draws the screen's own part.
func (m Model) body(sc screen, p *page) {
	switch sc {
	case screenCart:
		m.cartView(p)
	case screenForm:
		m.cartView(p)
		m.formView(p)
	case screenPicker:
		m.pickerView(p)
	case screenCards:
		m.cardsView(p)
	case screenCreating:
		m.creatingView(p)
	case screenSending:
		m.sendingView(p)
	case screenAwaiting:
		m.awaitingView(p)
	case screenApproved:
		m.approvedView(p)
	case screenCapturing:
		m.capturingView(p)
	case screenPaid:
		m.paidView(p)
	case screenDeclined:
		m.declinedView(p)
	case screenUnknown:
		m.unknownView(p)
	case screenCanceling:
		m.cancelingView(p)
	case screenCanceled:
		m.canceledView(p)
	}
}

// header names the shop, the reader and its status, and the order under way.
func (m Model) header() string {
	st := m.styles
	parts := []string{st.Shop.Render(m.opts.Shop)}
	id := m.readerID
	if m.session.Phase != "" {
		id = m.session.ReaderID
	}
	r, ok := m.reader(id)
	switch {
	case ok:
		parts = append(parts, st.Header.Render(r.Name())+" "+m.readerStatus(r.Status))
	case id != "":
		parts = append(parts, st.Header.Render(id))
	case m.loadingReaders:
		parts = append(parts, st.Muted.Render("finding readers…"))
	default:
		parts = append(parts, st.Muted.Render("no reader chosen"))
	}
	if m.live() || m.session.Phase.Finished() {
		parts = append(parts, st.Header.Render("order "+m.session.OrderID))
	}
	return strings.Join(parts, st.Muted.Render(" · "))
}

func (m Model) readerStatus(status string) string {
	switch status {
	case "online":
		return m.styles.Success.Render("(online)")
	case "":
		return ""
	}
	return m.styles.Error.Render("(" + status + ")")
}

// notice says when the payment on screen was left open by an earlier run, and how
// many more wait.
func (m Model) notice(p *page) {
	var parts []string
	if m.resumed && m.live() {
		parts = append(parts, "Resuming a payment left open at "+m.session.StartedAt.Format("15:04")+".")
	}
	if n := len(m.pending); n > 0 {
		var orders []string
		for i, s := range m.pending {
			if i == 2 {
				orders = append(orders, "…")
				break
			}
			orders = append(orders, s.OrderID+" "+s.Amount.String())
		}
		what := "1 more unfinished payment comes"
		if n > 1 {
			what = fmt.Sprintf("%d more unfinished payments come", n)
		}
		parts = append(parts, what+" next: "+strings.Join(orders, ", ")+" (ctrl+s › Payments lists them).")
	}
	if len(parts) > 0 {
		p.para(m.styles.Warning, strings.Join(parts, " "))
		p.blank()
	}
}

// status is the text above the help line, wrapped: a question that needs an answer,
// else the flash. It is always at least one line, so the layout does not jump.
func (m Model) status(w int) []string {
	st := m.styles
	style, text := st.Warning, m.flash.text
	switch {
	case m.confirmQuit:
		style, text = st.Warning, "The payment stays open and till resumes it next time. Quit? (y/n)"
	case m.sup.open && m.sup.ask != nil:
		style, text = st.Warning, m.sup.ask.text
	case m.sup.open && text == "" && m.sup.acting != "":
		style, text = st.Muted, m.sup.acting
	case m.overlay == overlayConfirmCancel:
		style, text = st.Warning, "Release the authorization? Nothing will be charged. (y/n)"
	case m.overlay == overlayConfirmTakeOver:
		style, text = st.Warning, "Replace the other payment on "+m.readerName()+"? Its customer must start again. (y/n)"
	case m.flash.level == levelError:
		style = st.Error
	}
	if text == "" {
		return []string{""}
	}
	p := &page{width: w}
	p.para(style, text)
	return p.lines
}

// page collects a screen's body lines.
type page struct {
	width int
	lines []string
}

func (p *page) blank() { p.lines = append(p.lines, "") }

// line adds one indented line.
func (p *page) line(s string) { p.lines = append(p.lines, margin+s) }

// block adds a multi-line string, each line indented.
func (p *page) block(s string) {
	for _, l := range strings.Split(s, "\n") {
		p.line(l)
	}
}

// para adds text wrapped to the page, in a style.
func (p *page) para(style lipgloss.Style, text string) {
	for _, l := range wrap(text, p.width-2*len(margin)) {
		p.line(style.Render(l))
	}
}

// labelWidth aligns the values of label/value rows.
const labelWidth = 16

// row adds a label and its value.
func (p *page) row(st Styles, label, value string) {
	p.line(st.Label.Render(cell(label, labelWidth, false)) + value)
}
