package readerctl

import (
	"net/http"
	"sync"
	"time"

	"github.com/till-pos/till/checkout"
)

// Call is one HTTP attempt to Stripe, for the journal and the payment timeline.
// stripe-go's retries are separate Calls with the same IdempotencyKey.
type Call struct {
	At             time.Time // when the request was sent
	Method         string
	Path           string // URL path only: the query string is never recorded
	IdempotencyKey string
	RequestID      string // Stripe's Request-Id, when an answer came
	HTTPStatus     int    // 0 when no answer came
	Duration       time.Duration
	Err            string // transport error text, if any (never contains the key)
	OrderID        string // the order the call worked for (checkout.WithOrder), if any
}

// observer wraps the HTTP transport: it reports each attempt to OnCall and notes the
// last answer's status and request id in the calling context's attempt.
type observer struct {
	next    http.RoundTripper
	onCall  func(Call)
	key     string
	account string // Stripe-Account on every request, when set
}

func (o *observer) RoundTrip(req *http.Request) (*http.Response, error) {
	if o.account != "" {
		req = req.Clone(req.Context())
		req.Header.Set("Stripe-Account", o.account)
	}
	start := time.Now()
	resp, err := o.next.RoundTrip(req)
	call := Call{
		At:             start,
		Method:         req.Method,
		Path:           req.URL.Path,
		IdempotencyKey: req.Header.Get("Idempotency-Key"),
		Duration:       time.Since(start),
		OrderID:        checkout.OrderFrom(req.Context()),
	}
	retry := false
	if err != nil {
		call.Err = Redact(err.Error(), o.key)
	} else {
		call.HTTPStatus = resp.StatusCode
		call.RequestID = resp.Header.Get("Request-Id")
		// Rate limits and answers Stripe marks retryable are till's to retry, within
		// the deadline (retry.go); stripe-go is told not to.
		if resp.StatusCode == http.StatusTooManyRequests || resp.Header.Get("Stripe-Should-Retry") == "true" {
			retry = true
			resp.Header.Set("Stripe-Should-Retry", "false")
		}
	}
	if a, ok := req.Context().Value(attemptKey{}).(*attempt); ok {
		a.set(call.HTTPStatus, call.RequestID, retry)
	}
	if o.onCall != nil {
		o.onCall(call)
	}
	return resp, err
}

// attempt remembers the last HTTP answer seen for one Client call.
type attempt struct {
	mu        sync.Mutex
	status    int
	requestID string
	retry     bool // Stripe rate limited it or said it may be sent again
}

type attemptKey struct{}

func (a *attempt) set(status int, requestID string, retry bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.status, a.requestID, a.retry = status, requestID, retry
}

func (a *attempt) retryable() bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.retry
}

func (a *attempt) get() (status int, requestID string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.status, a.requestID
}
