package drive

import (
	"sync"

	"github.com/till-pos/till/checkout"
)

// Saver serialises session saves. Cmds run concurrently, so without it an older session
// could reach the disk after a newer one of the same order and overwrite it. It hands
// out the revisions of every lane, so saves of one order are ordered whoever made them.
type Saver struct {
	mu   sync.Mutex
	revs int
	last map[string]int // order id → newest revision on disk
}

// NewSaver is a saver with nothing saved yet.
func NewSaver() *Saver { return &Saver{last: map[string]int{}} }

// next is a new revision, higher than every one handed out before.
func (s *Saver) next() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.revs++
	return s.revs
}

// save writes the session unless a newer revision of the same order is already on
// disk; that one carries every idempotency key this one does, so skipping is safe.
func (s *Saver) save(st Store, rev int, sess checkout.Session) error {
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
