package emulator

import "time"

// liveness is when the reader was last seen and whether it counts as online.
// Simulated readers heartbeat constantly, so a healthy one was seen just now.
func (x *txn) liveness(rec *readerRec) (time.Time, bool) {
	return x.now, true
}
