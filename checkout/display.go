package checkout

import (
	"context"
	"time"
)

// Display is a cart as the reader's screen shows it (set_reader_display). The reader
// computes nothing and shows these values as they are, so they come from the cart's
// Totals: each line's amount is what the line costs after its discounts (before tax
// when prices exclude it), so the lines and the tax add up to the total the customer
// is then asked to pay. With prices that include tax, Tax is the part of the total
// that is tax.
type Display struct {
	Currency string        `json:"currency"`
	Lines    []DisplayLine `json:"line_items"`
	Tax      int64         `json:"tax"`
	Total    int64         `json:"total"`
}

// DisplayLine is one line item on the reader's screen.
type DisplayLine struct {
	Description string `json:"description"`
	Amount      int64  `json:"amount"`
	Quantity    int64  `json:"quantity"`
}

// DisplayOf is the cart as the reader should show it; false for an empty cart, which
// shows nothing. A discounted line says by how much: "Croissant (-$0.45)".
func DisplayOf(c Cart) (Display, bool) {
	if c.Empty() {
		return Display{}, false
	}
	t := c.Totals()
	d := Display{Currency: c.Currency, Tax: t.Tax, Total: t.Total, Lines: make([]DisplayLine, len(c.Lines))}
	for i, l := range c.Lines {
		lt := t.Lines[i]
		desc := l.Description
		if off := lt.LineDiscount + lt.OrderDiscount; off > 0 {
			desc += " (" + Money{Amount: -off, Currency: c.Currency}.String() + ")"
		}
		d.Lines[i] = DisplayLine{Description: desc, Amount: lt.Net, Quantity: l.Quantity}
	}
	return d, true
}

// equal reports whether two displays show the same thing.
func (d Display) equal(o Display) bool {
	if d.Currency != o.Currency || d.Tax != o.Tax || d.Total != o.Total || len(d.Lines) != len(o.Lines) {
		return false
	}
	for i := range d.Lines {
		if d.Lines[i] != o.Lines[i] {
			return false
		}
	}
	return true
}

// DisplayEffect is a call about a reader's screen: ShowCart or ClearDisplay.
type DisplayEffect interface{ reader() string }

// ShowCart puts the cart on the reader's screen, unless the reader is busy with
// something else (a payment, a refund): that is never replaced.
type ShowCart struct {
	ReaderID string
	Display  Display
}

// ClearDisplay takes till's cart off the reader's screen (cancel_action), only if the
// reader still shows that cart: not another till's, and never a payment.
type ClearDisplay struct {
	ReaderID string
	Display  Display // the cart till put there
}

func (e ShowCart) reader() string     { return e.ReaderID }
func (e ClearDisplay) reader() string { return e.ReaderID }

// DisplayOutcome is how a display call ended.
type DisplayOutcome string

// Display outcomes.
const (
	DisplayShown   DisplayOutcome = "shown"
	DisplayCleared DisplayOutcome = "cleared"
	DisplaySkipped DisplayOutcome = "skipped" // the reader is busy with something that is not our cart
	DisplayFailed  DisplayOutcome = "failed"
)

// DisplayResult reports a display call.
type DisplayResult struct {
	Effect  DisplayEffect
	Outcome DisplayOutcome
	Reader  Reader   // as last read or returned, when there was an answer
	Failure *Failure // why it failed
	At      time.Time
}

// DisplayGateway is what the display calls need from Stripe; readerctl implements it.
type DisplayGateway interface {
	ReadReader(ctx context.Context, readerID string) (Reader, error)
	SetReaderDisplay(ctx context.Context, readerID string, d Display) (Reader, error)
	CancelReaderAction(ctx context.Context, readerID string) (Reader, error)
}

// ShowingSomethingElse reports whether the reader is busy with an action that is not
// a cart display: a payment, a refund, a setup. Its screen belongs to that action.
func (r Reader) ShowingSomethingElse() bool {
	return r.Action != nil && r.Action.Status == ActionInProgress && r.Action.Type != actionSetReaderDisplay
}

const actionSetReaderDisplay = "set_reader_display"

// PerformDisplay carries out a display effect, reading the reader first (compare
// before act): a cart is never put over another action, and only a cart is cleared.
func PerformDisplay(ctx context.Context, g DisplayGateway, eff DisplayEffect, now func() time.Time) DisplayResult {
	res := DisplayResult{Effect: eff}
	done := func(o DisplayOutcome, r Reader, err error) DisplayResult {
		res.Outcome, res.Reader, res.At = o, r, now()
		if err != nil {
			res.Outcome, res.Failure = DisplayFailed, AsFailure(err)
		}
		return res
	}
	r, err := g.ReadReader(ctx, eff.reader())
	if err != nil {
		return done(DisplayFailed, r, err)
	}
	switch e := eff.(type) {
	case ShowCart:
		if r.ShowingSomethingElse() {
			return done(DisplaySkipped, r, nil)
		}
		r, err = g.SetReaderDisplay(ctx, e.ReaderID, e.Display)
		return done(DisplayShown, r, err)
	case ClearDisplay:
		if a := r.Action; a == nil || a.Type != actionSetReaderDisplay || a.Status != ActionInProgress ||
			a.Display == nil || !a.Display.equal(e.Display) {
			return done(DisplayCleared, r, nil) // our cart is not on the screen (any more)
		}
		r, err = g.CancelReaderAction(ctx, e.ReaderID)
		return done(DisplayCleared, r, err)
	}
	return done(DisplayFailed, r, &Failure{Kind: KindUnknown, Message: "unknown display effect"})
}
