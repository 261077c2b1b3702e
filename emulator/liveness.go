package emulator

import "time"

// liveness is when the reader was last seen and whether it counts as online.
// Simulated readers heartbeat constantly, so a healthy one was seen just now; an
// offline one was last seen two minutes before the fault began, a disconnected one
// when it disconnected.
func (x *txn) liveness(rec *readerRec) (time.Time, bool) {
	f := x.e.faultFor(rec.Obj.ID)
	switch {
	case f.Offline:
		return f.since.Add(-offlineAfter), false
	case f.Disconnect:
		return f.since, x.now.Sub(f.since) < offlineAfter
	}
	return x.now, true
}

// commandable checks that a reader can take a command now: it is reachable and not in
// the middle of an authorization.
func (x *txn) commandable(rec *readerRec) *apiError {
	if _, online := x.liveness(rec); !online {
		return errReaderOffline()
	}
	if x.e.faultFor(rec.Obj.ID).Disconnect {
		return errReaderTimeout()
	}
	if rec.Pending != nil {
		return errReaderBusy()
	}
	return nil
}

// readyForCommand checks what every reader command checks before it acts: expansions a
// reader has, and a reader that can take the command.
func (x *txn) readyForCommand(rec *readerRec) *apiError {
	if err := x.checkExpand(readerExpands...); err != nil {
		return err
	}
	return x.commandable(rec)
}
