package readerctl

import (
	"context"
	"errors"
	"regexp"

	"github.com/stripe/stripe-go/v76"
	"github.com/till-pos/till/checkout"
)

// Permission is one thing till does with Stripe, named as a restricted key's settings
// in the Dashboard name it.
type Permission struct {
	Name  string // e.g. "PaymentIntents: Write"
	probe func(c *Client, ctx context.Context) error
}

// Missing is a permission a restricted key lacks, with Stripe's own name for it when
// Stripe said (rak_payment_intent_write, …).
type Missing struct {
	Name     string
	StripeID string
}

// The probes ask about an object that cannot exist: a key with the permission gets
// "no such object" (404), a key without it "permission denied" (403) — Stripe checks
// the permission first. Nothing is read or changed.
const probeSuffix = "_till_permission_probe"

// Permissions every till needs: the payment flow, the readers, the locations.
var Permissions = []Permission{
	{"PaymentIntents: Read", func(c *Client, ctx context.Context) error {
		_, err := c.ReadIntent(ctx, "pi"+probeSuffix)
		return err
	}},
	{"PaymentIntents: Write", func(c *Client, ctx context.Context) error {
		return c.probe(ctx, func(p *stripe.Params) error {
			_, err := c.api.PaymentIntents.Update("pi"+probeSuffix, &stripe.PaymentIntentParams{Params: *p})
			return err
		})
	}},
	{"Charges: Read", func(c *Client, ctx context.Context) error {
		return c.probe(ctx, func(p *stripe.Params) error {
			_, err := c.api.Charges.Get("ch"+probeSuffix, &stripe.ChargeParams{Params: *p})
			return err
		})
	}},
	{"Terminal readers: Read", func(c *Client, ctx context.Context) error {
		_, err := c.ReadReader(ctx, "tmr"+probeSuffix)
		return err
	}},
	{"Terminal readers: Write", func(c *Client, ctx context.Context) error {
		return c.probe(ctx, func(p *stripe.Params) error {
			_, err := c.api.TerminalReaders.Update("tmr"+probeSuffix, &stripe.TerminalReaderParams{Params: *p})
			return err
		})
	}},
	{"Terminal locations: Read", func(c *Client, ctx context.Context) error {
		return c.probe(ctx, func(p *stripe.Params) error {
			_, err := c.api.TerminalLocations.Get("tml"+probeSuffix, &stripe.TerminalLocationParams{Params: *p})
			return err
		})
	}},
}

func (c *Client) probe(ctx context.Context, do func(p *stripe.Params) error) error {
	return c.call(ctx, "check a permission", func(ctx context.Context) error {
		return do(&stripe.Params{Context: ctx})
	})
}

// rakName finds Stripe's name of the permission in its refusal.
var rakName = regexp.MustCompile(`'(rak_[a-z0-9_]+)'`)

// DeniedPermission reports whether err is Stripe refusing a restricted key a
// permission (HTTP 403), with Stripe's name for it when Stripe gave one.
func DeniedPermission(err error) (stripeID string, denied bool) {
	var f *checkout.Failure
	if !errors.As(err, &f) || f.HTTPStatus != 403 {
		return "", false
	}
	if sub := rakName.FindStringSubmatch(f.Message); sub != nil {
		return sub[1], true
	}
	return "", true
}

// MissingPermissions probes each permission and returns those the key lacks. An error
// means a probe got no usable answer (the key is wrong, or Stripe cannot be reached).
func (c *Client) MissingPermissions(ctx context.Context, perms []Permission) ([]Missing, error) {
	var missing []Missing
	for _, p := range perms {
		err := p.probe(c, ctx)
		var f *checkout.Failure
		if id, denied := DeniedPermission(err); denied {
			missing = append(missing, Missing{Name: p.Name, StripeID: id})
			continue
		}
		if err != nil && !(errors.As(err, &f) && (f.Kind == checkout.KindNotFound || f.Kind == checkout.KindInvalidRequest)) {
			return nil, err
		}
		// Allowed: no error, or past the permission check to "no such object".
	}
	return missing, nil
}
