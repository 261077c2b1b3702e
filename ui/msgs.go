package ui

import "github.com/till-pos/till/checkout"

// Messages carry results back into Update. Each holds values only.
type (
	// readersMsg is the reader list and the remembered reader, read at start or on demand.
	readersMsg struct {
		readers []checkout.Reader
		err     error
		pref    string
		prefErr error
	}

	// unfinishedMsg is the sessions the store holds that never finished, oldest first.
	unfinishedMsg struct {
		sessions []checkout.Session
		err      error
	}

	// savedMsg says whether job's session reached the disk; only then is its effect made.
	savedMsg struct {
		job job
		err error
	}

	// dueMsg says a waiting effect's poll interval has passed.
	dueMsg struct{ job job }

	// resultMsg is the event an effect produced.
	resultMsg struct {
		lane  lane
		gen   int
		read  bool
		event checkout.Event
	}

	// presentedMsg is the answer to presenting a test card.
	presentedMsg struct {
		reader checkout.Reader
		err    error
	}

	// prefSavedMsg reports a failure to remember the chosen reader.
	prefSavedMsg struct{ err error }

	// spinMsg advances the spinner; clockMsg refreshes the elapsed time.
	spinMsg  struct{}
	clockMsg struct{}
)

// job is one committed session and, at most, one effect it asked for.
type job struct {
	lane    lane             // whose session: the cashier's or one support is settling
	rev     int              // the model's revision for session
	gen     int              // the poll generation when it was committed
	prev    checkout.Session // restored when session cannot be saved
	session checkout.Session
	effect  checkout.Effect // nil: save only
}

// read reports whether the job's effect is a status read, whose results a newer
// generation makes stale.
func (j job) read() bool { return isRead(j.effect) }

func isRead(e checkout.Effect) bool {
	switch e := e.(type) {
	case checkout.ReadStatus:
		return true
	case checkout.CreateIntent:
		return e.Wait
	}
	return false
}
