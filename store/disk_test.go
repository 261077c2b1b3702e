package store

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"syscall"
	"testing"
)

// A write the disk had no room for names the disk, and still matches the system's error.
func TestAFullDiskIsNamed(t *testing.T) {
	s, _ := openTemp(t)
	for _, errno := range []syscall.Errno{syscall.ENOSPC, syscall.EDQUOT} {
		err := s.describe("save session ord_1", fmt.Errorf("commit: %w", &os.PathError{Op: "write", Path: s.path, Err: errno}))
		if !errors.Is(err, ErrDiskFull) || !errors.Is(err, errno) {
			t.Errorf("%v: does not match ErrDiskFull and %v", err, errno)
		}
		if msg := err.Error(); !strings.Contains(msg, "the disk is full") || !strings.Contains(msg, s.path) || !strings.HasPrefix(msg, "save session ord_1") {
			t.Errorf("message %q", msg)
		}
	}
	if err := s.describe("x", syscall.EACCES); errors.Is(err, ErrDiskFull) {
		t.Errorf("%v taken for a full disk", err)
	}
}
