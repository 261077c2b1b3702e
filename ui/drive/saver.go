package drive

import "sync"

// Saver serialises saves. Cmds run concurrently, so without it an older session could
// reach the disk after a newer one of the same order and overwrite it (or an older
// refund after a newer one). It hands out the revisions of every lane, so saves of one
// key are ordered whoever made them.
type Saver struct {
	mu   sync.Mutex
	revs int
	last map[string]int // key (an order id, a refund's) → newest revision on disk
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

// save writes (with write) the state of revision rev unless a newer revision of the
// same key is already on disk; that one carries every idempotency key this one does,
// so skipping is safe.
func (s *Saver) save(key string, rev int, write func() error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if last, ok := s.last[key]; ok && rev <= last {
		return nil
	}
	if err := write(); err != nil {
		return err
	}
	s.last[key] = rev
	return nil
}
