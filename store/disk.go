package store

import (
	"errors"
	"fmt"
	"syscall"
)

// ErrDiskFull is wrapped by every error of a write that failed for want of space (or
// of quota) on the disk that holds the database.
var ErrDiskFull = errors.New("the disk is full")

// diskFull reports whether err comes from a disk with no room left.
func diskFull(err error) bool {
	return errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT)
}

// diskError names the disk as the cause, keeping the system's own error underneath.
type diskError struct {
	what, path string
	err        error
}

func (e *diskError) Error() string {
	return fmt.Sprintf("%s: the disk is full: no room left to write till's database %s", e.what, e.path)
}

func (e *diskError) Unwrap() []error { return []error{ErrDiskFull, e.err} }
