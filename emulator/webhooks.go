package emulator

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sort"
	"sync"
	"time"
)

// WebhookEndpoint is a URL every event is POSTed to, signed with Secret ("whsec_...")
// as Stripe signs webhooks, so stripe-go's webhook.ConstructEvent accepts them.
type WebhookEndpoint struct {
	URL    string
	Secret string
}

const (
	webhookAttempts       = 3    // as Stripe's sandboxes: three attempts, then the event is given up
	webhookQueueLimit     = 1000 // deliveries waiting per endpoint; more are dropped (and logged)
	webhookAttemptTimeout = 10 * time.Second
	defaultWebhookBackoff = 5 * time.Second
)

// delivery is one event on its way to one endpoint.
type delivery struct {
	eventID string
	body    []byte
	due     time.Time
	attempt int // attempts made so far
	seq     int64
}

// webhookQueue delivers to one endpoint from its own goroutine, so a slow or failing
// receiver never holds up requests or other endpoints.
type webhookQueue struct {
	ep      WebhookEndpoint
	client  *http.Client
	backoff time.Duration
	logf    func(format string, args ...any)

	mu      sync.Mutex
	pending []delivery // sorted by due, then seq
	seq     int64
	wake    chan struct{}
}

// webhooks is the set of endpoint queues and the goroutines serving them.
type webhooks struct {
	queues []*webhookQueue
	ctx    context.Context
	stop   context.CancelFunc
	wg     sync.WaitGroup
	once   sync.Once
}

func newWebhooks(opts Options, logf func(string, ...any)) *webhooks {
	ctx, stop := context.WithCancel(context.Background())
	w := &webhooks{ctx: ctx, stop: stop}
	backoff := opts.WebhookBackoff
	if backoff <= 0 {
		backoff = defaultWebhookBackoff
	}
	for _, ep := range opts.Webhooks {
		q := &webhookQueue{ep: ep, client: &http.Client{Timeout: webhookAttemptTimeout}, backoff: backoff,
			logf: logf, wake: make(chan struct{}, 1)}
		w.queues = append(w.queues, q)
		w.wg.Add(1)
		go func() {
			defer w.wg.Done()
			q.run(ctx)
		}()
	}
	return w
}

// close stops delivery, dropping what is still queued, and waits for the goroutines.
func (w *webhooks) close() {
	w.once.Do(func() {
		w.stop()
		w.wg.Wait()
	})
}

// webhookBatch is the events of one transaction with their fate at each endpoint,
// rolled under e.mu (where the faults and the random source live) and handed to the
// queues after it is released.
type webhookBatch struct {
	events []*event
	fault  Fault         // the global fault when the events were made
	rolls  []webhookRoll // event i at queue j is rolls[i*len(queues)+j]
}

type encodedEvent struct {
	id   string
	body []byte
}

// webhookRoll is the fate of one event at one endpoint under the webhook faults.
type webhookRoll struct {
	lost, duplicated bool
}

// webhookBatch rolls the webhook faults for each delivery of the transaction's events.
// Callers hold e.mu.
func (x *txn) webhookBatch() webhookBatch {
	e := x.e
	if len(x.emitted) == 0 || len(e.hooks.queues) == 0 {
		return webhookBatch{}
	}
	f := e.faults[""].Fault
	b := webhookBatch{events: x.emitted, fault: f}
	for range len(x.emitted) * len(e.hooks.queues) {
		lost := f.WebhookLossRate > 0 && e.rng.Float64() < f.WebhookLossRate
		dup := !lost && f.WebhookDuplicateRate > 0 && e.rng.Float64() < f.WebhookDuplicateRate
		b.rolls = append(b.rolls, webhookRoll{lost: lost, duplicated: dup})
	}
	return b
}

// deliver encodes a batch and queues it; call it without holding e.mu (an event does
// not change once recorded).
func (e *Emulator) deliver(b webhookBatch) {
	if len(b.events) == 0 || e.hooks.ctx.Err() != nil {
		return
	}
	due := time.Now().Add(b.fault.WebhookDelay)
	n := len(e.hooks.queues)
	for i, ev := range b.events {
		body, err := json.Marshal(ev)
		if err != nil {
			e.logf("webhook: cannot encode %s: %v", ev.ID, err)
			continue
		}
		enc := encodedEvent{id: ev.ID, body: body}
		for j, q := range e.hooks.queues {
			roll := b.rolls[i*n+j]
			if roll.lost {
				e.logf("webhook: %s to %s lost (fault)", ev.ID, q.ep.URL)
				continue
			}
			q.add(enc, due)
			if roll.duplicated {
				q.add(enc, due)
			}
		}
	}
}

func (q *webhookQueue) add(ev encodedEvent, due time.Time) {
	q.mu.Lock()
	if len(q.pending) >= webhookQueueLimit {
		q.mu.Unlock()
		q.logf("webhook: queue to %s is full; %s dropped", q.ep.URL, ev.id)
		return
	}
	q.seq++
	q.insert(delivery{eventID: ev.id, body: ev.body, due: due, seq: q.seq})
	q.mu.Unlock()
	select {
	case q.wake <- struct{}{}:
	default:
	}
}

// insert keeps pending sorted by due time, then arrival. Callers hold q.mu.
func (q *webhookQueue) insert(d delivery) {
	i := sort.Search(len(q.pending), func(i int) bool {
		p := q.pending[i]
		return p.due.After(d.due) || p.due.Equal(d.due) && p.seq > d.seq
	})
	q.pending = append(q.pending, delivery{})
	copy(q.pending[i+1:], q.pending[i:])
	q.pending[i] = d
}

// next takes the first delivery if it is due, or says how long until one is.
func (q *webhookQueue) next(now time.Time) (d delivery, ok bool, wait time.Duration) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if len(q.pending) == 0 {
		return delivery{}, false, -1
	}
	if first := q.pending[0]; !first.due.After(now) {
		q.pending = q.pending[1:]
		return first, true, 0
	}
	return delivery{}, false, q.pending[0].due.Sub(now)
}

func (q *webhookQueue) run(ctx context.Context) {
	timer := time.NewTimer(time.Hour)
	defer timer.Stop()
	for {
		d, ok, wait := q.next(time.Now())
		if ok {
			q.attempt(ctx, d)
			continue
		}
		var tick <-chan time.Time
		if wait >= 0 {
			timer.Reset(wait)
			tick = timer.C
		}
		select {
		case <-ctx.Done():
			return
		case <-q.wake:
		case <-tick:
		}
		if !timer.Stop() && tick != nil {
			select {
			case <-timer.C:
			default:
			}
		}
	}
}

// attempt POSTs one delivery and schedules a retry, with doubling backoff, on failure.
func (q *webhookQueue) attempt(ctx context.Context, d delivery) {
	d.attempt++
	err := q.post(ctx, d.body)
	if err == nil || ctx.Err() != nil {
		return
	}
	if d.attempt >= webhookAttempts {
		q.logf("webhook: %s to %s failed %d times, given up: %v", d.eventID, q.ep.URL, d.attempt, err)
		return
	}
	wait := q.backoff << (d.attempt - 1)
	q.logf("webhook: %s to %s failed (%v); retry in %s", d.eventID, q.ep.URL, err, wait)
	d.due = time.Now().Add(wait)
	q.mu.Lock()
	q.insert(d)
	q.mu.Unlock()
}

func (q *webhookQueue) post(ctx context.Context, body []byte) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, q.ep.URL, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
	req.Header.Set("User-Agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks)")
	req.Header.Set("Stripe-Signature", signature(time.Now(), body, q.ep.Secret))
	res, err := q.client.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	io.Copy(io.Discard, io.LimitReader(res.Body, maxBody))
	if res.StatusCode < 200 || res.StatusCode > 299 {
		return fmt.Errorf("answered %s", res.Status)
	}
	return nil
}

// signature is Stripe's scheme: t=<unix s>,v1=hex(HMAC-SHA256(secret, "<t>.<body>")).
// It is stamped with the wall clock, not the emulator's, since receivers check it
// against theirs.
func signature(t time.Time, body []byte, secret string) string {
	ts := t.Unix()
	mac := hmac.New(sha256.New, []byte(secret))
	fmt.Fprintf(mac, "%d.", ts)
	mac.Write(body)
	return fmt.Sprintf("t=%d,v1=%s", ts, hex.EncodeToString(mac.Sum(nil)))
}

// Close stops webhook delivery (events still queued are dropped) and waits for the
// delivery goroutines to end; with a state file it then waits for a running
// compaction, syncs the file and releases it. The emulator keeps answering requests,
// but no longer saves them. Close is safe to call more than once.
func (e *Emulator) Close() error {
	e.hooks.close()
	if e.file != nil {
		return e.file.close()
	}
	return nil
}
