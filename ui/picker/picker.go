// Package picker is the reader list: which readers the account has, which one the next
// charge goes to (configured, remembered, or chosen here), and the page that chooses.
package picker

import (
	"context"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/common"
)

// PrefReader is the preference key under which the chosen reader is remembered.
const PrefReader = "reader"

// Gateway lists the readers.
type Gateway interface {
	ListReaders(ctx context.Context) ([]checkout.Reader, error)
}

// Prefs remembers the chosen reader.
type Prefs interface {
	Pref(key string) (string, error)
	SetPref(key, value string) error
}

// Purpose says what the choice is for.
type Purpose int

// Purposes of opening the picker.
const (
	Choose    Purpose = iota // the reader of later sales
	ForCharge                // the cart is waiting to be charged on the chosen reader
	ForRetry                 // the declined payment is sent to the chosen reader
	ForRefund                // an in-person refund goes to the chosen reader
)

// ChosenMsg tells the root which reader was chosen, and what for.
type ChosenMsg struct {
	ReaderID string
	Purpose  Purpose
}

// ClosedMsg tells the root the picker closed without a choice.
type ClosedMsg struct{ Purpose Purpose }

// Model is the reader list and the page that chooses from it.
type Model struct {
	styles  *common.Styles
	shared  common.Keys
	gw      Gateway
	prefs   Prefs
	timeout time.Duration

	readers []checkout.Reader
	first   []checkout.Reader // a list read before the screen opened, which Init takes instead of listing
	err     error
	loading bool
	chosen  string // the reader the next charge goes to

	open    bool
	purpose Purpose
	pick    int
}

// New is the list before it is read; configured is the reader the configuration names.
func New(st *common.Styles, k common.Keys, gw Gateway, prefs Prefs, timeout time.Duration, configured string) Model {
	return Model{styles: st, shared: k, gw: gw, prefs: prefs, timeout: timeout, chosen: configured, loading: true}
}

// Listed is the page with a reader list main has just read: Init takes it rather than
// asking Stripe again.
func (m Model) Listed(readers []checkout.Reader) Model {
	m.first = readers
	return m
}

// Init lists the readers (or takes those given to Listed) and reads the remembered
// choice.
func (m Model) Init() tea.Cmd {
	if m.first != nil {
		first := m.first
		return m.listedCmd(func(context.Context) ([]checkout.Reader, error) { return first, nil })
	}
	return m.listCmd()
}

// Readers are the account's readers, by name.
func (m Model) Readers() []checkout.Reader { return m.readers }

// Chosen is the reader the next charge goes to, or "".
func (m Model) Chosen() string { return m.chosen }

// Loading reports a listing under way.
func (m Model) Loading() bool { return m.loading }

// IsOpen reports whether the page is shown.
func (m Model) IsOpen() bool { return m.open }

// Purpose is what the open page chooses for.
func (m Model) Purpose() Purpose { return m.purpose }

// Busy reports whether the page shows a spinner.
func (m Model) Busy() bool { return m.open && m.loading }

// Reader finds a reader by id.
func (m Model) Reader(id string) (checkout.Reader, bool) {
	return common.FindReader(m.readers, id)
}

// Open shows the page, its list read again so statuses are current; current is the
// reader the cursor starts on. Asked for another reader (a retry, a refund's), the
// cursor starts on the first other reader online, so enter does not send the payment
// straight back to the reader that just failed; with none, on current.
func (m Model) Open(p Purpose, current string) (Model, tea.Cmd) {
	if current == "" {
		current = m.chosen
	}
	m.open, m.purpose, m.pick = true, p, 0
	other := -1
	for i, r := range m.readers {
		switch {
		case r.ID == current:
			m.pick = i
		case other < 0 && r.Status == "online":
			other = i
		}
	}
	if (p == ForRetry || p == ForRefund) && other >= 0 {
		m.pick = other
	}
	m.loading = true
	return m, m.listCmd()
}

// Close hides the page.
func (m Model) Close() Model {
	m.open = false
	return m
}

// Note keeps the list current with a reader Stripe returned.
func (m Model) Note(r checkout.Reader) Model {
	if r.ID == "" {
		return m
	}
	// A new slice: earlier copies of the model must not see the change.
	readers := make([]checkout.Reader, 0, len(m.readers)+1)
	found := false
	for _, x := range m.readers {
		if x.ID == r.ID {
			x, found = r, true
		}
		readers = append(readers, x)
	}
	if !found {
		readers = append(readers, r)
	}
	m.readers = readers
	return m
}

// Question is the page's open question; the picker asks none.
func (m Model) Question() string { return "" }

// Update takes the list's answers and, while open, the keys.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case listedMsg:
		return m.listed(msg)
	case prefSavedMsg:
		if msg.err != nil {
			return m, common.Say(common.LevelWarn, "Could not remember the reader for next time: "+msg.err.Error())
		}
	case tea.KeyMsg:
		if m.open {
			return m.key(msg)
		}
	}
	return m, nil
}

func (m Model) key(msg tea.KeyMsg) (Model, tea.Cmd) {
	k := m.keys()
	if key.Matches(msg, k.Reload) {
		m.loading = true
		return m, m.listCmd()
	}
	var p common.Picked
	m.pick, p = common.Pick(msg, k.Up, k.Down, k.Choose, k.Back, m.pick, len(m.readers))
	switch p {
	case common.Closed:
		m.open = false
		return m, common.Emit(ClosedMsg{Purpose: m.purpose})
	case common.Chosen:
		r := m.readers[m.pick]
		m.open = false
		chosen := common.Emit(ChosenMsg{ReaderID: r.ID, Purpose: m.purpose})
		if m.purpose == ForRetry || m.purpose == ForRefund {
			// This payment (refund) moves; the reader of later sales stays as it was.
			return m, chosen
		}
		m.chosen = r.ID
		return m, tea.Batch(m.rememberCmd(r.ID), chosen)
	}
	return m, nil
}

// listed takes a fresh reader list and settles which reader the next charge uses: the
// configured one, else the remembered one, else the only one, else the cashier's choice.
func (m Model) listed(msg listedMsg) (Model, tea.Cmd) {
	m.loading = false
	if msg.err != nil {
		m.err = msg.err
		if m.open && len(m.readers) == 0 {
			return m, nil // the page says it, with ctrl+r
		}
		return m, common.Say(common.LevelError, "Could not list the readers: "+checkout.ExplainRead(checkout.AsFailure(msg.err)))
	}
	// The selection follows its reader, wherever the fresh list puts it.
	readers := common.SortedReaders(msg.readers)
	m.err, m.pick, m.readers = nil, common.Follow(m.readers, readers, m.pick, common.ReaderID), readers
	var say tea.Cmd
	if msg.prefErr != nil {
		say = common.Say(common.LevelWarn, "Could not read the remembered reader: "+msg.prefErr.Error())
	}
	if m.chosen != "" {
		if _, ok := m.Reader(m.chosen); ok {
			return m, say
		}
		say = common.Say(common.LevelWarn, "Reader "+m.chosen+" is not among this account's readers. Choose one.")
		m.chosen = ""
	}
	switch _, remembered := m.Reader(msg.pref); {
	case remembered:
		m.chosen = msg.pref
	case len(m.readers) == 1:
		m.chosen = m.readers[0].ID
	case len(m.readers) == 0:
		say = common.Say(common.LevelWarn, "No readers found. Register one with till setup (or in the Stripe Dashboard), then press p.")
	}
	return m, say
}

type (
	// listedMsg is the reader list and the remembered reader.
	listedMsg struct {
		readers []checkout.Reader
		err     error
		pref    string
		prefErr error
	}
	// prefSavedMsg reports a failure to remember the chosen reader.
	prefSavedMsg struct{ err error }
)

// listCmd lists the readers and reads the remembered choice.
func (m Model) listCmd() tea.Cmd {
	gw := m.gw
	return m.listedCmd(func(ctx context.Context) ([]checkout.Reader, error) { return gw.ListReaders(ctx) })
}

// listedCmd takes the readers list gives and reads the remembered choice.
func (m Model) listedCmd(list func(context.Context) ([]checkout.Reader, error)) tea.Cmd {
	prefs, timeout := m.prefs, m.timeout
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), timeout)
		defer cancel()
		readers, err := list(ctx)
		pref, prefErr := prefs.Pref(PrefReader)
		return listedMsg{readers: readers, err: err, pref: pref, prefErr: prefErr}
	}
}

// rememberCmd remembers the chosen reader for the next start.
func (m Model) rememberCmd(id string) tea.Cmd {
	prefs := m.prefs
	return func() tea.Msg { return prefSavedMsg{err: prefs.SetPref(PrefReader, id)} }
}

// Typing reports whether keys are text; the picker has no field.
func (m Model) Typing() bool { return false }
