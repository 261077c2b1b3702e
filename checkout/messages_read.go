package checkout

import "strings"

// ExplainRead says why a read (a list, a status read, a search) failed. A read moves
// nothing, so unlike Explain it never says a call "may or may not have gone through";
// like Explain it says nothing of what comes next: only the caller knows whether it
// reads again.
func ExplainRead(f *Failure) string {
	if f == nil {
		return ""
	}
	switch f.Kind {
	case KindNetwork:
		return "Stripe did not answer."
	case KindServer:
		return "Stripe had an error."
	}
	return Explain(f)
}

// ExplainReadWithDetail is ExplainRead with what the network or Stripe said when Stripe
// did not answer or had an error ("Stripe did not answer (…: connection refused)"), for
// a command's error line, where support must tell a refused connection from a timeout
// or a TLS error. The detail is the failure's Message, which readerctl has redacted (the
// API key, any URL's user info, query values and fragment); the other kinds' words
// say what matters already.
func ExplainReadWithDetail(f *Failure) string {
	if f != nil && (f.Kind == KindNetwork || f.Kind == KindServer) && f.Message != "" {
		return strings.TrimSuffix(ExplainRead(f), ".") + " (" + f.Message + ")"
	}
	return ExplainRead(f)
}
