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

// job is one committed session and, at most, one effect it asked for.
type job struct {
	lane    ID
	rev     int              // the saver's revision for session
	gen     int              // the poll generation when it was committed
	prev    checkout.Session // restored when session cannot be saved
	session checkout.Session
	effect  checkout.Effect // nil: save only
}

// read reports whether the job's effect is a status read, whose results a newer
// generation makes stale.
func (j job) read() bool {
	switch e := j.effect.(type) {
	case checkout.ReadStatus:
		return true
	case checkout.CreateIntent:
		return e.Wait
	}
	return false
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
	}
	return nil
}
