package checkout

import (
	"errors"
	"fmt"
)

// Kind sorts failures by what till should do about them.
type Kind string

// Failure kinds. readerctl maps every Stripe error and reader action failure to one.
const (
	KindDeclined         Kind = "declined"          // the card was declined; try another card
	KindCustomerCanceled Kind = "customer_canceled" // the customer pressed cancel on the reader
	KindReaderBusy       Kind = "reader_busy"       // the reader is doing something else
	KindReaderOffline    Kind = "reader_offline"    // Stripe has not heard from the reader for 2 minutes
	KindReaderTimeout    Kind = "reader_timeout"    // the reader did not answer; it may have got the command
	KindConnectionError  Kind = "connection_error"  // the reader lost Stripe during authorization
	KindInvalidState     Kind = "invalid_state"     // the PaymentIntent is not in the state the call needs
	KindNotFound         Kind = "not_found"         // no such object
	KindAuth             Kind = "auth"              // the API key is missing, wrong, or lacks permission
	KindRateLimit        Kind = "rate_limit"        // too many requests; nothing was done
	KindInvalidRequest   Kind = "invalid_request"   // Stripe refused the parameters; nothing was done
	KindNetwork          Kind = "network"           // no answer from Stripe: the call may or may not have happened
	KindServer           Kind = "server"            // Stripe failed (5xx): the call may or may not have happened
	KindInterrupted      Kind = "interrupted"       // the reader stopped working on this payment (canceled or replaced)
	KindNeedsRetry       Kind = "needs_retry"       // requires_confirmation: send the payment to the reader again
	KindStore            Kind = "store"             // till could not write its journal; this call was not made
	KindExpired          Kind = "expired"           // the authorization passed capture_before before the capture got through
	KindUnknown          Kind = "unknown"
)

// CodeReaderInUse is till's own failure code for a reader taking another payment; the
// failure's Message is that payment's id.
const CodeReaderInUse = "reader_in_use"

// Failure is why a step did not succeed. It is an error, so adapters can return it.
type Failure struct {
	Kind        Kind   `json:"kind"`
	Code        string `json:"code,omitempty"`         // Stripe's error or failure code
	DeclineCode string `json:"decline_code,omitempty"` // Stripe's decline code, for card declines
	Message     string `json:"message,omitempty"`      // Stripe's message; for display only
	RequestID   string `json:"request_id,omitempty"`   // Stripe's request id, for support
	HTTPStatus  int    `json:"http_status,omitempty"`
}

func (f *Failure) Error() string {
	s := string(f.Kind)
	if f.Code != "" {
		s += " (" + f.Code + ")"
	}
	if f.Message != "" {
		s += ": " + f.Message
	}
	if f.RequestID != "" {
		s += fmt.Sprintf(" [%s]", f.RequestID)
	}
	return s
}

// Ambiguous reports whether the failed call may nonetheless have taken effect at Stripe
// or on the reader. After an ambiguous failure till re-reads state; it never retries.
func (f *Failure) Ambiguous() bool {
	switch f.Kind {
	case KindNetwork, KindServer, KindReaderTimeout, KindConnectionError, KindInvalidState, KindUnknown:
		return true
	}
	return false
}

// ReaderInUse reports whether f is a reader_in_use failure: the reader was found doing
// other work (its id in Message); false for nil.
func (f *Failure) ReaderInUse() bool { return f != nil && f.Code == CodeReaderInUse }

// AsFailure returns err as a *Failure; an error that is not one is an unknown failure,
// which is ambiguous, so till re-reads state after it.
func AsFailure(err error) *Failure {
	var f *Failure
	if errors.As(err, &f) {
		return f
	}
	return &Failure{Kind: KindUnknown, Message: err.Error()}
}
