package common

import (
	"github.com/charmbracelet/bubbles/spinner"

	"github.com/till-pos/till/checkout"
)

// Screen is what a component draws its body into: the cells it has and the spinner's
// frame. Height 0 means as many lines as it needs.
type Screen struct {
	Width, Height int
	Frame         int
}

// SpinnerKind is the spinner's look; its frames are drawn from the root's frame count,
// so a view can be rendered for any frame without running the spinner.
var SpinnerKind = spinner.MiniDot

// Spinner is the spinner at a frame.
func (st *Styles) Spinner(frame int) string {
	f := SpinnerKind.Frames
	return st.SpinnerStyle.Render(f[frame%len(f)])
}

// Checkout is what the support screen knows of the cashier's side: values the root
// hands it, never a way back.
type Checkout struct {
	Session  checkout.Session   // the cashier's payment, or the cart being built
	Pending  []checkout.Session // payments left open by an earlier run, waiting their turn
	Driven   Recent             // the PaymentIntents this run has worked on
	ReaderID string             // the reader the next charge goes to
	Readers  []checkout.Reader  // the readers as the cashier's side last saw them
	Refund   checkout.Refund    // the refund on the cashier's screen, if any
}

// Live reports whether the cashier's payment is under way.
func (c Checkout) Live() bool {
	p := c.Session.Phase
	return p != checkout.Building && !p.Finished()
}

// Mine reports whether a PaymentIntent is the cashier's: its payment now, one this run
// worked on, or one waiting to be resumed.
func (c Checkout) Mine(pi string) bool {
	if pi == "" {
		return false
	}
	if pi == c.Session.PaymentIntentID || c.Driven.Has(pi) {
		return true
	}
	for _, s := range c.Pending {
		if s.PaymentIntentID == pi {
			return true
		}
	}
	return false
}
