package ui

import "github.com/till-pos/till/checkout"

// Messages of the support screen. Like the checkout's, each holds values only.
type (
	// readersReadMsg is one refresh of the Readers pane; gen names the loop it belongs to.
	readersReadMsg struct {
		gen       int
		readers   []checkout.Reader
		err       error
		locations []checkout.Location // nil when not asked for or not read
		faults    map[string][]string // nil without the emulator's panel
		faultsErr error
	}

	// readersDueMsg says the Readers pane's next refresh is due.
	readersDueMsg struct{ gen int }

	// readerActedMsg is the answer to an action on a reader (cancel, clear, present).
	readerActedMsg struct {
		done    string // what was done, for the status line
		refused string // why nothing was done, when the reader had moved on
		err     error
	}

	// faultToggledMsg is the answer to switching an emulator fault.
	faultToggledMsg struct {
		fault string
		err   error
	}

	// paymentsMsg is the Payments pane's data: the store's unfinished sessions and
	// Stripe's intents of the last days.
	paymentsMsg struct {
		sessions  []checkout.Session
		storeErr  error
		intents   []checkout.Intent
		stripeErr error
	}

	// supportLoadedMsg is a session loaded for support to act on through the machine.
	supportLoadedMsg struct {
		pi      string
		session checkout.Session
		found   bool
		err     error
		event   checkout.Event // what to apply to it
		intent  *checkout.Intent
	}

	// paymentActedMsg is the event of a direct call on an intent that has no session here.
	paymentActedMsg struct {
		pi    string
		event checkout.Event
	}

	// entriesMsg is an order's journal.
	entriesMsg struct {
		order   string
		entries []checkout.Entry
		err     error
	}

	// shiftMsg is the shift's report.
	shiftMsg struct {
		report checkout.ShiftReport
		err    error
	}

	// shiftClosedMsg reports the closing of the shift.
	shiftClosedMsg struct{ err error }

	// exportedMsg reports the files an export wrote.
	exportedMsg struct {
		paths []string
		err   error
	}
)
