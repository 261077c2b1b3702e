package emulator

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"net/http"
	"sync"
	"time"
)

// Options configure an Emulator.
type Options struct {
	// StatePath is the state file: loaded by New if present (a file of the first,
	// whole-state JSON format is converted), then appended to on every change and
	// compacted in the background. Its directory must exist. "" keeps the state in
	// memory only.
	StatePath string
	// Retention bounds what is remembered (events, idempotency keys, finished
	// objects); zero fields take DefaultRetention's.
	Retention Retention
	// AdminToken, when set, is required (Authorization: Bearer <token>) on every
	// /_emulator/ admin request; Serve refuses a non-loopback address without it.
	AdminToken string
	// Now is the clock; nil means time.Now. Tests inject one to move time.
	Now func() time.Time
	// Seed adds one location and simulated readers when the platform has neither, and
	// gives its default Terminal configuration tipping.
	Seed bool
	// Readers is how many readers Seed adds, alternating WisePOS E and S700; 0 means 2.
	Readers int
	// LocationName is the display name of the location Seed adds (till passes its shop's
	// name); "" means DefaultLocationName. A state that has its location keeps its name.
	LocationName string
	// Logf, when set, receives one line per request. The API key is never logged.
	Logf func(format string, args ...any)
	// AuthorizeDelay is how long an authorization takes after a card is presented;
	// during it the action stays in_progress and reader commands get
	// terminal_reader_busy. 0 authorizes synchronously.
	AuthorizeDelay time.Duration
	// Webhooks receive every event the emulator records, signed as Stripe signs them.
	// Delivery is asynchronous, with up to three attempts; Close stops it.
	Webhooks []WebhookEndpoint
	// WebhookBackoff is the wait before retrying a failed delivery; it doubles for the
	// next retry. 0 means 5s.
	WebhookBackoff time.Duration
	// APIVersion is the account's default API version, for requests without a
	// Stripe-Version header and the events they make; "" means DefaultAPIVersion.
	APIVersion string
	// SeedAccounts are connected accounts (acct_...) seeded like the platform with Seed:
	// a location and Readers readers of their own, when they have none.
	SeedAccounts []string
}

// Emulator is an in-process imitation of Stripe's API for Terminal payments. It is an
// http.Handler; all its methods are safe for concurrent use.
type Emulator struct {
	opts   Options
	now    func() time.Time
	routes *http.ServeMux

	mu         sync.Mutex
	st         *state
	reqCounter int64
	inFlight   map[string]bool        // idempotency keys whose first request is still running
	authorized map[string]int64       // uncaptured PaymentIntent id -> capture_before (unix s)
	faults     map[string]activeFault // by reader id, "" = global; memory only
	rng        *rand.Rand
	rate       rateWindow
	lastPrune  time.Time
	hooks      *webhooks
	retention  Retention
	// defaultVersion is the account's default API version: Options.APIVersion, else
	// DefaultAPIVersion.
	defaultVersion string
	keptForm       keptForm   // of defaultVersion
	file           *stateFile // nil: memory only
}

// New returns an emulator, loading Options.StatePath when it exists. It fails when the
// state file's directory does not exist, when another emulator holds the file, or when
// the file cannot be read or is not a valid emulator state. Close releases the file.
func New(opts Options) (*Emulator, error) {
	e := &Emulator{opts: opts, now: opts.Now, inFlight: map[string]bool{}, faults: map[string]activeFault{},
		rng: rand.New(rand.NewPCG(1, 2)), retention: opts.Retention.withDefaults(),
		defaultVersion: cmp.Or(opts.APIVersion, DefaultAPIVersion)}
	e.keptForm = keptFormAt(e.defaultVersion)
	if e.now == nil {
		e.now = time.Now
	}
	if opts.APIVersion != "" && !validVersion(opts.APIVersion) {
		return nil, fmt.Errorf("emulator: unknown API version %q (e.g. %s)", opts.APIVersion, DefaultAPIVersion)
	}
	for _, acct := range opts.SeedAccounts {
		if !accountIDRe.MatchString(acct) {
			return nil, fmt.Errorf("emulator: %q is not a connected account id like acct_1A2b3C", acct)
		}
	}
	st := newState()
	st.logf = e.logf
	e.st = st
	if opts.StatePath != "" {
		f, err := openStateFile(opts.StatePath, st, e.logf)
		if err != nil {
			return nil, err
		}
		e.file = f
	}
	e.indexAuthorizations()
	st.Boots++
	if opts.Seed {
		st.seedTipping()
		seed(st, e.now(), opts.Readers, opts.LocationName, "")
	}
	for _, acct := range opts.SeedAccounts {
		seed(st, e.now(), opts.Readers, opts.LocationName, acct)
	}
	if b := e.commit(); b != nil {
		e.file.append(b)
	}
	e.routes = e.newRouter()
	e.hooks = newWebhooks(opts, e.logf, e.eventDelivered)
	return e, nil
}

func (e *Emulator) logf(format string, args ...any) {
	if e.opts.Logf != nil {
		e.opts.Logf(format, args...)
	}
}
