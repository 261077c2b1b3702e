package fake

import (
	"slices"
	"sync"
	"time"

	"github.com/till-pos/till/checkout"
)

// Store is an in-memory store whose methods can be replaced by its Fn fields.
type Store struct {
	log          *Recorder
	mu           sync.Mutex
	prefs        map[string]string
	SaveFn       func(checkout.Session) error
	UnfinishedFn func() ([]checkout.Session, error)
	SetPrefFn    func(key, value string) error
	journal      []checkout.Entry
	sessions     map[string]checkout.Session // the last save of each order
	refunds      []checkout.Refund           // the last save of each refund, in the order first saved
	SaveRefundFn func(checkout.Refund) error
}

// NewStore is an empty store that records into log.
func NewStore(log *Recorder) *Store {
	return &Store{log: log, prefs: map[string]string{}, sessions: map[string]checkout.Session{}}
}

// Append adds a journal entry.
func (s *Store) Append(e checkout.Entry) (checkout.Entry, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	e.Seq = uint64(len(s.journal) + 1)
	s.journal = append(s.journal, e)
	return e, nil
}

// Entries is an order's journal.
func (s *Store) Entries(orderID string) ([]checkout.Entry, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []checkout.Entry
	for _, e := range s.journal {
		if e.OrderID == orderID {
			out = append(out, e)
		}
	}
	return out, nil
}

// Sessions are the sessions started since a time, oldest first.
// Summaries are the sessions' summaries, for the shift report.
func (s *Store) Summaries(since time.Time) ([]checkout.Summary, error) {
	sessions, err := s.Sessions(since)
	out := make([]checkout.Summary, 0, len(sessions))
	for _, sess := range sessions {
		out = append(out, sess.Summary())
	}
	return out, err
}

func (s *Store) Sessions(since time.Time) ([]checkout.Session, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []checkout.Session
	for _, sess := range s.sessions {
		if !sess.StartedAt.Before(since) {
			out = append(out, sess)
		}
	}
	slices.SortFunc(out, func(a, b checkout.Session) int { return a.StartedAt.Compare(b.StartedAt) })
	return out, nil
}

// Session is an order's last saved session.
func (s *Store) Session(orderID string) (checkout.Session, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sess, ok := s.sessions[orderID]
	return sess, ok, nil
}

// Put stores a session as if an earlier run had saved it.
func (s *Store) Put(sess checkout.Session) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sessions[sess.OrderID] = sess
}

// SaveSession saves a session, unless SaveFn refuses.
func (s *Store) SaveSession(sess checkout.Session) error {
	if s.SaveFn != nil {
		if err := s.SaveFn(sess); err != nil {
			return err
		}
	}
	s.log.add(Entry{Save: &sess})
	s.Put(sess)
	return nil
}

// Unfinished are the saved sessions neither building nor finished, oldest first.
func (s *Store) Unfinished() ([]checkout.Session, error) {
	if s.UnfinishedFn != nil {
		return s.UnfinishedFn()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []checkout.Session
	for _, sess := range s.sessions {
		if sess.Phase != checkout.Building && !sess.Phase.Finished() {
			out = append(out, sess)
		}
	}
	slices.SortFunc(out, func(a, b checkout.Session) int { return a.StartedAt.Compare(b.StartedAt) })
	return out, nil
}

// Pref reads a preference.
func (s *Store) Pref(key string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.prefs[key], nil
}

// SetPref sets a preference, unless SetPrefFn refuses.
func (s *Store) SetPref(key, value string) error {
	if s.SetPrefFn != nil {
		if err := s.SetPrefFn(key, value); err != nil {
			return err
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.prefs[key] = value
	return nil
}

// PrefOf is a preference's value, for assertions.
func (s *Store) PrefOf(key string) string {
	v, _ := s.Pref(key)
	return v
}

// Outbox is the calls held by the saved sessions, the longest waiting first.
func (s *Store) Outbox() ([]checkout.HeldCall, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []checkout.HeldCall
	for _, sess := range s.sessions {
		if h, ok := sess.HeldCall(); ok {
			out = append(out, h)
		}
	}
	slices.SortFunc(out, func(a, b checkout.HeldCall) int { return a.Since.Compare(b.Since) })
	return out, nil
}
