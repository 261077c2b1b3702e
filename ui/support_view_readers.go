package ui

import (
	"fmt"

	"github.com/till-pos/till/checkout"
)

// Reader list columns; with the pointer and the status they make 77 cells.
const (
	colRdrName   = 15
	colRdrID     = 19
	colRdrDevice = 22
	colRdrSW     = 10
)

func (m Model) readersPane(p *page) {
	st, s := m.styles, m.sup
	if s.overlay == supportFaults {
		m.faultsView(p)
		return
	}
	switch {
	case s.loadingRdrs && len(s.readers) == 0 && s.readersErr == nil:
		p.line(m.spinnerView() + " Looking for readers…")
		return
	case len(s.readers) == 0 && s.readersErr == nil:
		p.line(st.Muted.Render("No readers in any location. Register one in the Stripe Dashboard."))
		return
	}
	if s.readersErr != nil {
		p.para(st.Error, fmt.Sprintf("Could not read the readers: %s Retrying in %s.",
			checkout.Explain(checkout.AsFailure(s.readersErr)), checkout.Backoff(readersEvery, readersMax, s.readersFails)))
		p.blank()
	}
	p.line(st.Muted.Render(plural(len(s.readers), "reader", "readers") + " in every location · read " +
		age(m.opts.Now().Sub(s.readersAt)) + " ago"))
	from, to := window(len(s.readers), s.pick, 4)
	for i := from; i < to; i++ {
		r := s.readers[i]
		row := cell(r.Name(), colRdrName, false) + cell(r.ID, colRdrID, false) +
			cell(r.DeviceType, colRdrDevice, false) + cell(r.SoftwareVersion, colRdrSW, false) + m.readerStatus(r.Status)
		p.line(m.pointer(i == s.pick, row))
		p.line("    " + m.readerLine(r))
	}
	m.moreRows(p, from, to, len(s.readers))
	if r, ok := m.selectedReader(); ok {
		p.blank()
		m.readerDetail(p, r)
	}
}

// readerLine is the list's second line: what the reader does, and when it was last seen.
func (m Model) readerLine(r checkout.Reader) string {
	st := m.styles
	text := "idle"
	if r.Status == "offline" {
		text = "offline"
	}
	if a := r.Action; a != nil {
		text = shortType(a.Type) + " " + string(a.Status)
		if d, ok := m.actionAge(r); ok {
			text += " " + age(d)
		}
		if a.PaymentIntentID != "" {
			text += " · " + a.PaymentIntentID + " (" + m.owner(a.PaymentIntentID) + ")"
		}
	}
	stuck := m.stuck(r)
	if stuck {
		text = "! " + text + " · stuck?"
	}
	// Last seen goes at the end when it fits; the detail always has it.
	if seen := " · seen " + age(m.opts.Now().Sub(r.LastSeenAt)) + " ago"; !r.LastSeenAt.IsZero() && len(text+seen) <= 72 {
		text += seen
	}
	if stuck {
		return st.Warning.Render(text)
	}
	return st.Muted.Render(text)
}

// shortType names an action type in a word, for the list; the detail has it in full.
func shortType(t string) string {
	switch t {
	case "process_payment_intent":
		return "payment"
	case "process_setup_intent":
		return "setup"
	case "set_reader_display":
		return "display"
	case "refund_payment":
		return "refund"
	}
	return t
}

// readerDetail mirrors what the reader shows, with everything support may need to ask.
func (m Model) readerDetail(p *page, r checkout.Reader) {
	st := m.styles
	p.line(st.Title.Render(r.Name()) + st.Muted.Render(" · "+r.ID))
	p.row(st, "Reader shows", m.readerShows(r))
	if a := r.Action; a != nil {
		text := a.Type + ", " + string(a.Status)
		if a.PaymentIntentID != "" {
			text += ", " + a.PaymentIntentID + " (" + m.owner(a.PaymentIntentID) + ")"
		}
		p.row(st, "Action", text)
	}
	device := r.DeviceType
	if r.SoftwareVersion != "" {
		device += ", software " + r.SoftwareVersion
	}
	p.row(st, "Device", device)
	if r.Location != "" {
		name := m.sup.locations[r.Location]
		if name == "" {
			name = r.Location
		}
		p.row(st, "Location", name)
	}
	if !r.LastSeenAt.IsZero() {
		p.row(st, "Last seen", r.LastSeenAt.Local().Format("15:04:05")+" ("+age(m.opts.Now().Sub(r.LastSeenAt))+" ago)")
	}
	if m.stuck(r) {
		d, _ := m.actionAge(r)
		p.para(st.Warning, fmt.Sprintf("Possibly disconnected: in progress for %s (more than %s) with no outcome. Press x to cancel its action.", age(d), age(m.opts.StuckAfter)))
	}
}

// readerShows words what the reader's screen shows, as far as Stripe tells.
func (m Model) readerShows(r checkout.Reader) string {
	if r.Status == "offline" {
		if r.LastSeenAt.IsZero() {
			return "offline"
		}
		return "offline since " + r.LastSeenAt.Local().Format("15:04") + " (" + age(m.opts.Now().Sub(r.LastSeenAt)) + ")"
	}
	a := r.Action
	if a == nil {
		return "idle"
	}
	switch a.Status {
	case checkout.ActionFailed:
		msg := a.FailureMessage
		if msg == "" {
			msg = a.FailureCode
		}
		return "failed: " + msg
	case checkout.ActionSucceeded:
		return "idle (last " + a.Type + " succeeded)"
	}
	text := a.Type + " in progress"
	switch a.Type {
	case "process_payment_intent":
		text = "waiting for a card"
		if m.intentStatus(a.PaymentIntentID) == checkout.IntentProcessing {
			text = "authorizing"
		}
	case "set_reader_display":
		text = "showing a cart"
	case "process_setup_intent":
		text = "waiting for a card to save"
	case "refund_payment":
		text = "refunding"
	}
	if d, ok := m.actionAge(r); ok {
		text += " (" + age(d) + ")"
	}
	return text
}

// intentStatus is the last known status of an intent: the cashier's or a listed one.
func (m Model) intentStatus(pi string) checkout.IntentStatus {
	if pi != "" && pi == m.session.PaymentIntentID {
		return m.session.IntentStatus
	}
	for _, in := range m.sup.intents {
		if in.ID == pi {
			return in.Status
		}
	}
	return ""
}

// faultsView lists the emulator's faults for the selected reader, on or off.
func (m Model) faultsView(p *page) {
	st := m.styles
	r, _ := m.selectedReader()
	p.line(st.Title.Render("Emulator faults on " + r.Name()))
	p.blank()
	if m.sup.faultsErr != nil {
		p.para(st.Error, "Could not read the faults: "+m.sup.faultsErr.Error())
	}
	for i, f := range faultNames {
		state := st.Muted.Render("off")
		if m.sup.faultOn(r.ID, f) {
			state = st.Warning.Render("ON")
		}
		p.line(m.pointer(i == m.sup.faultPick, cell(f, 30, false)+state))
	}
}
