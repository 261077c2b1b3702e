package common

// Fault is one of the emulator's switchable reader faults and what it does, as the
// emulator explains it.
type Fault struct{ Name, Does string }
