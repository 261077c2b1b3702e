package readerctl

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/stripe/stripe-go/v76"
	"github.com/till-pos/till/checkout"
)

// What support staff need beyond the payment itself: locations, the account's recent
// in-person PaymentIntents, a lookup by order, and a cheap call to check the API.

// ListLocations lists every Terminal location, following all pages. The client's
// Timeout bounds the whole listing.
func (c *Client) ListLocations(ctx context.Context) ([]checkout.Location, error) {
	var out []checkout.Location
	err := c.call(ctx, "list the locations", func(ctx context.Context) error {
		out = nil // a listing cut short by a rate limit starts again
		p := &stripe.TerminalLocationListParams{}
		p.Limit = stripe.Int64(100)
		p.Context = ctx
		it := c.api.TerminalLocations.List(p)
		for it.Next() {
			if len(out) >= maxListed {
				return errEndlessList
			}
			l := it.TerminalLocation()
			out = append(out, checkout.Location{ID: l.ID, DisplayName: l.DisplayName})
		}
		return it.Err()
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// FindIntentsByOrder finds the in-person PaymentIntents whose metadata[order_id] is
// orderID. Stripe's search is eventually consistent: a PaymentIntent created in the last
// minute may be missing, so finding nothing proves nothing.
func (c *Client) FindIntentsByOrder(ctx context.Context, orderID string) ([]checkout.Intent, error) {
	return c.search(ctx, "search the payments of order "+orderID, "metadata['order_id']:'"+quoteSearch(orderID)+"'")
}

// quoteSearch escapes a value for a single-quoted string in Stripe's search language.
func quoteSearch(s string) string {
	return strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s)
}

// inPerson reports a PaymentIntent a reader can take: card_present or interac_present.
func inPerson(pi *stripe.PaymentIntent) bool {
	return slices.Contains(pi.PaymentMethodTypes, "card_present") || slices.Contains(pi.PaymentMethodTypes, "interac_present")
}

// Ping is one cheap call's answer: how long it took and the server's clock.
type Ping struct {
	Latency    time.Duration
	ServerDate time.Time // from the Date header; zero when the server sent none
}

// Ping lists at most one location: a read that needs only Terminal access, for the
// doctor to measure the API's latency and the clock skew.
func (c *Client) Ping(ctx context.Context) (Ping, error) {
	var out Ping
	err := c.call(ctx, "check that it answers", func(ctx context.Context) error {
		p := &stripe.TerminalLocationListParams{}
		p.Limit = stripe.Int64(1)
		p.Single = true
		p.Context = ctx
		start := time.Now()
		it := c.api.TerminalLocations.List(p)
		for it.Next() {
		}
		out.Latency = time.Since(start)
		if err := it.Err(); err != nil {
			return err
		}
		if l := it.TerminalLocationList(); l != nil && l.LastResponse != nil {
			if d, err := http.ParseTime(l.LastResponse.Header.Get("Date")); err == nil {
				out.ServerDate = d.UTC()
			}
		}
		return nil
	})
	if err != nil {
		return Ping{}, err
	}
	return out, nil
}

// KeyMode names the kind of the configured key — "test", "live" or "restricted" (a restricted key of either mode) — and
// never the key itself.
func (c *Client) KeyMode() string {
	switch {
	case strings.HasPrefix(c.key, "rk_"):
		return "restricted"
	case strings.HasPrefix(c.key, "sk_live_"):
		return "live"
	}
	return "test"
}
