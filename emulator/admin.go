package emulator

import (
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"
)

// faultWire is Fault in the admin API's JSON: durations as Go duration strings.
type faultWire struct {
	Offline         bool    `json:"offline,omitempty"`
	Timeout         string  `json:"timeout,omitempty"`
	ConnectionError string  `json:"connection_error,omitempty"`
	Disconnect      bool    `json:"disconnect,omitempty"`
	CustomerCancel  bool    `json:"customer_cancel,omitempty"`
	Latency         string  `json:"latency,omitempty"`
	Jitter          string  `json:"jitter,omitempty"`
	ErrorRate       float64 `json:"error_rate,omitempty"`
	DropRate        float64 `json:"drop_rate,omitempty"`
	AfterMutation   bool    `json:"after_mutation,omitempty"`
	RateLimit       bool    `json:"rate_limit,omitempty"`
	Busy            bool    `json:"busy,omitempty"`
	LostCapture     bool    `json:"lost_capture,omitempty"`

	WebhookDelay         string  `json:"webhook_delay,omitempty"`
	WebhookLossRate      float64 `json:"webhook_loss_rate,omitempty"`
	WebhookDuplicateRate float64 `json:"webhook_duplicate_rate,omitempty"`
}

func (w faultWire) fault() (Fault, error) {
	f := Fault{Offline: w.Offline, Timeout: w.Timeout, ConnectionError: w.ConnectionError, Disconnect: w.Disconnect,
		CustomerCancel: w.CustomerCancel, ErrorRate: w.ErrorRate, DropRate: w.DropRate, AfterMutation: w.AfterMutation,
		RateLimit: w.RateLimit, Busy: w.Busy, LostCapture: w.LostCapture, WebhookLossRate: w.WebhookLossRate,
		WebhookDuplicateRate: w.WebhookDuplicateRate}
	var err error
	if f.Latency, err = parseDuration("latency", w.Latency); err != nil {
		return f, err
	}
	if f.Jitter, err = parseDuration("jitter", w.Jitter); err != nil {
		return f, err
	}
	if f.WebhookDelay, err = parseDuration("webhook_delay", w.WebhookDelay); err != nil {
		return f, err
	}
	return f, f.Validate()
}

func wireFault(f Fault) faultWire {
	w := faultWire{Offline: f.Offline, Timeout: f.Timeout, ConnectionError: f.ConnectionError, Disconnect: f.Disconnect,
		CustomerCancel: f.CustomerCancel, ErrorRate: f.ErrorRate, DropRate: f.DropRate, AfterMutation: f.AfterMutation,
		RateLimit: f.RateLimit, Busy: f.Busy, LostCapture: f.LostCapture, WebhookLossRate: f.WebhookLossRate,
		WebhookDuplicateRate: f.WebhookDuplicateRate}
	if f.WebhookDelay > 0 {
		w.WebhookDelay = f.WebhookDelay.String()
	}
	if f.Latency > 0 {
		w.Latency = f.Latency.String()
	}
	if f.Jitter > 0 {
		w.Jitter = f.Jitter.String()
	}
	return w
}

func parseDuration(name, s string) (time.Duration, error) {
	if s == "" {
		return 0, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return 0, fmt.Errorf("%s must be a duration such as 250ms (got %q)", name, s)
	}
	return d, nil
}

// Validate reports a fault whose fields are out of range.
func (f Fault) Validate() error {
	switch f.Timeout {
	case "", TimeoutLost, TimeoutDelivered:
	default:
		return fmt.Errorf("timeout must be %q or %q (got %q)", TimeoutLost, TimeoutDelivered, f.Timeout)
	}
	switch f.ConnectionError {
	case "", ConnectionNotAuthorized, ConnectionAuthorized:
	default:
		return fmt.Errorf("connection_error must be %q or %q (got %q)", ConnectionNotAuthorized, ConnectionAuthorized, f.ConnectionError)
	}
	if f.ErrorRate < 0 || f.ErrorRate > 1 || f.DropRate < 0 || f.DropRate > 1 {
		return fmt.Errorf("error_rate and drop_rate must be between 0 and 1")
	}
	if f.WebhookLossRate < 0 || f.WebhookLossRate > 1 || f.WebhookDuplicateRate < 0 || f.WebhookDuplicateRate > 1 {
		return fmt.Errorf("webhook_loss_rate and webhook_duplicate_rate must be between 0 and 1")
	}
	if f.Latency < 0 || f.Jitter < 0 || f.WebhookDelay < 0 {
		return fmt.Errorf("latency, jitter and webhook_delay must not be negative")
	}
	return nil
}

// adminStateIntents is how many of the newest PaymentIntents GET /_emulator/state
// summarizes (it answers under the state lock, so it must not grow with the state).
const adminStateIntents = 100

// adminState is the answer of GET /_emulator/state.
type adminState struct {
	Readers        []*reader              `json:"readers"`
	PaymentIntents []PaymentIntentSummary `json:"payment_intents"`
	Faults         map[string]faultWire   `json:"faults"`
	Events         int                    `json:"events"`
}

// adminRoutes serves the admin API, behind the admin token when one is set.
func (e *Emulator) adminRoutes(root *http.ServeMux) {
	mux := http.NewServeMux()
	root.Handle("/_emulator/", e.adminAuth(mux))
	mux.HandleFunc("GET /_emulator/state", e.adminGetState)
	mux.HandleFunc("GET /_emulator/faults", e.adminGetFaults)
	mux.HandleFunc("POST /_emulator/faults", func(w http.ResponseWriter, r *http.Request) { e.adminSetFault(w, r, "") })
	mux.HandleFunc("DELETE /_emulator/faults", func(w http.ResponseWriter, r *http.Request) {
		e.ClearFaults()
		e.adminGetFaults(w, r)
	})
	mux.HandleFunc("POST /_emulator/readers/{reader}/faults", func(w http.ResponseWriter, r *http.Request) {
		e.adminSetFault(w, r, r.PathValue("reader"))
	})
	mux.HandleFunc("DELETE /_emulator/readers/{reader}/faults", func(w http.ResponseWriter, r *http.Request) {
		if !e.hasReader(r.PathValue("reader")) {
			adminError(w, http.StatusNotFound, fmt.Errorf("no such reader: %s", r.PathValue("reader")))
			return
		}
		e.SetFault(r.PathValue("reader"), Fault{})
		e.adminGetFaults(w, r)
	})
	mux.HandleFunc("PUT /_emulator/faults/{name}", func(w http.ResponseWriter, r *http.Request) { e.adminNamedFault(w, r, "", true) })
	mux.HandleFunc("DELETE /_emulator/faults/{name}", func(w http.ResponseWriter, r *http.Request) { e.adminNamedFault(w, r, "", false) })
	mux.HandleFunc("PUT /_emulator/readers/{reader}/faults/{name}", func(w http.ResponseWriter, r *http.Request) {
		e.adminNamedFault(w, r, r.PathValue("reader"), true)
	})
	mux.HandleFunc("DELETE /_emulator/readers/{reader}/faults/{name}", func(w http.ResponseWriter, r *http.Request) {
		e.adminNamedFault(w, r, r.PathValue("reader"), false)
	})
	mux.HandleFunc("POST /_emulator/readers/{reader}/present", e.adminPresent)
	mux.HandleFunc("GET /_emulator/fault_names", func(w http.ResponseWriter, r *http.Request) {
		adminJSON(w, http.StatusOK, FaultCatalog())
	})
	mux.HandleFunc("/_emulator/", func(w http.ResponseWriter, r *http.Request) {
		adminError(w, http.StatusNotFound, fmt.Errorf("no such admin endpoint: %s %s", r.Method, r.URL.Path))
	})
}

// adminAuth refuses admin requests without the admin token, when one is set.
func (e *Emulator) adminAuth(h http.Handler) http.Handler {
	if e.opts.AdminToken == "" {
		return h
	}
	want := []byte("Bearer " + e.opts.AdminToken)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if subtle.ConstantTimeCompare([]byte(r.Header.Get("Authorization")), want) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="till emulator admin"`)
			adminError(w, http.StatusUnauthorized, errors.New("this emulator's admin API needs its admin token: send Authorization: Bearer <token>"))
			return
		}
		h.ServeHTTP(w, r)
	})
}

// adminNamedFault switches one named fault on (PUT) or off (DELETE), keeping the others.
func (e *Emulator) adminNamedFault(w http.ResponseWriter, r *http.Request, readerID string, on bool) {
	if readerID != "" && !e.hasReader(readerID) {
		adminError(w, http.StatusNotFound, fmt.Errorf("no such reader: %s", readerID))
		return
	}
	if err := e.SetNamedFault(readerID, r.PathValue("name"), on); err != nil {
		adminError(w, http.StatusBadRequest, err)
		return
	}
	e.adminGetFaults(w, r)
}

func (e *Emulator) hasReader(id string) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.st.Readers.has(id)
}

func adminJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func adminError(w http.ResponseWriter, status int, err error) {
	adminJSON(w, status, errorEnvelope{Error: apiErrorFields{Type: "invalid_request_error", Message: err.Error()}})
}

func (e *Emulator) adminGetState(w http.ResponseWriter, r *http.Request) {
	var st adminState
	var faults map[string]Fault
	e.local(false, func(x *txn) {
		for _, rec := range x.st.readersByCreation() {
			st.Readers = append(st.Readers, x.renderReader(rec))
		}
		st.PaymentIntents = x.st.intentSummaries(adminStateIntents)
		st.Events = x.st.Events.size()
		faults = e.faultsLocked()
	})
	st.Faults = wireFaults(faults)
	adminJSON(w, http.StatusOK, st)
}

func wireFaults(fs map[string]Fault) map[string]faultWire {
	out := make(map[string]faultWire, len(fs))
	for id, f := range fs {
		out[id] = wireFault(f)
	}
	return out
}

func (e *Emulator) adminGetFaults(w http.ResponseWriter, r *http.Request) {
	adminJSON(w, http.StatusOK, wireFaults(e.Faults()))
}

func (e *Emulator) adminSetFault(w http.ResponseWriter, r *http.Request, readerID string) {
	if readerID != "" && !e.hasReader(readerID) {
		adminError(w, http.StatusNotFound, fmt.Errorf("no such reader: %s", readerID))
		return
	}
	var fw faultWire
	dec := json.NewDecoder(io.LimitReader(r.Body, maxBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&fw); err != nil {
		adminError(w, http.StatusBadRequest, fmt.Errorf("the body must be a JSON fault object: %v", err))
		return
	}
	f, err := fw.fault()
	if err == nil && readerID != "" && (f.WebhookDelay != 0 || f.WebhookLossRate != 0 || f.WebhookDuplicateRate != 0) {
		err = fmt.Errorf("webhook faults are global: POST them to /_emulator/faults")
	}
	if err != nil {
		adminError(w, http.StatusBadRequest, err)
		return
	}
	e.SetFault(readerID, f)
	e.adminGetFaults(w, r)
}

func (e *Emulator) adminPresent(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Number string `json:"number"`
	}
	if r.ContentLength != 0 {
		if err := json.NewDecoder(io.LimitReader(r.Body, maxBody)).Decode(&body); err != nil {
			adminError(w, http.StatusBadRequest, fmt.Errorf("the body must be {\"number\": \"...\"}: %v", err))
			return
		}
	}
	if err := e.PresentCard(r.PathValue("reader"), body.Number); err != nil {
		status := http.StatusBadRequest
		if ee, ok := err.(*Error); ok {
			status = ee.Status
		}
		adminError(w, status, err)
		return
	}
	e.adminGetState(w, r)
}
