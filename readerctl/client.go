package readerctl

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/stripe/stripe-go/v76"
	"github.com/stripe/stripe-go/v76/client"
	"github.com/till-pos/till/checkout"
)

// DefaultTimeout bounds each call when Config.Timeout is zero.
const DefaultTimeout = 15 * time.Second

// DefaultMaxNetworkRetries is stripe-go's own retry budget used when
// Config.MaxNetworkRetries is zero. Its retries reuse the request's idempotency key.
const DefaultMaxNetworkRetries int64 = 2

// Config says how to reach Stripe (or the emulator).
type Config struct {
	APIKey  string // never logged or put in errors
	BaseURL string // "" = https://api.stripe.com; else e.g. http://127.0.0.1:12111 (emulator)
	// Timeout bounds each call (a context deadline) unless the caller's context has a
	// shorter one. 0 = DefaultTimeout. ListReaders applies it to the whole listing.
	Timeout time.Duration
	// MaxNetworkRetries is how often stripe-go retries a call that got no usable answer
	// (same idempotency key each time). 0 = DefaultMaxNetworkRetries; negative = never.
	// stripe-go sleeps 0.5–1 s before a retry without watching the deadline, so a
	// retried call can overrun Timeout by that much.
	MaxNetworkRetries int64
	HTTPClient        *http.Client // optional; copied, never modified
	// TillID names this till in each PaymentIntent's metadata[till_id], so support
	// staff can tell which till made a payment. Empty sends none.
	TillID string
	// OnCall, when set, is called after every HTTP attempt, from the calling
	// goroutine; it must be safe for concurrent use if the Client is shared.
	OnCall func(Call)
	// RateLimitRetries is how often a call Stripe rate limited (429, or
	// Stripe-Should-Retry: true) is sent again while Timeout allows. 0 =
	// DefaultRateLimitRetries; negative = never.
	RateLimitRetries int
	// Live accepts a live-mode key (and then only a live one); the configuration's
	// explicit mode: live sets it.
	Live bool
	// Account, for a Connect platform, is the connected account (acct_…) every call is
	// made on: it goes in the Stripe-Account header.
	Account string
	// ApplicationFee is the platform's fee, set on each PaymentIntent at creation and
	// again, on the amount actually authorized, at capture.
	ApplicationFee checkout.Fee
}

// ErrNoKey is returned by New when the API key is empty.
var ErrNoKey = errors.New("no Stripe API key: set one that starts with sk_test_ or rk_test_")

// ErrNotTestKey is returned by New for a key of the wrong mode or kind: a test-mode
// secret or restricted key unless Config.Live, a live one if it is set.
var ErrNotTestKey = errors.New("only test-mode keys (sk_test_… or rk_test_…) are accepted unless the configuration says mode: live")

// accountID is what a connected account id looks like; it goes in a header.
var accountID = regexp.MustCompile(`^acct_[A-Za-z0-9]{1,64}$`)

// Client talks to Stripe for one API key. It is safe for concurrent use.
type Client struct {
	api         *client.API
	key         string
	timeout     time.Duration
	tillID      string
	fee         checkout.Fee
	rateRetries int
	recent      recentReaders
}

// New checks the configuration and builds a client. It makes no call to Stripe.
func New(cfg Config) (*Client, error) {
	key := strings.TrimSpace(cfg.APIKey)
	if err := checkKey(key, cfg.Live); err != nil {
		return nil, err
	}
	if cfg.Account != "" && !accountID.MatchString(cfg.Account) {
		return nil, fmt.Errorf("the connected account %q is not an account id like acct_1A2b3C", cfg.Account)
	}
	base := stripe.APIURL
	if cfg.BaseURL != "" {
		u, err := url.Parse(cfg.BaseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("the API base URL %s is not an http:// or https:// address", RedactURL(cfg.BaseURL))
		}
		base = cfg.BaseURL
	}
	timeout := cfg.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	hc := &http.Client{}
	if cfg.HTTPClient != nil {
		copied := *cfg.HTTPClient
		hc = &copied
	}
	next := hc.Transport
	if next == nil {
		next = http.DefaultTransport
	}
	hc.Transport = &observer{next: next, onCall: cfg.OnCall, key: key, account: cfg.Account}

	backend := stripe.GetBackendWithConfig(stripe.APIBackend, &stripe.BackendConfig{
		URL:               stripe.String(base),
		HTTPClient:        hc,
		MaxNetworkRetries: stripe.Int64(budget(cfg.MaxNetworkRetries, DefaultMaxNetworkRetries)),
		LeveledLogger:     silentLogger{},
	})
	api := &client.API{}
	api.Init(key, &stripe.Backends{API: backend})
	return &Client{api: api, key: key, timeout: timeout, tillID: strings.TrimSpace(cfg.TillID), fee: cfg.ApplicationFee,
		rateRetries: int(budget(int64(cfg.RateLimitRetries), DefaultRateLimitRetries))}, nil
}

// budget reads a retry setting: 0 is the default, negative is none.
func budget(set, def int64) int64 {
	switch {
	case set == 0:
		return def
	case set < 0:
		return 0
	}
	return set
}

// checkKey refuses empty keys and keys of the wrong mode. Its messages name at most
// the kind of key, never the key itself.
func checkKey(key string, live bool) error {
	test := strings.HasPrefix(key, "sk_test_") || strings.HasPrefix(key, "rk_test_")
	isLive := strings.HasPrefix(key, "sk_live_") || strings.HasPrefix(key, "rk_live_")
	switch {
	case key == "":
		return ErrNoKey
	case test && !live, isLive && live:
		return nil
	case isLive:
		return fmt.Errorf("%w: the key given is a live-mode key", ErrNotTestKey)
	case test:
		return fmt.Errorf("%w: the configuration says mode: live, but the key given is a test-mode key", ErrNotTestKey)
	case strings.HasPrefix(key, "pk_"):
		return fmt.Errorf("%w: the key given is a publishable key, which cannot take payments", ErrNotTestKey)
	}
	return fmt.Errorf("%w: the key given does not look like a Stripe secret key", ErrNotTestKey)
}

// Compile-time proof that the client is the gateway the checkout machine needs.
var _ checkout.Gateway = (*Client)(nil)

// call runs one stripe-go call under the client's deadline and turns its error into a
// *checkout.Failure. The observed HTTP status and request id help classify errors
// that stripe-go could not decode.
//
// It is the adapter's boundary: nothing Stripe (or anything posing as Stripe) answers
// may crash till, so a panic inside stripe-go while it reads an answer (its list
// iterator on {"data":[],"has_more":true}, for one) becomes a failure too: Stripe's
// answer could not be read, and, the call having reached Stripe, its outcome is unknown.
// A call Stripe rate limited is sent again while the deadline allows (retry.go).
func (c *Client) call(ctx context.Context, what string, do func(ctx context.Context) error) (err error) {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	seen := &attempt{}
	defer func() {
		if r := recover(); r != nil {
			status, requestID := seen.get()
			err = &checkout.Failure{Kind: checkout.KindServer, HTTPStatus: status, RequestID: requestID,
				Message: Redact(fmt.Sprintf("Stripe's answer to %s could not be read (%v)", what, r), c.key)}
		}
	}()
	seen, err = c.retryLoop(ctx, func(ctx context.Context, attempt *attempt) error {
		seen = attempt
		return do(context.WithValue(ctx, attemptKey{}, attempt))
	})
	if err != nil {
		return c.failure(ctx, what, err, seen)
	}
	return nil
}

// maxListed bounds any listing: an answer whose has_more never ends must neither hold
// till until the deadline nor fill its memory.
const maxListed = 100000

// errEndlessList says a listing passed maxListed.
var errEndlessList = fmt.Errorf("the list went on past %d items", maxListed)

// silentLogger keeps stripe-go quiet: the TUI owns stdout and stderr.
type silentLogger struct{}

func (silentLogger) Debugf(string, ...interface{}) {}
func (silentLogger) Errorf(string, ...interface{}) {}
func (silentLogger) Infof(string, ...interface{})  {}
func (silentLogger) Warnf(string, ...interface{})  {}
