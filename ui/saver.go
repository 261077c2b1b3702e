package ui

import (
	"sync"

	"github.com/till-pos/till/checkout"
)

// saver serialises session saves. Cmds run concurrently, so without it an older session
// could reach the disk after a newer one of the same order and overwrite it.
type saver struct {
	mu   sync.Mutex
	last map[string]int // order id → newest revision on disk
}

func newSaver() *saver { return &saver{last: map[string]int{}} }

// save writes the session unless a newer revision of the same order is already on
// disk; that one carries every idempotency key this one does, so skipping is safe.
func (s *saver) save(st Store, rev int, sess checkout.Session) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if last, ok := s.last[sess.OrderID]; ok && rev <= last {
		return nil
	}
	if err := st.SaveSession(sess); err != nil {
		return err
	}
	s.last[sess.OrderID] = rev
	return nil
}
