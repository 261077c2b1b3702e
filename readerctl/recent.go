package readerctl

import (
	"sync"
	"time"

	"github.com/till-pos/till/checkout"
)

// recentReaders remembers the last state Stripe returned for each reader, from any
// call, so the compare before a send can use a reader listed a moment ago
// (checkout.RecentReaders) instead of reading it again.
type recentReaders struct {
	mu   sync.Mutex
	seen map[string]seenReader
}

type seenReader struct {
	r  checkout.Reader
	at time.Time
}

func (s *recentReaders) note(at time.Time, readers ...checkout.Reader) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.seen == nil {
		s.seen = map[string]seenReader{}
	}
	for _, r := range readers {
		s.seen[r.ID] = seenReader{r: r, at: at}
	}
}

// RecentReader returns the reader as Stripe last returned it, when that was less than
// within ago.
func (c *Client) RecentReader(readerID string, within time.Duration) (checkout.Reader, bool) {
	c.recent.mu.Lock()
	defer c.recent.mu.Unlock()
	s, ok := c.recent.seen[readerID]
	if !ok || time.Since(s.at) >= within {
		return checkout.Reader{}, false
	}
	return s.r, true
}

// Compile-time proof that the client offers what Perform looks for.
var (
	_ checkout.RecentReaders = (*Client)(nil)
	_ checkout.StatusReader  = (*Client)(nil)
)
