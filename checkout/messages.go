package checkout

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Explain turns a failure into words for the cashier: what happened and what to do.
// It is the one place that does so; the TUI and the headless commands both use it.
// It says what is known, never what till will do next: only the caller knows whether
// it re-reads Stripe (the payment machine does; a one-shot command checks itself).
func Explain(f *Failure) string {
	if f == nil {
		return ""
	}
	switch f.Kind {
	case KindDeclined:
		return declineMessage(f)
	case KindCustomerCanceled:
		return "The customer canceled on the reader. Nothing was charged. Retry or cancel the payment."
	case KindReaderBusy:
		if f.ReaderInUse() {
			// Worded for the cashier's screen, which can take the reader over; whose the
			// other work is, only a caller that looks knows (ExplainInUse).
			return ExplainInUse(f.Message, InUse{TakeOver: true})
		}
		return "The reader is busy with another request. Wait a moment, then retry."
	case KindReaderOffline:
		return "The reader is offline. Check its power and network, then retry."
	case KindReaderTimeout:
		return "The reader did not answer in time: it may or may not have received the payment."
	case KindConnectionError:
		return "The reader lost its connection to Stripe during the payment. Nothing was charged. Retry."
	case KindInvalidState:
		return "The payment was not in the state this step needs: it changed elsewhere."
	case KindNotFound:
		return "Stripe does not know it: " + f.Message
	case KindAuth:
		return authMessage(f)
	case KindRateLimit:
		return "Too many requests to Stripe. Nothing was done; wait a second and try again."
	case KindInvalidRequest:
		return "Stripe refused the request: " + f.Message
	case KindNetwork:
		return "No answer from Stripe: the call may or may not have gone through."
	case KindServer:
		return "Stripe had an error: the call may or may not have gone through."
	case KindInterrupted:
		return "The reader is not working on this payment: it never arrived, or was canceled or replaced. Nothing was charged."
	case KindNeedsRetry:
		return "The payment was not confirmed. Send it to the reader again, or cancel."
	case KindStore:
		// Only this step was not sent; what earlier steps did, AtStripe says.
		return "till could not write its journal (" + f.Message + "), so it did not make this call."
	case KindExpired:
		return "Stripe could not be reached before the authorization's capture deadline passed; the bank may have released the funds. Capture to try once more, or cancel and take another payment."
	}
	if f.Message != "" {
		return "Unexpected error: " + f.Message
	}
	return "Unexpected error."
}

func declineMessage(f *Failure) string {
	d := declineOf(f)
	return d.head + d.words
}

// DeclineReason is a card decline's words for a page whose title already says the card
// was declined: Explain's message without its "Declined: " or "Card declined. "
// ("Insufficient funds. Ask for another card."), whole when it names no decline.
func DeclineReason(f *Failure) string {
	d := declineOf(f)
	if d.head == "" {
		return d.words
	}
	r, n := utf8.DecodeRuneInString(d.words)
	return string(unicode.ToUpper(r)) + d.words[n:]
}

// decline is a decline's message in two parts: the head that says the card was
// declined ("" when the message says otherwise), and the words after it.
type decline struct{ head, words string }

func declineOf(f *Failure) decline {
	code := f.DeclineCode
	if code == "" {
		code = f.Code
	}
	switch code {
	case "insufficient_funds":
		return decline{"Declined: ", "insufficient funds. Ask for another card."}
	case "expired_card":
		return decline{"Declined: ", "the card has expired. Ask for another card."}
	case "incorrect_pin":
		return decline{"Declined: ", "wrong PIN. Try again or ask for another card."}
	case "pin_try_exceeded":
		return decline{"Declined: ", "too many wrong PINs. Ask for another card."}
	case "call_issuer":
		return decline{"Declined: ", "the customer should call their bank. Ask for another card."}
	case "processing_error":
		return decline{"", "The card could not be processed. Try again."}
	case "withdrawal_count_limit_exceeded":
		return decline{"Declined: ", "the card's limit is reached. Ask for another card."}
	case "offline_pin_required", "online_or_offline_pin_required":
		return decline{"", "The card needs its PIN: ask the customer to insert it and enter the PIN, then retry."}
	case "lost_card", "stolen_card":
		// Not told to the customer as such: Stripe advises a generic decline.
		return decline{"", "Declined by the card issuer. Ask for another card."}
	}
	return decline{"Card declined. ", "Ask for another card."}
}

// InUse is what the caller knows of the work a reader_in_use failure found on the
// reader, which the failure (only the work's id) cannot say.
type InUse struct {
	// Reader is the reader's name, when the words should name it ("" says "the reader").
	Reader string
	// Mine names this till's own unfinished work on the reader, "order O-1" or "refund
	// rf_1"; "" when it is none of this till's, as far as the caller can tell.
	Mine string
	// TakeOver says the caller can replace the work (the cashier's screen can; a
	// headless command cannot).
	TakeOver bool
}

// ExplainInUse words a reader_in_use failure on other (its Message) for a caller that
// knows whose the work is and whether it can take the reader over.
func ExplainInUse(other string, in InUse) string {
	msg := "The reader is " + inUseWith(other)
	if in.Reader != "" {
		msg = "The reader " + in.Reader + " is " + inUseWith(other)
	}
	do := []string{"Wait for it", "use another reader"}
	if in.Mine != "" {
		msg += ": this till's " + in.Mine + ", still open."
		do[0] = "Carry that on or cancel it"
	} else {
		msg += ", perhaps from another till."
	}
	if in.TakeOver {
		do = append(do, "take it over")
	}
	last := len(do) - 1
	return msg + " " + strings.Join(do[:last], ", ") + ", or " + do[last] + "."
}

// inUseWith words what a busy reader does, from a reader_in_use failure's message (see
// Reader.BusyWith): a PaymentIntent's id is a payment; anything else is a refund.
func inUseWith(other string) string {
	switch {
	case strings.HasPrefix(other, "pi_"):
		return "taking another payment (" + other + ")"
	case other == "" || other == refundUnnamed:
		return "waiting for a refund's card"
	}
	return "waiting for the card of refund " + other
}

// authMessage says where the API key comes from (till setup's key file or the
// environment; the configuration file better holds none), or, for a key that works but
// may not do this (HTTP 403: a restricted key, or an account it cannot act on), what
// Stripe said and who names the missing permissions.
func authMessage(f *Failure) string {
	if f.HTTPStatus == 403 {
		why := ""
		if f.Message != "" {
			why = " (" + strings.TrimSuffix(f.Message, ".") + ")"
		}
		return "Stripe refused this to the API key" + why + ". till doctor names each permission a restricted key lacks."
	}
	return "Stripe refused the API key. Run till setup to enter a valid one, or set STRIPE_API_KEY (or TILL_STRIPE_API_KEY), or name a key file in stripe.api_key_file."
}
