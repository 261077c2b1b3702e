package common

import "github.com/till-pos/till/checkout"

// InUseBy is the work a reader_in_use failure found on the reader (a PaymentIntent or a
// refund's id), "" for any other failure or none: what the root asks support.Whose of,
// for the cashier's pages.
func InUseBy(f *checkout.Failure) string {
	if !f.ReaderInUse() {
		return ""
	}
	return f.Message
}

// InUseWords words a reader_in_use failure on a cashier's page, which can take the
// reader over: mine names the work when it is this till's (support.Whose, "order O-1"),
// else it is perhaps another till's.
func InUseWords(f *checkout.Failure, mine string) string {
	return checkout.ExplainInUse(f.Message, checkout.InUse{Mine: mine, TakeOver: true})
}
