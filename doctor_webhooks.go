package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/stripe/stripe-go/v76"
	"github.com/stripe/stripe-go/v76/webhook"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/readerctl"
)

// webhookChecks are the doctor's webhook lines: the route from the public URL to
// till's receiver, the signing secret, and the endpoint at Stripe.
func webhookChecks(ctx context.Context, svc *services) []check {
	cfg := svc.cfg
	if cfg.WebhookListen == "" {
		c := webhookCheck(ctx, cfg.WebhookURL)
		if c.Result == checkOK {
			c.Detail += "; till's own receiver is off (no webhook.listen), so till polls"
		}
		return []check{c}
	}
	out := []check{routeCheck(ctx, cfg), secretCheck(cfg)}
	if cfg.WebhookURL != "" {
		out = append(out, endpointCheck(ctx, svc.gateway, cfg.WebhookURL))
	}
	return out
}

// routeCheck listens where till's receiver would and, when there is a public URL,
// sends a signed test event to it: the event must come back to this till.
func routeCheck(ctx context.Context, cfg Config) check {
	if bad := httpsCheck(cfg.WebhookURL); bad != nil {
		return *bad
	}
	w := newWebhookReceiver(readerctl.WebhookVerifier{Secret: cfg.WebhookSecret, Account: cfg.ConnectAccount, Live: cfg.Live},
		&eventsInMemory{}, time.Minute, slog.New(slog.NewTextHandler(io.Discard, nil)))
	stop, err := serveWebhooks(cfg.WebhookListen, w)
	if err != nil {
		return check{Name: "webhooks", Result: checkFail, Detail: err.Error(),
			Fix: "stop what listens there (till itself cannot: the doctor holds the database), or change webhook.listen"}
	}
	defer stop()
	if cfg.WebhookURL == "" {
		return check{Name: "webhooks", Result: checkOK, Detail: "till's receiver can listen on " + cfg.WebhookListen +
			"; forward Stripe's events with stripe listen --forward-to " + cfg.WebhookListen}
	}
	if cfg.WebhookSecret == "" {
		return check{Name: "webhooks", Result: checkSkip, Detail: "no signing secret to sign a test event with"}
	}
	start := time.Now()
	status, err := postTestEvent(ctx, cfg)
	if err != nil {
		return check{Name: "webhooks", Result: checkFail, Detail: cfg.WebhookURL + " does not answer: " + err.Error(),
			Fix: "start the reverse proxy or tunnel that routes " + cfg.WebhookURL + " to " + cfg.WebhookListen + " (see the README)"}
	}
	// A proxy or tunnel answers after the receiver did: a moment's grace is plenty.
	deadline := time.Now().Add(time.Second)
	for w.Health().Received == 0 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if w.Health().Received == 0 {
		return check{Name: "webhooks", Result: checkFail,
			Detail: fmt.Sprintf("%s answers (HTTP %d), but a signed test event sent to it never reached till's receiver on %s", cfg.WebhookURL, status, cfg.WebhookListen),
			Fix:    "route " + cfg.WebhookURL + " to " + cfg.WebhookListen + " (see the README)"}
	}
	return check{Name: "webhooks", Result: checkOK, Detail: fmt.Sprintf("%s reaches till's receiver on %s (a signed test event, %s)",
		cfg.WebhookURL, cfg.WebhookListen, time.Since(start).Round(time.Millisecond))}
}

// postTestEvent sends the public URL an event signed as Stripe would sign it, of a type
// nothing acts on.
func postTestEvent(ctx context.Context, cfg Config) (int, error) {
	var id [8]byte
	_, _ = rand.Read(id[:])
	ev := map[string]any{"id": "evt_tilldoctor_" + hex.EncodeToString(id[:]), "object": "event", "api_version": stripe.APIVersion,
		"created": time.Now().Unix(), "type": "till.doctor_test", "livemode": cfg.Live, "data": map[string]any{"object": map[string]any{}}}
	if cfg.ConnectAccount != "" {
		ev["account"] = cfg.ConnectAccount
	}
	body, _ := json.Marshal(ev)
	signed := webhook.GenerateTestSignedPayload(&webhook.UnsignedPayload{Payload: body, Secret: cfg.WebhookSecret})
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, cfg.WebhookURL, bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
	req.Header.Set("Stripe-Signature", signed.Header)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}

// secretCheck says where the signing secret comes from, never what it is.
func secretCheck(cfg Config) check {
	switch {
	case cfg.WebhookSecret == "":
		return check{Name: "wh-secret", Result: checkFail, Detail: "no webhook signing secret",
			Fix: "run till setup --webhook-url URL, or set STRIPE_WEBHOOK_SECRET (stripe listen prints one)"}
	case cfg.WebhookSecretFile != "":
		return check{Name: "wh-secret", Result: checkOK, Detail: "in " + cfg.WebhookSecretFile + " (mode 0600)"}
	}
	return check{Name: "wh-secret", Result: checkOK, Detail: "from the environment or the configuration"}
}

// endpointCheck finds the endpoint at Stripe that sends to url: enabled, with the
// events till uses, at till's API version.
func endpointCheck(ctx context.Context, gw *readerctl.Client, url string) check {
	ctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	endpoints, err := gw.ListWebhookEndpoints(ctx)
	if err != nil {
		f := checkout.AsFailure(err)
		if f.Kind == checkout.KindNotFound {
			return check{Name: "wh-stripe", Result: checkWarn, Detail: "this API lists no webhook endpoints (an emulator without them?)"}
		}
		return check{Name: "wh-stripe", Result: checkFail, Detail: "cannot list the webhook endpoints: " + checkout.ExplainReadWithDetail(f),
			Fix: "a restricted key needs Webhook Endpoints: Read"}
	}
	for _, ep := range endpoints {
		if ep.URL != url {
			continue
		}
		detail := ep.ID + " sends to " + url
		switch missing := ep.MissingEvents(); {
		case ep.Status != "enabled":
			return check{Name: "wh-stripe", Result: checkFail, Detail: detail + ", but it is " + ep.Status, Fix: "enable it in the Dashboard (Developers › Webhooks)"}
		case len(missing) > 0:
			return check{Name: "wh-stripe", Result: checkWarn, Detail: detail + ", but not " + strings.Join(missing, ", "),
				Fix: "add those events to it in the Dashboard; till polls for what it does not hear"}
		case ep.APIVersion != "" && ep.APIVersion != stripe.APIVersion:
			return check{Name: "wh-stripe", Result: checkWarn, Detail: detail + " at API version " + ep.APIVersion,
				Fix: "till reads it, but an endpoint at " + stripe.APIVersion + " (till setup makes one) matches till exactly"}
		}
		return check{Name: "wh-stripe", Result: checkOK, Detail: detail + ", enabled, with every event till uses"}
	}
	return check{Name: "wh-stripe", Result: checkFail, Detail: "no webhook endpoint at Stripe sends to " + url,
		Fix: "run till setup --webhook-url " + url}
}

// eventsInMemory is an event log forgotten at exit: the doctor's test event stays out
// of the database.
type eventsInMemory struct {
	mu  sync.Mutex
	ids map[string]bool
}

func (m *eventsInMemory) NoteEvent(id string, _ time.Time) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.ids == nil {
		m.ids = map[string]bool{}
	}
	seen := m.ids[id]
	m.ids[id] = true
	return seen, nil
}
