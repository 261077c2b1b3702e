package store

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/till-pos/till/checkout"
)

// On a real disk that fills up (a small tmpfs, where the test may mount one: it needs
// root, so elsewhere it is skipped and fillingDisk in package main stands in): the
// store says the disk is full, and takes writes again once there is room.
func TestARealDiskThatFillsUp(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size=256k"); err != nil {
		t.Skipf("cannot mount a tmpfs here (%v); the full disk is simulated in package main", err)
	}
	t.Cleanup(func() { _ = syscall.Unmount(dir, syscall.MNT_DETACH) })
	s, err := Open(filepath.Join(dir, "till.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	filler := filepath.Join(dir, "filler")
	if err := os.WriteFile(filler, bytes.Repeat([]byte{1}, 256<<10), 0o600); err == nil || !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("the filler did not fill the disk: %v", err)
	}
	e := checkout.Entry{OrderID: "ord_1", Stage: checkout.StageNote, Step: "note", Outcome: string(bytes.Repeat([]byte("x"), 2000))}
	var full error
	for i := 0; i < 1000 && full == nil; i++ {
		_, full = s.Append(e)
	}
	if !errors.Is(full, ErrDiskFull) || !errors.Is(full, syscall.ENOSPC) {
		t.Fatalf("a full disk reads %v", full)
	}
	if err := os.Remove(filler); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Append(e); err != nil {
		t.Fatalf("with room again: %v", err)
	}
	if err := s.SaveSession(checkout.Session{OrderID: "ord_1", Phase: checkout.Creating, StartedAt: time.Now()}); err != nil {
		t.Fatalf("with room again: %v", err)
	}
}
