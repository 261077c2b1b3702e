package ui

import (
	"time"

	"github.com/charmbracelet/bubbles/help"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/till-pos/till/checkout"
)

// overlay is a panel on top of the phase's screen that takes the keys while it is open.
type overlay int

const (
	overlayNone            overlay = iota
	overlayForm                    // add a cart line
	overlayPicker                  // choose a reader
	overlayCards                   // choose a test card to present
	overlayConfirmCancel           // release an approved authorization?
	overlayConfirmTakeOver         // replace another payment on the reader?
)

// Model is the cashier screen. It implements tea.Model.
type Model struct {
	deps   Deps
	opts   Options
	styles Styles
	help   help.Model
	saver  *saver
	// driven are the PaymentIntents this run has worked on, newest last, so support can
	// tell this till's finished payments from another's.
	driven recent
	// after schedules a message; tea.Tick, replaced in tests to record the waits.
	after func(time.Duration, func(time.Time) tea.Msg) tea.Cmd

	session checkout.Session
	revs    int       // revisions handed out to commits of both lanes: the saver orders an order's saves by them
	rev     int       // the revision of this lane's last commit: only its failed save restores the session before it
	gen     int       // poll generation: bumped when the cashier acts; older reads are dropped
	stalled bool      // a save failed and nothing is in flight; "check" resumes the session
	lane    lane      // whose session the fields above hold: the cashier's, except inside on
	other   laneState // the other lane's session, put aside
	resumed bool      // the session was found unfinished at start
	pending []checkout.Session

	readers        []checkout.Reader
	readersErr     error
	loadingReaders bool
	readerID       string // the reader the next charge goes to

	overlay     overlay
	confirmQuit bool
	cursor      int // selected cart line
	pick        int // selected reader in the picker
	pickRetry   bool
	pickCharge  bool // the picker opened for a charge, which goes on once a reader is chosen
	card        int  // selected test card
	form        lineForm
	presenting  string // number of the card being presented

	sup support // the support screen

	flash    flash
	frame    int
	spinning bool
	clocking bool
	width    int
	height   int
}

// New builds the screen. Nothing is read until Init runs.
func New(deps Deps, opts Options) Model {
	opts = opts.withDefaults()
	st := DefaultStyles()
	h := help.New()
	h.Styles.ShortKey = st.Key
	h.Styles.ShortDesc = st.Muted
	h.Styles.ShortSeparator = st.Muted
	h.Styles.Ellipsis = st.Muted
	return Model{
		deps:           deps,
		opts:           opts,
		styles:         st,
		help:           h,
		saver:          newSaver(),
		after:          tea.Tick,
		session:        emptySession(opts.Currency),
		readerID:       opts.ReaderID,
		loadingReaders: true,
		form:           newLineForm(),
	}
}

func emptySession(currency string) checkout.Session {
	return checkout.Session{Cart: checkout.Cart{Currency: currency}}
}

// Init implements tea.Model: it lists the readers and looks for unfinished payments.
func (m Model) Init() tea.Cmd {
	return tea.Batch(listReadersCmd(m.deps, m.opts.CallTimeout), unfinishedCmd(m.deps.Store))
}

// live reports whether a payment is under way, one that quitting would leave open.
func (m Model) live() bool {
	return m.session.Phase != checkout.Building && !m.session.Phase.Finished()
}
