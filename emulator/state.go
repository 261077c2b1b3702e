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

	// Owners maps the id of every object of a connected account to that account; the
	// platform's objects are not listed (see accounts.go). An object deleted or
	// forgotten by retention takes its owner entry with it.
	Owners              *table[string]
	SetupIntents        *table[setupIntentRec]
	SetupAttempts       *table[setupAttemptRec]
	Configurations      *table[configurationRec]
	WebhookEndpoints    *table[webhookEndpointRec]
	BalanceTransactions *table[balanceRec]
	// Deleted keeps the deleted form of deleted readers, locations and configurations
	// (deleted.go); it carries its account itself.
	Deleted *table[deletedRec]

	tables []anyTable // every table, in registration order
	// tracking records the objects a request gets as possibly changed; it is off while
	// a GET handler runs (reads change nothing).
	tracking bool
	dirty    []anyTable // tables with touched entries since the last commit
	// forgotten are the ids deleted or dropped by retention in this commit, whose
	// owner entries the commit removes (table.forgetOwner).
	forgotten []string
	// saved is the id counter and boots last written to the state file.
	savedSeq, savedBoots int64
	logf                 func(format string, args ...any)
	bodies               bodyEncoder // encodes responses and the objects a commit writes (under e.mu)
	terms                termList    // the terms of the object a commit re-indexes
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
	// AllowRedisplay is the allow_redisplay of the reader's current payment or setup
	// command, given to the card it saves.
	AllowRedisplay string `json:"allow_redisplay,omitempty"`
}

type intentRec struct {
	Seq int64         `json:"seq"`
	Obj paymentIntent `json:"object"`
	// Reader is the reader that last authorized the PaymentIntent (for the lost_capture
	// fault); Increments counts increment_authorization attempts (Stripe allows 10).
	Reader     string `json:"reader,omitempty"`
	Increments int    `json:"increments,omitempty"`
}

type refundRec struct {
	Seq int64  `json:"seq"`
	Obj refund `json:"object"`
	// FailAt is when a refund of the refund_fail test card turns failed; SettleAt when
	// a pending refund of the refund_pending card succeeds.
	FailAt   *time.Time `json:"fail_at,omitempty"`
	SettleAt *time.Time `json:"settle_at,omitempty"`
}

type idempotencyRec struct {
	Path        string    `json:"path"`
	Fingerprint string    `json:"fingerprint"`
	Status      int       `json:"status"`
	Body        string    `json:"body"`
	RequestID   string    `json:"request_id"`
	Created     time.Time `json:"created"`
}
