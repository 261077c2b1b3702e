package emulator

import "time"

// stateVersion is bumped when the persisted shape changes incompatibly.
const stateVersion = 1

// state is everything the emulator remembers; it is what the state file holds.
type state struct {
	Version int   `json:"version"`
	Seq     int64 `json:"seq"`   // object id counter
	Boots   int64 `json:"boots"` // restarts of this state, so request ids never repeat

	Locations      map[string]*locationRec    `json:"locations"`
	Readers        map[string]*readerRec      `json:"readers"`
	Intents        map[string]*intentRec      `json:"payment_intents"`
	Charges        map[string]*charge         `json:"charges"`
	PaymentMethods map[string]*paymentMethod  `json:"payment_methods"`
	Refunds        map[string]*refundRec      `json:"refunds"`
	Events         []*event                   `json:"events"`
	Idempotency    map[string]*idempotencyRec `json:"idempotency"`

	// Owners maps the id of every object of a connected account to that account; the
	// platform's objects are not listed (see accounts.go).
	Owners              map[string]string              `json:"owners"`
	SetupIntents        map[string]*setupIntentRec     `json:"setup_intents"`
	SetupAttempts       map[string]*setupAttemptRec    `json:"setup_attempts"`
	Configurations      map[string]*configurationRec   `json:"terminal_configurations"`
	WebhookEndpoints    map[string]*webhookEndpointRec `json:"webhook_endpoints"`
	BalanceTransactions map[string]*balanceRec         `json:"balance_transactions"`
}

func newState() *state {
	st := &state{Version: stateVersion}
	st.fillMaps()
	return st
}

// fillMaps makes a state loaded from an older or partial file usable.
func (s *state) fillMaps() {
	orEmpty(&s.Locations)
	orEmpty(&s.Readers)
	orEmpty(&s.Intents)
	orEmpty(&s.Charges)
	orEmpty(&s.PaymentMethods)
	orEmpty(&s.Refunds)
	orEmpty(&s.Idempotency)
	orEmpty(&s.Owners)
	orEmpty(&s.SetupIntents)
	orEmpty(&s.SetupAttempts)
	orEmpty(&s.Configurations)
	orEmpty(&s.WebhookEndpoints)
	orEmpty(&s.BalanceTransactions)
}

func orEmpty[M ~map[K]V, K comparable, V any](m *M) {
	if *m == nil {
		*m = M{}
	}
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
