package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/readerctl"
)

// maxWebhookBody bounds a webhook request: Stripe's events are a few kilobytes.
const maxWebhookBody = 256 << 10

// noticeBuffer is how many notices may wait for the machine; beyond that they are
// dropped (and polling finds what they said).
const noticeBuffer = 64

// eventLog remembers the events received, so each applies once (store.Store).
type eventLog interface {
	NoteEvent(id string, at time.Time) (seen bool, err error)
}

// webhookReceiver is till's webhook endpoint. It verifies each request's signature,
// records the event's id (a retry or replay is acknowledged and dropped), and hands
// the checkout machine the events about payments and readers. The TUI and till pay
// run it on webhook.listen.
type webhookReceiver struct {
	verifier readerctl.WebhookVerifier
	events   eventLog
	now      func() time.Time
	silence  time.Duration
	log      *slog.Logger
	notices  chan checkout.Notified

	mu     sync.Mutex
	health checkout.WebhookHealth
}

func newWebhookReceiver(v readerctl.WebhookVerifier, events eventLog, silence time.Duration, log *slog.Logger) *webhookReceiver {
	return &webhookReceiver{verifier: v, events: events, now: time.Now, silence: silence, log: log,
		notices: make(chan checkout.Notified, noticeBuffer)}
}

// Notices are the verified, new events about a PaymentIntent or a reader, for one
// driver to apply. A nil receiver has none: its channel is nil.
func (w *webhookReceiver) Notices() <-chan checkout.Notified {
	if w == nil {
		return nil
	}
	return w.notices
}

// Health is the receiver's state now, for the screen and the poll pace; a nil
// receiver's is the zero value (nothing arriving: till polls).
func (w *webhookReceiver) Health() checkout.WebhookHealth {
	if w == nil {
		return checkout.WebhookHealth{}
	}
	w.mu.Lock()
	h := w.health
	w.mu.Unlock()
	h.Arriving = !h.LastEventAt.IsZero() && w.now().Sub(h.LastEventAt) < w.silence
	return h
}

func (w *webhookReceiver) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		rw.Header().Set("Allow", http.MethodPost)
		http.Error(rw, "till's webhook receiver takes POST requests from Stripe", http.StatusMethodNotAllowed)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(rw, r.Body, maxWebhookBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			w.problem(false, "a request larger than 256 KB was refused")
			http.Error(rw, "too large", http.StatusRequestEntityTooLarge)
			return
		}
		w.problem(false, "a request's body could not be read")
		http.Error(rw, "unreadable body", http.StatusBadRequest)
		return
	}
	at := w.now()
	ev, err := w.verifier.Verify(body, r.Header.Get("Stripe-Signature"), at)
	if err != nil {
		w.problem(readerctl.Rejected(err), err.Error())
		http.Error(rw, err.Error(), http.StatusBadRequest)
		return
	}
	seen, err := w.events.NoteEvent(ev.ID, at)
	if err != nil {
		// Not acknowledged, so Stripe sends it again.
		w.problem(false, "could not record event "+ev.ID+": "+err.Error())
		http.Error(rw, "cannot record the event now", http.StatusInternalServerError)
		return
	}
	if seen {
		w.count(func(h *checkout.WebhookHealth) { h.Duplicates++ })
		w.log.Debug("webhook seen before", "event", ev.ID, "type", ev.Type)
		fmt.Fprintln(rw, "seen before")
		return
	}
	w.count(func(h *checkout.WebhookHealth) {
		h.Received++
		h.LastEventAt, h.LastLag = at, at.Sub(ev.Created)
		if ev.OtherVersion {
			h.OtherVersion++
		}
	})
	w.log.Info("webhook", "event", ev.ID, "type", ev.Type, "lag", at.Sub(ev.Created), "api_version", ev.APIVersion)
	if ev.Notice != nil {
		select {
		case w.notices <- *ev.Notice:
		default:
			w.log.Warn("webhook not applied: the machine is behind; polling will find it", "event", ev.ID)
		}
	}
	fmt.Fprintln(rw, "ok")
}

func (w *webhookReceiver) count(f func(*checkout.WebhookHealth)) {
	w.mu.Lock()
	defer w.mu.Unlock()
	f(&w.health)
}

// problem counts a refused (rejected) or failed request and keeps why, for support.
func (w *webhookReceiver) problem(rejected bool, why string) {
	w.count(func(h *checkout.WebhookHealth) {
		if rejected {
			h.Rejected++
		} else {
			h.Failures++
		}
		h.LastProblem, h.LastProblemAt = why, w.now()
	})
	w.log.Warn("webhook refused", "why", why, "rejected", rejected)
}

// serveWebhooks listens on addr and serves the receiver until stop is called.
func serveWebhooks(addr string, w *webhookReceiver) (stop func(), err error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("cannot receive webhooks on %s (%v); is another till running? Change webhook.listen", addr, err)
	}
	w.count(func(h *checkout.WebhookHealth) { h.Listen = ln.Addr().String() })
	srv := &http.Server{Handler: w, ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 10 * time.Second,
		WriteTimeout: 10 * time.Second, MaxHeaderBytes: 16 << 10}
	go func() { _ = srv.Serve(ln) }()
	return func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
	}, nil
}

// startWebhooks runs the receiver when webhook.listen is set; nil when it is not, or
// when it cannot listen (then till polls, and says why on warn).
func (s *services) startWebhooks(warn io.Writer) *webhookReceiver {
	cfg := s.cfg
	if cfg.WebhookListen == "" {
		return nil
	}
	v := readerctl.WebhookVerifier{Secret: cfg.WebhookSecret, Account: cfg.ConnectAccount, Live: cfg.Live}
	w := newWebhookReceiver(v, s.store, cfg.SilentAfter, s.log)
	stop, err := serveWebhooks(cfg.WebhookListen, w)
	if err != nil {
		s.log.Error("webhooks", "err", err)
		fmt.Fprintf(warn, "till: %v; till polls instead.\n", err)
		return nil
	}
	s.closers = append(s.closers, stop)
	s.log.Info("webhooks", "listen", cfg.WebhookListen)
	return w
}
