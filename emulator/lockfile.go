package emulator

import "errors"

// errLocked: another process (or another Emulator in this one) holds the state file.
var errLocked = errors.New("locked")
