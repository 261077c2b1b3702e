package drive

import "github.com/till-pos/till/checkout"

// Messages carry results back to the lane that made them. Each holds values only.
type (
	// SavedMsg says whether a job's session reached the disk; only then is its effect made.
	SavedMsg struct {
		job job
		err error
	}

	// DueMsg says a waiting effect's poll interval has passed.
	DueMsg struct{ job job }

	// ResultMsg is the event an effect produced.
	ResultMsg struct {
		lane  ID
		gen   int
		read  bool
		event checkout.Event
	}
)

// Event is the result the message carries.
func (m ResultMsg) Event() checkout.Event { return m.event }

// job is one committed state (a session or a refund) and, at most, one effect it
// asked for.
type job struct {
	lane   ID
	rev    int // the saver's revision for state
	gen    int // the poll generation when it was committed
	prev   any // restored when state cannot be saved
	state  any
	effect checkout.Effect // nil: save only
	read   bool            // effect is a status read, whose results a newer generation makes stale
}

// ReaderOf returns the reader an event carries, if any: every answer about a reader
// keeps the screen's list current.
func ReaderOf(ev checkout.Event) *checkout.Reader {
	switch ev := ev.(type) {
	case checkout.ProcessSent:
		return &ev.Reader
	case checkout.ActionCanceled:
		return &ev.Reader
	case checkout.StatusRead:
		return ev.Reader
	case checkout.RefundSent:
		return &ev.Reader
	case checkout.RefundActionCanceled:
		return &ev.Reader
	case checkout.RefundRead:
		return ev.Reader
	}
	return nil
}
