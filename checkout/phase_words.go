package checkout

// PhaseWords says where a payment is in a few words a person reads rightly, for a
// status line (the support screen's header, its Timeline): the phase's name, but for a
// failed attempt what failed. "declined" is said only of a card decline, with its code
// (the Declined phase also holds a busy reader, a timeout, a canceled action, which
// the cashier's screen calls "Payment not completed"); an ambiguous failure is said to
// be being checked, which it is.
func (s Session) PhaseWords() string {
	switch s.Phase {
	case Building:
		return "cart open"
	case Declined:
		return failedWords(s.Failure)
	case Unknown:
		if s.Failure == nil {
			return "checking with Stripe"
		}
		return "checking with Stripe after: " + FailureWords(s.Failure)
	}
	return s.Phase.String()
}

// PhaseWords is Session.PhaseWords for a list's column, from a summary, which keeps no
// failure: any failed attempt is "not completed" (a card decline is one too), an
// ambiguous one "checking".
func (s Summary) PhaseWords() string {
	switch s.Phase {
	case Declined:
		return "not completed"
	case Unknown:
		return "checking"
	}
	return Session{Phase: s.Phase}.PhaseWords()
}

// ListWords is Summary.PhaseWords for a list of orders that knows what refunds took
// back of the order (refunded, in minor units): a paid card payment refunded in part or
// in whole says so, in the history's words.
func (s Session) ListWords(refunded int64) string {
	if words, ok := s.refundedWords(refunded); ok {
		return words
	}
	return s.Summary().PhaseWords()
}

// PhaseWordsRefunded is PhaseWords for a payment that knows what refunds took back of it
// (refunded, in minor units), as ListWords is for a list.
func (s Session) PhaseWordsRefunded(refunded int64) string {
	if words, ok := s.refundedWords(refunded); ok {
		return words
	}
	return s.PhaseWords()
}

// refundedWords is a paid card payment's words once refunded of: the history's.
func (s Session) refundedWords(refunded int64) (string, bool) {
	if s.Phase != Paid || s.Cash != nil || refunded <= 0 {
		return "", false
	}
	return HistoryStatusWords(HistoryStatus(s.Charged().Amount, refunded)), true
}

// PhaseWords is Session.PhaseWords for a refund: its phase's name, but for a refund
// the reader did not take, why.
func (r Refund) PhaseWords() string {
	if r.Phase == RefundDeclined {
		return failedWords(r.Failure)
	}
	return r.Phase.String()
}

// failedWords is an attempt that did not go through: declined, with the card's code,
// or not completed and why.
func failedWords(f *Failure) string {
	if f == nil {
		return "not completed"
	}
	if f.Kind != KindDeclined {
		return "not completed: " + FailureWords(f)
	}
	code := f.DeclineCode
	if code == "" {
		code = f.Code
	}
	if code == "" {
		return "declined"
	}
	return "declined (" + code + ")"
}

// FailureWords names a failure in a few words, for a line that has no room for
// Explain's sentences: "reader busy", "no answer from Stripe".
func FailureWords(f *Failure) string {
	switch f.Kind {
	case KindDeclined:
		return "card declined"
	case KindCustomerCanceled:
		return "customer canceled on the reader"
	case KindReaderBusy:
		return "reader busy"
	case KindReaderOffline:
		return "reader offline"
	case KindReaderTimeout:
		return "reader did not answer"
	case KindConnectionError:
		return "reader lost its connection"
	case KindInvalidState:
		return "payment changed elsewhere"
	case KindNotFound:
		return "not found at Stripe"
	case KindAuth:
		return "API key refused"
	case KindRateLimit:
		return "too many requests"
	case KindInvalidRequest:
		return "Stripe refused the request"
	case KindNetwork:
		return "no answer from Stripe"
	case KindServer:
		return "Stripe had an error"
	case KindInterrupted:
		return "the reader dropped it"
	case KindNeedsRetry:
		return "not confirmed, send again"
	case KindStore:
		return "journal not written"
	case KindExpired:
		return "authorization expired"
	}
	return "unexpected error"
}
