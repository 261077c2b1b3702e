package checkout

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
