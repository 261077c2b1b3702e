package readerctl

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"

	"github.com/stripe/stripe-go/v76"
	"github.com/till-pos/till/checkout"
)

// failure turns any error from a stripe-go call into a *checkout.Failure. what names
// the call for people ("read the reader").
func (c *Client) failure(ctx context.Context, what string, err error, seen *attempt) *checkout.Failure {
	var se *stripe.Error
	if errors.As(err, &se) {
		return fromStripeError(se, c.key)
	}
	status, requestID := seen.get()
	f := &checkout.Failure{RequestID: requestID, HTTPStatus: status}
	switch {
	case errors.Is(ctx.Err(), context.DeadlineExceeded) || errors.Is(err, context.DeadlineExceeded):
		f.Kind, f.HTTPStatus = checkout.KindNetwork, 0
		f.Message = fmt.Sprintf("no answer from Stripe in time to %s", what)
	case ctx.Err() != nil || errors.Is(err, context.Canceled):
		f.Kind, f.HTTPStatus = checkout.KindNetwork, 0
		f.Message = fmt.Sprintf("the call to %s was abandoned before Stripe answered", what)
	case isTransport(err) || status == 0:
		// No complete answer: the request may or may not have reached Stripe.
		f.Kind, f.HTTPStatus = checkout.KindNetwork, 0
		f.Message = fmt.Sprintf("could not reach Stripe to %s: %s", what, Redact(transportText(err), c.key))
	default:
		// An answer came but stripe-go could not decode it (not Stripe's JSON).
		f.Kind = kindOf("", "", status)
		if f.Kind == checkout.KindUnknown {
			f.Kind = checkout.KindServer
		}
		f.Message = fmt.Sprintf("Stripe's answer to %s (HTTP %d) could not be read", what, status)
	}
	return f
}

// fromStripeError maps an error Stripe sent to till's failure kinds.
func fromStripeError(se *stripe.Error, key string) *checkout.Failure {
	return &checkout.Failure{
		Kind:        kindOf(se.Type, se.Code, se.HTTPStatusCode),
		Code:        string(se.Code),
		DeclineCode: string(se.DeclineCode),
		Message:     Redact(se.Msg, key),
		RequestID:   se.RequestID,
		HTTPStatus:  se.HTTPStatusCode,
	}
}

// kindOf sorts an error by its code first (the most specific), then its type, then
// its HTTP status.
func kindOf(typ stripe.ErrorType, code stripe.ErrorCode, status int) checkout.Kind {
	switch code {
	case stripe.ErrorCodeTerminalReaderBusy:
		return checkout.KindReaderBusy
	case stripe.ErrorCodeTerminalReaderOffline:
		return checkout.KindReaderOffline
	case stripe.ErrorCodeTerminalReaderTimeout:
		return checkout.KindReaderTimeout
	case stripe.ErrorCodeIntentInvalidState, stripe.ErrorCodePaymentIntentUnexpectedState:
		return checkout.KindInvalidState
	case stripe.ErrorCodeResourceMissing:
		return checkout.KindNotFound
	}
	switch {
	case typ == stripe.ErrorTypeCard:
		return checkout.KindDeclined
	case status == 401 || status == 403:
		return checkout.KindAuth
	case status == 404:
		return checkout.KindNotFound
	case status == 429:
		return checkout.KindRateLimit
	case typ == stripe.ErrorTypeIdempotency:
		return checkout.KindInvalidRequest
	case status >= 500:
		return checkout.KindServer
	case status >= 400:
		return checkout.KindInvalidRequest
	}
	return checkout.KindUnknown
}

// isTransport reports whether err means no complete answer came back.
func isTransport(err error) bool {
	var ue *url.Error
	var ne net.Error
	return errors.As(err, &ue) || errors.As(err, &ne) ||
		errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF)
}

// transportText drops net/http's "Post \"URL\":" prefix: the URL adds nothing for
// people and a GET's query string has no place in messages.
func transportText(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err.Error()
	}
	return err.Error()
}
