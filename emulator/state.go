package emulator

import "time"

// state is everything the emulator remembers, one table per kind of object (see
// kinds.go), plus the id counter. With a state file, every change is appended to it.
type state struct {
	Seq   int64 // object id counter
	Boots int64 // restarts of this state, so request ids never repeat

	Locations      *table[locationRec]
	Readers        *table[readerRec]
	Intents        *table[intentRec]
	Charges        *table[charge]
	PaymentMethods *table[paymentMethod]
	Refunds        *table[refundRec]
	Events         *table[event]
	Idempotency    *table[idempotencyRec]

	tables []anyTable // every table, in registration order
	// tracking records the objects a request gets as possibly changed; it is off while
	// a GET handler runs (reads change nothing).
	tracking bool
	dirty    []anyTable // tables with touched entries since the last commit
	// saved is the id counter and boots last written to the state file.
	savedSeq, savedBoots int64
	logf                 func(format string, args ...any)
}

func (s *state) table(kind string) anyTable {
	for _, t := range s.tables {
		if t.kindName() == kind {
			return t
		}
	}
	return nil
}

type locationRec struct {
	Seq int64    `json:"seq"`
	Obj location `json:"object"`
}

// pendingPresent is a card presented during the authorizing window, applied when the
// window ends.
type pendingPresent struct {
	Card    string `json:"card"`
	Type    string `json:"type"`
	Tip     int64  `json:"tip"`
	TipSent bool   `json:"tip_sent,omitempty"`
	// PaymentMethod is the payment method collected by collect_payment_method.
	PaymentMethod string    `json:"payment_method,omitempty"`
	DueAt         time.Time `json:"due_at"`
}

type readerRec struct {
	Seq     int64           `json:"seq"`
	Obj     reader          `json:"object"`
	Pending *pendingPresent `json:"pending,omitempty"`
	// Collected is the card read by collect_payment_method, awaiting confirmation.
	Collected *pendingPresent `json:"collected,omitempty"`
}

type intentRec struct {
	Seq int64         `json:"seq"`
	Obj paymentIntent `json:"object"`
}

type refundRec struct {
	Seq int64  `json:"seq"`
	Obj refund `json:"object"`
	// FailAt is when a refund of the refund_fail test card turns failed.
	FailAt *time.Time `json:"fail_at,omitempty"`
}

type idempotencyRec struct {
	Path        string    `json:"path"`
	Fingerprint string    `json:"fingerprint"`
	Status      int       `json:"status"`
	Body        string    `json:"body"`
	RequestID   string    `json:"request_id"`
	Created     time.Time `json:"created"`
}
