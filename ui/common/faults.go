package common

// Fault is one of the emulator's switchable faults and what it does, as the emulator
// explains it. A global one (Stripe unreachable) is switched for every reader at once.
type Fault struct {
	Name, Does string
	Global     bool
}

// Scope is the reader a fault is switched on: readerID, or "" for a global one.
func (f Fault) Scope(readerID string) string {
	if f.Global {
		return ""
	}
	return readerID
}
