package emulator

import (
	"slices"
	"strings"
	"time"
)

// Go conveniences for tests and till's demo panel. They have the same effect as the
// matching HTTP endpoints.

// PaymentIntentSummary is what tests and the demo panel need to know of a PaymentIntent.
type PaymentIntentSummary struct {
	ID                 string    `json:"id"`
	Status             string    `json:"status"`
	Amount             int64     `json:"amount"`
	Currency           string    `json:"currency"`
	CaptureMethod      string    `json:"capture_method"`
	OrderID            string    `json:"order_id,omitempty"` // metadata[order_id]
	AmountReceived     int64     `json:"amount_received"`
	AmountCapturable   int64     `json:"amount_capturable"`
	CancellationReason string    `json:"cancellation_reason,omitempty"`
	Created            time.Time `json:"created"`
}

// Error is an error the emulator answered, as Stripe would have.
type Error struct {
	Status  int    // HTTP status
	Type    string // invalid_request_error, card_error, ...
	Code    string
	Param   string
	Message string
}

func (e *Error) Error() string {
	s := e.Type
	if e.Code != "" {
		s += " (" + e.Code + ")"
	}
	return s + ": " + e.Message
}

func toError(ae *apiError) error {
	if ae == nil {
		return nil
	}
	return &Error{Status: ae.status, Type: ae.fields.Type, Code: ae.fields.Code, Param: ae.fields.Param, Message: ae.fields.Message}
}

// local runs fn as a request would: under the lock, with the state brought up to the
// clock, and saved afterwards when mutate is set.
func (e *Emulator) local(mutate bool, fn func(x *txn)) {
	e.mu.Lock()
	x := e.begin("", "", "", nil, nil)
	x.settle()
	x.st.tracking = mutate
	fn(x)
	x.st.tracking = true
	e.deliver(e.finish(x))
}

// PresentCard taps a card on a simulated reader, like the present_payment_method test
// helper. number "" presents the default card for the PaymentIntent; an Interac test
// card number is presented as interac_present.
func (e *Emulator) PresentCard(readerID, number string) error {
	var err error
	e.local(true, func(x *txn) {
		// The admin API reaches every account's readers.
		x.as(x.st.ownerOf(readerID), func() {
			rec, aerr := x.reader(readerID, "reader")
			if aerr == nil {
				aerr = x.commandable(rec)
			}
			if aerr == nil {
				aerr = x.present(rec, "", strings.ReplaceAll(number, " ", ""), nil)
			}
			err = toError(aerr)
		})
	})
	return err
}

// PaymentIntentStatus is a PaymentIntent's status; ok is false for an unknown id.
func (e *Emulator) PaymentIntentStatus(id string) (status string, ok bool) {
	e.local(false, func(x *txn) {
		if rec, found := x.st.Intents.get(id); found {
			status, ok = rec.Obj.Status, true
		}
	})
	return status, ok
}

// PaymentIntents summarizes every PaymentIntent, oldest first.
func (e *Emulator) PaymentIntents() []PaymentIntentSummary {
	var out []PaymentIntentSummary
	e.local(false, func(x *txn) { out = x.st.intentSummaries(0) })
	return out
}

// intentSummaries summarizes the newest n PaymentIntents (n <= 0: all), oldest first.
func (st *state) intentSummaries(n int) []PaymentIntentSummary {
	list := st.Intents.all()
	var out []PaymentIntentSummary
	for i := len(list) - 1; i >= 0 && (n <= 0 || len(out) < n); i-- {
		r := st.Intents.objOf(list[i])
		if list[i].dead || r == nil {
			continue
		}
		pi := r.Obj
		s := PaymentIntentSummary{
			ID: pi.ID, Status: pi.Status, Amount: pi.Amount, Currency: pi.Currency, CaptureMethod: pi.CaptureMethod,
			OrderID: pi.Metadata["order_id"], AmountReceived: pi.AmountReceived, AmountCapturable: pi.AmountCapturable,
			Created: time.Unix(pi.Created, 0),
		}
		if pi.CancellationReason != nil {
			s.CancellationReason = *pi.CancellationReason
		}
		out = append(out, s)
	}
	slices.Reverse(out)
	return out
}

// ReaderIDs lists the readers, oldest first.
func (e *Emulator) ReaderIDs() []string {
	var out []string
	e.local(false, func(x *txn) {
		for _, r := range x.st.readersByCreation() {
			out = append(out, r.Obj.ID)
		}
	})
	return out
}

// ReaderSummary is what the standalone emulator prints of a reader.
type ReaderSummary struct {
	ID         string `json:"id"`
	Label      string `json:"label"`
	DeviceType string `json:"device_type"`
	Location   string `json:"location"`
}

// Readers summarizes the readers, oldest first.
func (e *Emulator) Readers() []ReaderSummary {
	var out []ReaderSummary
	e.local(false, func(x *txn) {
		for _, r := range x.st.readersByCreation() {
			out = append(out, ReaderSummary{ID: r.Obj.ID, Label: r.Obj.Label, DeviceType: r.Obj.DeviceType, Location: r.Obj.Location.ID})
		}
	})
	return out
}

// ReaderAction is the reader's current action; ok is false when the reader is unknown
// or has no action.
func (e *Emulator) ReaderAction(readerID string) (typ, status, paymentIntent string, ok bool) {
	e.local(false, func(x *txn) {
		rec, found := x.st.Readers.get(readerID)
		if !found || rec.Obj.Action == nil {
			return
		}
		a := rec.Obj.Action
		typ, status, paymentIntent, ok = a.Type, a.Status, a.paymentIntentID(), true
	})
	return typ, status, paymentIntent, ok
}
