package readerctl

import (
	"encoding/json"
	"errors"
	"regexp"
	"strings"
	"time"

	"github.com/stripe/stripe-go/v76"
	"github.com/stripe/stripe-go/v76/webhook"
	"github.com/till-pos/till/checkout"
)

// WebhookEvents are the events till's webhook endpoint subscribes to: the reader
// action's outcome, the PaymentIntent's life, its successful charge (the card), and its
// refunds. payment_intent.created comes first for every payment, so it also shows that
// webhooks are arriving. At till's API version Stripe sends a card refund's changes as
// charge.refund.updated (and the refund.* events only since 2024-10-28.acacia), so both
// are asked for.
var WebhookEvents = []string{
	"terminal.reader.action_succeeded",
	"terminal.reader.action_failed",
	"terminal.reader.action_updated",
	"payment_intent.created",
	"payment_intent.amount_capturable_updated",
	"payment_intent.succeeded",
	"payment_intent.payment_failed",
	"payment_intent.canceled",
	"payment_intent.processing",
	"payment_intent.requires_action",
	"charge.succeeded",
	"charge.refunded",
	"charge.refund.updated",
	"refund.created",
	"refund.updated",
	"refund.failed",
}

// WebhookTolerance is how old a signature may be: Stripe's default, five minutes.
const WebhookTolerance = webhook.DefaultTolerance

// Why a webhook request was refused. Each is a rejection (Rejected reports it) except
// ErrWebhookUnreadable: a correctly signed event till cannot read.
var (
	ErrUnsigned          = errors.New("no Stripe-Signature header")
	ErrSignature         = errors.New("the signature does not match the webhook secret")
	ErrSignatureTooOld   = errors.New("the signature is more than five minutes old (a replay, or a clock far off)")
	ErrWrongAccount      = errors.New("the event belongs to another Stripe account")
	ErrWrongMode         = errors.New("the event is from the other mode (test or live) than till's")
	ErrWebhookUnreadable = errors.New("the event cannot be read")
)

// Rejected reports whether err refuses a request that may not come from Stripe (or
// not for this till), as opposed to one that came but could not be read.
func Rejected(err error) bool {
	for _, e := range []error{ErrUnsigned, ErrSignature, ErrSignatureTooOld, ErrWrongAccount, ErrWrongMode} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

// WebhookVerifier checks webhook requests with the endpoint's signing secret and reads
// them into checkout's types. Its zero Account is the platform's own account.
type WebhookVerifier struct {
	Secret  string // whsec_…; never logged or put in an error
	Account string // the connected account till works for (stripe.account), or ""
	Live    bool   // till runs in live mode: test events are refused, and the other way round
}

// WebhookEvent is one verified event.
type WebhookEvent struct {
	ID           string
	Type         string
	Created      time.Time
	APIVersion   string
	OtherVersion bool // rendered at another API version than stripe-go v76's; read anyway
	// Notice is the event for the checkout machine; nil for events till does not act on.
	Notice *checkout.Notified
}

// eventID is what an event id may look like: it becomes a database key.
var eventID = regexp.MustCompile(`^evt_[A-Za-z0-9_]{1,250}$`)

// Verify checks the Stripe-Signature header against the raw body (300 s tolerance)
// and decodes the event. An event at another API version is read all the same: the
// fields till reads have not changed, and refusing would only make Stripe retry it.
func (v WebhookVerifier) Verify(payload []byte, header string, received time.Time) (WebhookEvent, error) {
	ev, err := webhook.ConstructEventWithOptions(payload, header, v.Secret,
		webhook.ConstructEventOptions{Tolerance: WebhookTolerance, IgnoreAPIVersionMismatch: true})
	switch {
	case errors.Is(err, webhook.ErrNotSigned):
		return WebhookEvent{}, ErrUnsigned
	case errors.Is(err, webhook.ErrTooOld):
		return WebhookEvent{}, ErrSignatureTooOld
	case errors.Is(err, webhook.ErrInvalidHeader), errors.Is(err, webhook.ErrNoValidSignature):
		return WebhookEvent{}, ErrSignature
	case err != nil:
		return WebhookEvent{}, ErrWebhookUnreadable
	case ev.Account != v.Account:
		return WebhookEvent{}, ErrWrongAccount
	case ev.Livemode != v.Live:
		return WebhookEvent{}, ErrWrongMode
	case !eventID.MatchString(ev.ID) || ev.Type == "" || ev.Data == nil:
		return WebhookEvent{}, ErrWebhookUnreadable
	}
	out := WebhookEvent{ID: ev.ID, Type: string(ev.Type), Created: time.Unix(ev.Created, 0).UTC(),
		APIVersion: ev.APIVersion, OtherVersion: ev.APIVersion != stripe.APIVersion}
	notice := checkout.Notified{EventID: ev.ID, Type: out.Type, Created: out.Created, At: received}
	switch {
	case strings.HasPrefix(out.Type, "terminal.reader."):
		var r stripe.TerminalReader
		var raw rawReader
		if json.Unmarshal(ev.Data.Raw, &r) != nil || json.Unmarshal(ev.Data.Raw, &raw) != nil || r.ID == "" {
			return WebhookEvent{}, ErrWebhookUnreadable
		}
		reader := toReader(&r, raw)
		notice.Reader = &reader
	case strings.HasPrefix(out.Type, "payment_intent."):
		var pi stripe.PaymentIntent
		if json.Unmarshal(ev.Data.Raw, &pi) != nil || pi.ID == "" {
			return WebhookEvent{}, ErrWebhookUnreadable
		}
		in := toIntent(&pi, "")
		notice.Intent = &in
	case out.Type == "charge.succeeded":
		var ch stripe.Charge
		if json.Unmarshal(ev.Data.Raw, &ch) != nil || ch.ID == "" {
			return WebhookEvent{}, ErrWebhookUnreadable
		}
		if ch.PaymentIntent == nil || ch.PaymentIntent.ID == "" || ch.PaymentMethodDetails == nil {
			return out, nil // not a PaymentIntent's card payment: nothing for till
		}
		c := checkout.Charge{PaymentIntentID: ch.PaymentIntent.ID}
		c.Card, c.CaptureBefore = cardOf(ch.PaymentMethodDetails)
		notice.Charge = &c
	case out.Type == "charge.refunded":
		var ch stripe.Charge
		if json.Unmarshal(ev.Data.Raw, &ch) != nil || ch.ID == "" {
			return WebhookEvent{}, ErrWebhookUnreadable
		}
		if ch.PaymentIntent == nil || ch.PaymentIntent.ID == "" {
			return out, nil // not a PaymentIntent's charge: nothing for till
		}
		notice.ChargeRefunded = ch.PaymentIntent.ID
	case strings.HasPrefix(out.Type, "refund.") || out.Type == "charge.refund.updated":
		var r stripe.Refund
		if json.Unmarshal(ev.Data.Raw, &r) != nil || r.ID == "" {
			return WebhookEvent{}, ErrWebhookUnreadable
		}
		sr := toRefund(&r)
		notice.Refund = &sr
	default:
		return out, nil
	}
	out.Notice = &notice
	return out, nil
}
