package readerctl

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strings"

	"github.com/stripe/stripe-go/v76"
	"github.com/till-pos/till/checkout"
)

// What `till setup` does once per shop: a location, its readers, the webhook endpoint.
// Each creation carries an idempotency key made from what it creates, so running setup
// again with the same answers (within Stripe's 24 hours) returns the first object
// instead of making a second one.

// Address is a Terminal location's postal address; Country is required (two letters).
type Address struct {
	Line1, Line2, City, State, PostalCode, Country string
}

// CreateLocation creates a Terminal location.
func (c *Client) CreateLocation(ctx context.Context, name string, a Address) (checkout.Location, error) {
	p := &stripe.TerminalLocationParams{
		DisplayName: stripe.String(name),
		Address: &stripe.AddressParams{Line1: optional(a.Line1), Line2: optional(a.Line2), City: optional(a.City),
			State: optional(a.State), PostalCode: optional(a.PostalCode), Country: stripe.String(strings.ToUpper(a.Country))},
	}
	p.IdempotencyKey = stripe.String(setupKey("location", name, a.Line1, a.Line2, a.City, a.State, a.PostalCode, a.Country))
	var l *stripe.TerminalLocation
	err := c.call(ctx, "create the location", func(ctx context.Context) (err error) {
		p.Context = ctx
		l, err = c.api.TerminalLocations.New(p)
		return err
	})
	if err != nil {
		return checkout.Location{}, err
	}
	return checkout.Location{ID: l.ID, DisplayName: l.DisplayName}, nil
}

// RegisterReader registers a reader at a location by the code it shows (or one of
// Stripe's simulated codes, simulated-wpe and simulated-s700).
func (c *Client) RegisterReader(ctx context.Context, code, label, locationID string) (checkout.Reader, error) {
	p := &stripe.TerminalReaderParams{RegistrationCode: stripe.String(code), Location: stripe.String(locationID), Label: optional(label)}
	p.IdempotencyKey = stripe.String(setupKey("reader", code, label, locationID))
	return c.readerCall(ctx, "register the reader", func() (*stripe.TerminalReader, error) {
		return c.api.TerminalReaders.New(p)
	}, &p.Params)
}

// WebhookEndpoint is a webhook endpoint as till sees it. Secret is there only in the
// answer to its creation: Stripe never shows it again.
type WebhookEndpoint struct {
	ID, URL, Status, APIVersion string
	Events                      []string
	Secret                      string
}

// CreateWebhookEndpoint subscribes url to WebhookEvents, at stripe-go's API version so
// events decode as till expects; connect makes it receive connected accounts' events.
func (c *Client) CreateWebhookEndpoint(ctx context.Context, url string, connect bool) (WebhookEndpoint, error) {
	p := &stripe.WebhookEndpointParams{URL: stripe.String(url), APIVersion: stripe.String(stripe.APIVersion),
		Description: stripe.String("till: Terminal payments at the counter")}
	for _, e := range WebhookEvents {
		p.EnabledEvents = append(p.EnabledEvents, stripe.String(e))
	}
	if connect {
		p.Connect = stripe.Bool(true)
	}
	p.IdempotencyKey = stripe.String(setupKey("webhook", url, c.tillID))
	var we *stripe.WebhookEndpoint
	err := c.call(ctx, "create the webhook endpoint", func(ctx context.Context) (err error) {
		p.Context = ctx
		we, err = c.api.WebhookEndpoints.New(p)
		return err
	})
	if err != nil {
		return WebhookEndpoint{}, err
	}
	return toEndpoint(we), nil
}

// ListWebhookEndpoints lists the account's webhook endpoints (without their secrets).
func (c *Client) ListWebhookEndpoints(ctx context.Context) ([]WebhookEndpoint, error) {
	var out []WebhookEndpoint
	err := c.call(ctx, "list the webhook endpoints", func(ctx context.Context) error {
		p := &stripe.WebhookEndpointListParams{}
		p.Limit = stripe.Int64(100)
		p.Context = ctx
		it := c.api.WebhookEndpoints.List(p)
		for it.Next() {
			out = append(out, toEndpoint(it.WebhookEndpoint()))
		}
		return it.Err()
	})
	return out, err
}

func toEndpoint(we *stripe.WebhookEndpoint) WebhookEndpoint {
	return WebhookEndpoint{ID: we.ID, URL: we.URL, Status: we.Status, APIVersion: we.APIVersion,
		Events: we.EnabledEvents, Secret: we.Secret}
}

// MissingEvents are the events till uses that the endpoint does not receive.
func (e WebhookEndpoint) MissingEvents() []string {
	var missing []string
	for _, want := range WebhookEvents {
		found := false
		for _, have := range e.Events {
			found = found || have == want || have == "*"
		}
		if !found {
			missing = append(missing, want)
		}
	}
	return missing
}

// setupKey is the idempotency key of a setup step: its kind and a digest of what it
// creates (never the values themselves, which may be an address).
func setupKey(kind string, parts ...string) string {
	h := sha256.Sum256([]byte(strings.Join(parts, "\x00")))
	return "till_setup_" + kind + "_" + hex.EncodeToString(h[:12])
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return stripe.String(s)
}
