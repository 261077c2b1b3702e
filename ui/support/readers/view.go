package readers

import (
	"fmt"
	"strings"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/common"
)

// Reader list columns; with the pointer and the status they make 77 cells. Below 80
// cells the id and the software version are left to the detail.
const (
	colName   = 15
	colID     = 19
	colDevice = 22
	colSW     = 10
)

// View draws the pane: the reader list and the selected reader, or the fault list, or
// the test cards.
func (m Model) View(p *common.Page, frame int) {
	st := m.styles
	switch {
	case m.faultsOn:
		m.faultsView(p)
		return
	case m.cardsOn:
		m.cardsView(p)
		return
	}
	switch {
	case m.loading && len(m.readers) == 0 && m.err == nil:
		p.Line(st.Spinner(frame) + " Looking for readers…")
		return
	case len(m.readers) == 0 && m.err == nil:
		p.Line(st.Muted.Render("No readers in any location. Register one with till setup (or in the Stripe Dashboard)."))
		return
	}
	now := m.deps.Now()
	if m.err != nil {
		p.Para(st.Error, fmt.Sprintf("Could not read the readers: %s Reading them again in %s.",
			common.Sentence(checkout.ExplainReadWithDetail(checkout.AsFailure(m.err))), m.refreshDelay()))
		if m.readAt.IsZero() {
			return // no list was read yet
		}
		p.Blank()
	}
	// The selected reader's detail is what support came for: on a short screen the list
	// gives way to it, down to the selected reader's first line (the detail has the
	// second's words, the count line says which reader of how many it is), then the
	// detail's last rows. Below the count line, still to come: the detail and its blank.
	d := p.Detail(st)
	if r, ok := m.selected(); ok {
		m.detail(d, r)
	}
	rows := p.RowsAbove(len(m.readers), 1+d.Room(), 2, listRows)
	from, to := common.Window(len(m.readers), m.pick, rows)
	more := 0
	if from > 0 || to < len(m.readers) {
		more = 1
	}
	short := rows == 1 && p.Left()-1-more-2 < d.Room()
	count := common.Plural(len(m.readers), "reader", "readers") + " in every location · read " +
		common.Age(now.Sub(m.readAt)) + " ago"
	if short && more > 0 {
		count += fmt.Sprintf(" · showing %d of %d", m.pick+1, len(m.readers))
	}
	p.Line(st.Muted.Render(count))
	for i := from; i < to; i++ {
		r := m.readers[i]
		row := common.Cell(r.Name(), colName, false) + common.Cell(r.ID, colID, false) +
			common.Cell(r.DeviceType, colDevice, false) + common.Cell(r.SoftwareVersion, colSW, false)
		if p.Width < 80 {
			row = common.Cell(r.Name(), colName, false) + common.Cell(r.DeviceType, colDevice, false)
		}
		p.Line(st.Pointer(i == m.pick, row+st.ReaderStatus(r.Status)))
		if !short {
			p.Line("    " + m.readerLine(r))
		}
	}
	if !short {
		st.MoreRows(p, from, to, len(m.readers))
	}
	p.Under(d)
}

// listRows is how many readers the list shows at most.
const listRows = 4

// owner says whose payment an intent is.
func (m Model) owner(pi string) string {
	switch {
	case pi == "":
		return ""
	case m.mine(pi):
		return "this till"
	}
	return "another till"
}

// readerLine is the list's second line: what the reader does, and when it was last seen.
func (m Model) readerLine(r checkout.Reader) string {
	st := m.styles
	now := m.deps.Now()
	text := "idle"
	if r.Status == checkout.ReaderOffline {
		text = "offline"
	}
	if a := r.Action; a != nil {
		text = shortType(a.Type) + " " + string(a.Status)
		if d, ok := m.actionAge(r); ok {
			text += " " + common.Age(d)
		}
		if a.PaymentIntentID != "" {
			text += " · " + m.owner(a.PaymentIntentID) + " · " + a.PaymentIntentID
		}
	}
	stuck := m.stuck(r)
	if stuck {
		text = "! stuck? " + text
	}
	// Last seen goes at the end when it fits; the detail always has it.
	if seen := " · seen " + common.Age(now.Sub(r.LastSeenAt)) + " ago"; !r.LastSeenAt.IsZero() && len(text+seen) <= 72 {
		text += seen
	}
	line := st.Muted.Render(text)
	if stuck {
		line = st.Warning.Render(text)
	}
	if on := m.faults[r.ID]; len(on) > 0 {
		line = st.Warning.Render("faults: "+strings.Join(on, ", ")) + st.Muted.Render(" · ") + line
	}
	return line
}

// shortType names an action type in a word or two, for the list; the detail has it in
// full. The reader's part of a payment is a step: "payment succeeded" would read as
// paid while the payment may still await its capture.
func shortType(t string) string {
	switch t {
	case "process_payment_intent":
		return "payment step"
	case "process_setup_intent":
		return "setup"
	case "set_reader_display":
		return "display"
	case "refund_payment":
		return "refund"
	}
	return t
}

// detail mirrors what the reader shows, with everything support may need to ask.
func (m Model) detail(p *common.Detail, r checkout.Reader) {
	st := m.styles
	now := m.deps.Now()
	p.Line(st.Title.Render(r.Name()) + st.Muted.Render(" · "+r.ID))
	p.Row("Reader shows", m.shows(r))
	if m.stuck(r) {
		d, _ := m.actionAge(r)
		p.Para(st.Warning, fmt.Sprintf("Possibly disconnected: in progress for %s (more than %s) with no outcome. Press x to cancel its action.",
			common.Age(d), common.Age(m.deps.StuckAfter)))
	}
	if a := r.Action; a != nil {
		text := a.Type + ", " + string(a.Status)
		if a.PaymentIntentID != "" {
			text += ", " + a.PaymentIntentID + " (" + m.owner(a.PaymentIntentID) + ")"
		}
		p.Row("Action", text)
		if in, ok := m.intent(a.PaymentIntentID); ok && !in.Created.IsZero() && !m.ck.Mine(in.ID) {
			p.Row("Payment made", in.Created.Local().Format("15:04:05")+" ("+common.Age(now.Sub(in.Created))+" ago)")
		}
	}
	if on := m.faults[r.ID]; len(on) > 0 {
		p.Row("Emulator faults", st.Warning.Render(strings.Join(on, ", ")))
	}
	device := r.DeviceType
	if r.SoftwareVersion != "" {
		device += ", software " + r.SoftwareVersion
	}
	p.Row("Device", device)
	if r.Location != "" {
		name := m.locations[r.Location]
		if name == "" {
			name = r.Location
		}
		p.Row("Location", name)
	}
	if !r.LastSeenAt.IsZero() {
		p.Row("Last seen", r.LastSeenAt.Local().Format("15:04:05")+" ("+common.Age(now.Sub(r.LastSeenAt))+" ago)")
	}
}

// shows words what the reader's screen shows, as far as Stripe tells.
func (m Model) shows(r checkout.Reader) string {
	now := m.deps.Now()
	if r.Status == checkout.ReaderOffline {
		if r.LastSeenAt.IsZero() {
			return "offline"
		}
		return "offline since " + r.LastSeenAt.Local().Format("15:04") + " (" + common.Age(now.Sub(r.LastSeenAt)) + ")"
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
		text += " (" + common.Age(d) + ")"
	}
	return text
}

// intentStatus is the last known status of an intent: the cashier's or a listed one.
func (m Model) intentStatus(pi string) checkout.IntentStatus {
	if pi != "" && pi == m.ck.Session.PaymentIntentID {
		return m.ck.Session.IntentStatus
	}
	for _, in := range m.intents {
		if in.ID == pi {
			return in.Status
		}
	}
	return ""
}

// faultsView lists the emulator's faults for the selected reader, on or off, and what
// the one under the cursor does. The explanation is always whole: on a short screen the
// blank lines go first, then the list scrolls.
func (m Model) faultsView(p *common.Page) {
	st := m.styles
	r, _ := m.selected()
	faults := m.faultList()
	var does []string
	if len(faults) > 0 {
		does = common.Wrap(faults[common.Clamp(m.faultPick, len(faults))].Does, p.TextWidth())
	}
	var errs []string
	if m.faultsErr != nil {
		errs = common.Wrap("Could not read the faults: "+m.faultsErr.Error(), p.TextWidth())
	}
	rows := len(faults)
	spare := p.Left() - 1 - len(errs) - rows - len(does)
	if spare < 0 {
		rows = max(rows+spare-1, 1) // one line says how many are out of sight
	}
	p.Line(st.Title.Render("Emulator faults on " + r.Name()))
	if spare >= 2 {
		p.Blank()
	}
	for _, l := range errs {
		p.Line(st.Error.Render(l))
	}
	from, to := common.Window(len(faults), m.faultPick, rows)
	for i := from; i < to; i++ {
		f := faults[i]
		state := st.Muted.Render("off")
		if m.faultOn(r.ID, f) {
			state = st.Warning.Render("ON")
		}
		if f.Global {
			state += st.Muted.Render(" · every reader")
		}
		p.Line(st.Pointer(i == m.faultPick, common.Cell(f.Name, 30, false)+state))
	}
	st.MoreRows(p, from, to, len(faults))
	if spare >= 1 {
		p.Blank()
	}
	for _, l := range does {
		p.Line(st.Muted.Render(l))
	}
}

// cardsView lists the test cards to present on the selected simulated reader.
func (m Model) cardsView(p *common.Page) {
	st := m.styles
	r, _ := m.selected()
	p.Line(st.Title.Render("Present a test card on " + r.Name()))
	p.Blank()
	st.CardList(p, m.card, 8)
}
