package emulator

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
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
	// arrived is shared by the copies of one event to one endpoint (a duplicate fault
	// sends two): the first that arrives takes the event's pending_webhooks down.
	arrived *atomic.Bool
	due     time.Time
	attempt int // attempts made so far
	seq     int64
}

// webhookQueue delivers to one endpoint from its own goroutine, so a slow or failing
// receiver never holds up requests or other endpoints.
type webhookQueue struct {
	client    *http.Client
	backoff   time.Duration
	logf      func(format string, args ...any)
	stop      context.CancelFunc
	delivered func(eventID string) // webhooks.delivered

	mu      sync.Mutex
	ep      WebhookEndpoint // its URL can change (webhook endpoint update)
	pending []delivery      // sorted by due, then seq
	seq     int64
	wake    chan struct{}
}

// webhooks is the set of endpoint queues and the goroutines serving them: one per
// Options.Webhooks endpoint ("static:<i>") and one per endpoint registered through
// /v1/webhook_endpoints (its id), started at its first delivery.
type webhooks struct {
	ctx     context.Context
	stopAll context.CancelFunc
	wg      sync.WaitGroup
	once    sync.Once
	backoff time.Duration
	logf    func(format string, args ...any)
	// delivered is called, from the endpoint's goroutine, when an event first reaches
	// an endpoint (Emulator.eventDelivered).
	delivered func(eventID string)

	mu     sync.Mutex
	queues map[string]*webhookQueue
}

func newWebhooks(opts Options, logf func(string, ...any), delivered func(eventID string)) *webhooks {
	ctx, stop := context.WithCancel(context.Background())
	w := &webhooks{ctx: ctx, stopAll: stop, backoff: opts.WebhookBackoff, logf: logf, delivered: delivered, queues: map[string]*webhookQueue{}}
	if w.backoff <= 0 {
		w.backoff = defaultWebhookBackoff
	}
	for i, ep := range opts.Webhooks {
		w.queue(webhookTarget{key: staticKey(i), ep: ep})
	}
	return w
}

func staticKey(i int) string { return "static:" + strconv.Itoa(i) }

// queue is the target's queue, started if it is new; nil once delivery has stopped.
func (w *webhooks) queue(t webhookTarget) *webhookQueue {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.ctx.Err() != nil {
		return nil
	}
	if q, ok := w.queues[t.key]; ok {
		q.mu.Lock()
		q.ep = t.ep
		q.mu.Unlock()
		return q
	}
	ctx, stop := context.WithCancel(w.ctx)
	q := &webhookQueue{ep: t.ep, client: &http.Client{Timeout: webhookAttemptTimeout}, backoff: w.backoff,
		logf: w.logf, delivered: w.delivered, wake: make(chan struct{}, 1), stop: stop}
	w.queues[t.key] = q
	w.wg.Add(1)
	go func() {
		defer w.wg.Done()
		q.run(ctx)
	}()
	return q
}

// remove stops an endpoint's queue (deleted or disabled), dropping what it still holds.
func (w *webhooks) remove(key string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if q, ok := w.queues[key]; ok {
		q.stop()
		delete(w.queues, key)
	}
}

// close stops delivery, dropping what is still queued, and waits for the goroutines.
func (w *webhooks) close() {
	w.once.Do(func() {
		w.stopAll()
		w.wg.Wait()
	})
}

// webhookTarget is one endpoint an event goes to, and the API version it is rendered at.
type webhookTarget struct {
	key     string
	ep      WebhookEndpoint
	version string
	// data is the event's data as this endpoint's version reads it, when that is not
	// the event's own (renderTargets).
	data *eventData
}

// webhookBatch is the events of one transaction with their fate at each of their
// targets, rolled under e.mu (where the faults and the random source live) and handed
// to the queues after it is released.
type webhookBatch struct {
	events  []*event
	targets [][]webhookTarget // per event
	rolls   [][]webhookRoll   // per event, per target
	fault   Fault             // the global fault when the events were made
}

type encodedEvent struct {
	id      string
	body    []byte
	arrived *atomic.Bool
}

// webhookRoll is the fate of one event at one endpoint under the webhook faults.
type webhookRoll struct {
	lost, duplicated bool
}

// webhookTargets are the endpoints that get an event: Options.Webhooks and the
// account's enabled endpoints take its own events; the platform's Connect endpoints
// (connect=true) take its connected accounts' events. Callers hold e.mu.
func (x *txn) webhookTargets(ev *event) []webhookTarget {
	account := ""
	if ev.Account != nil {
		account = *ev.Account
	}
	var out []webhookTarget
	if account == "" {
		for i, ep := range x.e.opts.Webhooks {
			out = append(out, webhookTarget{key: staticKey(i), ep: ep, version: x.e.defaultVersion})
		}
	}
	x.st.WebhookEndpoints.scan(func(rec *webhookEndpointRec) bool {
		owner := x.st.ownerOf(rec.Obj.ID)
		mine := owner == account && !rec.Connect || owner == "" && rec.Connect && account != ""
		if !mine || rec.Obj.Status != "enabled" || !acceptsEvent(rec.Obj.EnabledEvents, ev.Type) {
			return true
		}
		version := x.e.defaultVersion
		if rec.Obj.APIVersion != nil {
			version = *rec.Obj.APIVersion
		}
		out = append(out, webhookTarget{key: rec.Obj.ID, ep: WebhookEndpoint{URL: rec.Obj.URL, Secret: rec.Secret}, version: version})
		return true
	})
	return out
}

// webhookBatch rolls the webhook faults for each delivery of the transaction's events.
// Callers hold e.mu.
func (x *txn) webhookBatch() webhookBatch {
	e := x.e
	f := e.faults[""].Fault
	b := webhookBatch{fault: f}
	for i, ev := range x.emitted {
		targets := x.emittedTargets[i]
		if len(targets) == 0 {
			continue
		}
		rolls := make([]webhookRoll, len(targets))
		for j := range rolls {
			lost := f.WebhookLossRate > 0 && e.rng.Float64() < f.WebhookLossRate
			dup := !lost && f.WebhookDuplicateRate > 0 && e.rng.Float64() < f.WebhookDuplicateRate
			rolls[j] = webhookRoll{lost: lost, duplicated: dup}
		}
		b.events, b.targets, b.rolls = append(b.events, ev), append(b.targets, targets), append(b.rolls, rolls)
	}
	return b
}

// deliver encodes a batch, each event at its endpoint's API version, and queues it;
// call it without holding e.mu. Only pending_webhooks changes once an event is
// recorded, and only after a delivery of it arrives (eventDelivered).
func (e *Emulator) deliver(b webhookBatch) {
	due := time.Now().Add(b.fault.WebhookDelay)
	for i, ev := range b.events {
		// Read before the first delivery is queued: once one arrives, the event's
		// pending_webhooks changes (under e.mu, which deliver does not hold).
		ev := *ev
		bodies := map[string][]byte{}
		for j, t := range b.targets[i] {
			if b.rolls[i][j].lost {
				e.logf("webhook: %s to %s lost (fault)", ev.ID, t.ep.URL)
				continue
			}
			body, ok := bodies[t.version]
			if !ok {
				rendered := ev
				rendered.APIVersion = t.version
				if t.data != nil {
					rendered.Data = *t.data
				}
				body, _ = rendered.appendJSON(nil) // cannot fail
				bodies[t.version] = body
			}
			q := e.hooks.queue(t)
			if q == nil {
				return
			}
			enc := encodedEvent{id: ev.ID, body: body, arrived: new(atomic.Bool)}
			q.add(enc, due)
			if b.rolls[i][j].duplicated {
				q.add(enc, due)
			}
		}
	}
}

func (q *webhookQueue) add(ev encodedEvent, due time.Time) {
	q.mu.Lock()
	if len(q.pending) >= webhookQueueLimit {
		url := q.ep.URL
		q.mu.Unlock()
		q.logf("webhook: queue to %s is full; %s dropped", url, ev.id)
		return
	}
	q.seq++
	q.insert(delivery{eventID: ev.id, body: ev.body, arrived: ev.arrived, due: due, seq: q.seq})
	q.mu.Unlock()
	select {
	case q.wake <- struct{}{}:
	default:
	}
}

// endpoint is where the queue delivers, as of now.
func (q *webhookQueue) endpoint() WebhookEndpoint {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.ep
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
	if err == nil && q.delivered != nil && d.arrived.CompareAndSwap(false, true) {
		q.delivered(d.eventID)
	}
	if err == nil || ctx.Err() != nil {
		return
	}
	if d.attempt >= webhookAttempts {
		q.logf("webhook: %s to %s failed %d times, given up: %v", d.eventID, q.endpoint().URL, d.attempt, err)
		return
	}
	wait := q.backoff << (d.attempt - 1)
	q.logf("webhook: %s to %s failed (%v); retry in %s", d.eventID, q.endpoint().URL, err, wait)
	d.due = time.Now().Add(wait)
	q.mu.Lock()
	q.insert(d)
	q.mu.Unlock()
}

func (q *webhookQueue) post(ctx context.Context, body []byte) error {
	ep := q.endpoint()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, ep.URL, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
	req.Header.Set("User-Agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks)")
	req.Header.Set("Stripe-Signature", signature(time.Now(), body, ep.Secret))
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
