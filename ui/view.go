package ui

import (
	"math"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/x/ansi"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/common"
)

// defaultWidth is used until the terminal reports its size.
const defaultWidth = 80

// The smallest usable screen: below it the screen says so instead of drawing a broken
// one. At this size the total, the amount due and every key that ends or cancels a
// payment are on screen.
const (
	minWidth  = 60
	minHeight = 16
)

// page is what the root needs of the component on screen.
type page interface {
	help.KeyMap
	View(common.Screen) string
	Question() string
	Typing() bool // keys are text typed into a field: ? is typing, not help
}

// active is the component that has the keys and the body now.
func (m Model) active() page {
	switch {
	case m.golive.Asking():
		return m.golive
	case m.support.IsOpen():
		return m.support
	case m.picker.IsOpen():
		return m.picker
	case m.receipt.IsOpen():
		return m.receipt
	case m.refund.IsOpen():
		return m.refund
	case m.history.IsOpen():
		return m.history
	case m.cash.IsOpen():
		return m.cash
	case m.payment.Active():
		return m.payment
	}
	return m.cart
}

// viewWidth is the width to draw for.
func (m Model) viewWidth() int {
	if m.width <= 0 {
		return defaultWidth
	}
	return m.width
}

// View implements tea.Model: header, rule, the page's body (or the list of keys), a
// status line and the help, fitted to the terminal.
func (m Model) View() string {
	w := m.viewWidth()
	if m.width > 0 && (m.width < minWidth || (m.height > 0 && m.height < minHeight)) {
		return m.small(m.width, m.height)
	}
	pg := m.active()
	status, footer, banner := m.status(w, pg), m.footer(w, pg), m.banner(w)
	area := m.area(banner, status, footer)
	body, room := []string{""}, bodyHeight(area)
	if m.showHelp {
		body = append(body, m.fullHelp(pg, room)...)
	} else {
		body = append(body, strings.Split(pg.View(common.Screen{Width: w, Height: room, Frame: m.frame}), "\n")...)
	}
	if m.height > 0 {
		if len(body) > area {
			body = body[:area]
		}
		for len(body) < area {
			body = append(body, "")
		}
	}
	lines := make([]string, 0, len(body)+len(banner)+len(status)+len(footer)+2)
	lines = append(lines, m.header(), m.rule(w))
	lines = append(lines, banner...)
	lines = append(lines, body...)
	lines = append(lines, status...)
	lines = append(lines, footer...)
	for i, l := range lines {
		lines[i] = ansi.Truncate(l, w, "…")
	}
	return strings.Join(lines, "\n")
}

// area is the lines between the banner and the status line; 0 while the terminal's
// size is unknown.
func (m Model) area(banner, status, footer []string) int {
	if m.height <= 0 {
		return 0
	}
	return max(m.height-2-len(banner)-len(status)-len(footer), 1)
}

// body is the cells the page on screen is given, as View lays the screen out now.
func (m Model) body() common.Screen {
	w := m.viewWidth()
	pg := m.active()
	return common.Screen{Width: w, Height: bodyHeight(m.area(m.banner(w), m.status(w, pg), m.footer(w, pg)))}
}

// bodyHeight is the lines the page (or the list of keys) is given in area lines: the
// body's first line is blank.
func bodyHeight(area int) int { return max(area-1, 0) }

// shown are the keys the footer shows: the page's, or the answers to the quit
// question, or none over the list of every key. ctrl+c (quit) and ctrl+s (support)
// work everywhere and are in that list, for room.
func (m Model) shown(pg page) []key.Binding {
	switch {
	case m.confirmQuit:
		k := m.rootKeys()
		return []key.Binding{k.Yes, k.No}
	case m.showHelp:
		return nil
	}
	return pg.ShortHelp()
}

// header names the shop, then the support screen or the reader with its status and the
// order under way. On a narrow screen the shop's name gives way first (cut with "…" to
// the room left, then dropped), then the word "order": the reader's status and the
// order id matter more to the cashier, and the cashier's state more to support.
func (m Model) header() string {
	st := m.styles
	w, sep := m.viewWidth(), st.Muted.Render(" · ")
	rest := m.headerRest()
	if shop := m.shopIn(w - ansi.StringWidth(strings.Join(rest, sep)) - ansi.StringWidth(sep)); shop != "" {
		return strings.Join(append([]string{shop}, rest...), sep)
	}
	if ansi.StringWidth(strings.Join(rest, sep)) > w {
		switch {
		case m.support.IsOpen():
			rest = m.support.Heading(w)
		case m.payment.Active():
			rest[len(rest)-1] = st.Header.Render(m.payment.Session().OrderID)
		}
	}
	return strings.Join(rest, sep)
}

// shopIn is the shop's name in room cells: whole, cut with "…", or "" when it does not fit
// in common.MinCut.
func (m Model) shopIn(room int) string {
	name, ok := common.CutName(m.opts.Shop, room)
	if !ok {
		return ""
	}
	return m.styles.Shop.Render(name)
}

// headerRest is the header after the shop's name: the support screen's heading, or the
// reader with its status and the order under way.
func (m Model) headerRest() []string {
	st := m.styles
	if m.support.IsOpen() {
		return m.support.Heading(0)
	}
	var parts []string
	s := m.payment.Session()
	id := m.picker.Chosen()
	if m.payment.Active() {
		id = s.ReaderID
	}
	if rf := m.refund.Refund(); m.refund.IsOpen() && rf.ReaderID != "" {
		id = rf.ReaderID // the reader the refund on screen waits on
	}
	r, ok := m.picker.Reader(id)
	switch {
	case ok:
		status := r.Status
		if f := s.Failure; m.payment.Active() && f != nil && f.Kind == checkout.KindReaderOffline {
			status = checkout.ReaderOffline // Stripe said so since the list was read
		}
		parts = append(parts, st.Header.Render(r.Name())+" "+st.ReaderStatus(status))
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
	return parts
}

// status is the text above the help line, wrapped: a question that needs an answer,
// else the flash, else what support is doing. It is always at least one line, so the
// layout does not jump. A flash is cut at maxStatus lines; a question never is, as its
// end says what y does (the page above gives way for it).
func (m Model) status(w int, pg page) []string {
	st := m.styles
	style, text := st.Warning, m.flash.Text
	lines := maxStatus
	switch {
	case m.confirmQuit:
		text, lines = m.quitQuestion(), math.MaxInt
	case pg.Question() != "":
		text, lines = pg.Question(), math.MaxInt
	case m.support.IsOpen() && text == "" && m.support.Acting() != "":
		style, text = st.Muted, m.support.Acting()
	case m.flash.Level == common.LevelError:
		style = st.Error
	}
	if text == "" {
		return []string{""}
	}
	p := &common.Page{Width: w}
	p.ParaIn(style, text, lines)
	return p.Lines
}

// maxStatus is the most lines a flash takes.
const maxStatus = 3
