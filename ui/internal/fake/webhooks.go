package fake

import (
	"sync"

	"github.com/till-pos/till/checkout"
)

// Webhooks is a webhook receiver whose state the test sets. Its notices come from C;
// with C nil it has none, and tests step notices into the screen by hand.
type Webhooks struct {
	C  chan checkout.Notified
	mu sync.Mutex
	h  checkout.WebhookHealth
}

// Notices is C.
func (w *Webhooks) Notices() <-chan checkout.Notified {
	if w.C == nil {
		return nil
	}
	return w.C
}

// Health is the state last set.
func (w *Webhooks) Health() checkout.WebhookHealth {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.h
}

// Set changes the state the screen reads next.
func (w *Webhooks) Set(h checkout.WebhookHealth) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.h = h
}
