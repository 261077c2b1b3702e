package emulator

import (
	"bytes"
	"encoding/base64"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
)

// route is one API endpoint: its ServeMux pattern, the parameters it takes and its
// handler, which runs under e.mu and returns the object to render or an *apiError.
type route struct {
	pattern string
	allowed []string
	fn      func(x *txn) (any, error)
	// anyParams skips the unknown-parameter check (the unknown-URL route).
	anyParams bool
	// command marks a command sent to the reader, subject to timeout and busy faults.
	command bool
	// capture marks a capture, whose answer the lost_capture fault loses.
	capture bool
}

// response is what a request produced, before it is written.
type response struct {
	status   int
	body     string // also the idempotency record's, so one copy serves both
	replayed bool
	reqID    string // the original request's id on a replay
}

const maxBody = 1 << 20

// ServeHTTP answers one Stripe API request (or an /_emulator/ admin request).
func (e *Emulator) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	e.routes.ServeHTTP(w, r)
}

func (e *Emulator) nextRequestID() string {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.reqCounter++
	var buf [32]byte
	return string(appendPadded(appendPadded(append(buf[:0], "req_Emu"...), e.st.Boots%1000, 3), e.reqCounter, 7))
}

// handle runs the pipeline shared by every API route: request id, auth, parameters,
// idempotency, the handler, persistence, and the response.
func (e *Emulator) handle(w http.ResponseWriter, r *http.Request, rt route) {
	start := time.Now()
	reqID := e.nextRequestID()
	h := headerSetter{h: w.Header(), vals: make([]string, 0, 7)}
	h.set("Request-Id", reqID)
	h.set("Content-Type", "application/json")
	version, verr := e.requestVersion(r.Header.Get("Stripe-Version"))
	if verr == nil {
		h.set("Stripe-Version", version)
	}
	res, lost := e.process(w, r, rt, reqID, version, verr)
	if lost && res.status == 0 {
		e.logf("%s %s -> connection dropped (%s)", r.Method, r.URL.Path, reqID)
		return
	}
	// A replay has a Request-Id of its own, as Stripe's does; Original-Request names the
	// request that ran (the request itself, the first time).
	if key := r.Header.Get("Idempotency-Key"); key != "" && r.Method == http.MethodPost {
		h.set("Idempotency-Key", key)
		original := reqID
		if res.replayed {
			original = res.reqID
		}
		h.set("Original-Request", original)
	}
	if res.replayed {
		h.set("Idempotent-Replayed", "true")
	}
	h.set("Content-Length", strconv.Itoa(len(res.body))) // else a body over 2 KiB goes chunked
	w.WriteHeader(res.status)
	io.WriteString(w, res.body)
	if e.opts.Logf != nil { // the arguments alone cost a request a few allocations
		e.logf("%s %s -> %d (%s, %s)", r.Method, r.URL.Path, res.status, reqID, time.Since(start).Round(time.Microsecond))
	}
}

// headerSetter sets an answer's headers, their values sharing one allocation where
// Header.Set makes one per header.
type headerSetter struct {
	h    http.Header
	vals []string
}

// set is Header.Set for a key already in canonical form.
func (hs *headerSetter) set(key, value string) {
	hs.vals = append(hs.vals, value)
	n := len(hs.vals)
	hs.h[key] = hs.vals[n-1 : n : n]
}

func (e *Emulator) process(w http.ResponseWriter, r *http.Request, rt route, reqID, version string, verr *apiError) (response, bool) {
	if err := checkAuth(r); err != nil {
		return errorResponse(err, reqID), false
	}
	if verr != nil {
		return errorResponse(verr, reqID), false
	}
	account, aerr := readAccount(r)
	if aerr != nil {
		return errorResponse(aerr, reqID), false
	}
	readerID := r.PathValue("reader")
	e.mu.Lock()
	f := e.faultFor(readerID)
	limited := f.RateLimit && !e.rate.allow(e.now())
	e.mu.Unlock()
	if limited {
		w.Header().Set("Stripe-Rate-Limited-Reason", "global-rate")
		return errorResponse(&apiError{status: http.StatusTooManyRequests, fields: apiErrorFields{
			Type: "invalid_request_error", Code: "rate_limit", Message: msgRateLimit, DocURL: docURL("rate_limit")}}, reqID), false
	}
	p, perr := readParams(r)
	if perr != nil {
		return errorResponse(perr, reqID), false
	}
	key := ""
	if r.Method == http.MethodPost {
		key = r.Header.Get("Idempotency-Key")
	}
	scoped := idempotencyScope(account, key)
	if key != "" {
		if res, done := e.claimKey(scoped, key, r, p, reqID); done {
			return e.loseAnswer(w, r, rt, res)
		}
	}
	// The key is released before any response goes out, so a client retrying at once
	// sees the stored result rather than idempotency_key_in_use.
	release := func() {
		if key != "" {
			e.releaseKey(scoped)
		}
	}
	e.delay(r, f)
	if !f.AfterMutation {
		if res, lost := e.injectFailure(w, f, reqID, release); lost {
			return res, true
		}
	}

	e.mu.Lock()
	x := e.begin(reqID, key, version, p, r)
	x.settle()
	// A GET changes nothing: what its handler reads is not re-indexed nor saved.
	x.st.tracking = r.Method != http.MethodGet
	res, validation := x.run(rt)
	x.st.tracking = true
	// A request refused at validation changed nothing and stores nothing.
	if key != "" && !validation {
		x.st.Idempotency.putNext(scoped, &idempotencyRec{
			Path: r.URL.Path, Fingerprint: p.fingerprint(), Status: res.status, Body: res.body,
			RequestID: reqID, Created: x.now,
		})
	}
	hooks := e.finish(x)
	release()
	e.deliver(hooks)

	if f.AfterMutation {
		if failed, lost := e.injectFailure(w, f, reqID, func() {}); lost {
			return failed, true
		}
	}
	return e.loseAnswer(w, r, rt, res)
}

// claimKey answers a request whose Idempotency-Key was seen before (replay or error),
// or marks the key as in use until releaseKey. done reports an answer.
func (e *Emulator) claimKey(scoped, key string, r *http.Request, p params, reqID string) (response, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.inFlight[scoped] {
		return errorResponse(invalidRequest(http.StatusConflict, "idempotency_key_in_use", "",
			"There is currently another in-progress request using this Stripe token (probably the same idempotency key). "+
				"Please try again later."), reqID), true
	}
	if res, done := e.st.idempotencyCheck(scoped, key, r.URL.Path, p, reqID); done {
		return res, true
	}
	e.inFlight[scoped] = true
	return response{}, false
}

func (e *Emulator) releaseKey(key string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	delete(e.inFlight, key)
}

// run calls the handler and renders its result.
func (x *txn) run(rt route) (res response, validation bool) {
	if err := x.p.checkKnown(rt.allowed); err != nil && !rt.anyParams {
		return errorResponse(err, x.reqID), true
	}
	obj, err := x.call(rt)
	if err != nil {
		var ae *apiError
		if !errors.As(err, &ae) {
			ae = &apiError{status: http.StatusInternalServerError, fields: apiErrorFields{Type: "api_error", Message: err.Error()}}
		}
		if pi := ae.fields.PaymentIntent; pi != nil {
			ae.fields.PaymentIntent = pi.at(x.version) // the error's copy, rendered as the answer
		}
		return errorResponse(ae, x.reqID), ae.validation
	}
	b, jerr := x.st.bodies.encode(obj)
	if jerr != nil {
		return errorResponse(&apiError{status: http.StatusInternalServerError,
			fields: apiErrorFields{Type: "api_error", Message: "emulator could not encode the response"}}, x.reqID), false
	}
	return response{status: http.StatusOK, body: x.shareSnapshot(b), reqID: x.reqID}, false
}

// shareSnapshot is the response body b as a string: the snapshot of an event the
// request emitted when it is the same text (the object's state when the event was
// emitted is often what the request answers), else a copy.
func (x *txn) shareSnapshot(b []byte) string {
	for _, ev := range x.emitted {
		if string(ev.Data.Object) == string(b) {
			return string(ev.Data.Object)
		}
	}
	return string(b)
}

// call runs the handler, applying the reader's timeout fault to reader commands.
func (x *txn) call(rt route) (any, error) {
	if !rt.command {
		return rt.fn(x)
	}
	rec, ok := x.st.Readers.get(x.pathValue("reader"))
	if !ok {
		return rt.fn(x)
	}
	f := x.e.faultFor(rec.Obj.ID)
	if f.Busy {
		if err := x.commandable(rec); err != nil {
			return nil, err
		}
		return nil, errReaderBusy()
	}
	switch f.Timeout {
	case TimeoutLost:
		if err := x.commandable(rec); err != nil {
			return nil, err
		}
		return nil, errReaderTimeout()
	case TimeoutDelivered:
		if _, err := rt.fn(x); err != nil {
			return nil, err
		}
		return nil, errReaderTimeout()
	}
	return rt.fn(x)
}

func errorResponse(err *apiError, reqID string) response {
	b, _ := appendAny(nil, &errorEnvelope{Error: err.fields})
	return response{status: err.status, body: string(b), reqID: reqID}
}

// checkAuth accepts test-mode keys as a Bearer token or as the HTTP basic user.
func checkAuth(r *http.Request) *apiError {
	key := ""
	auth := r.Header.Get("Authorization")
	switch {
	case auth == "":
	case strings.HasPrefix(auth, "Bearer "):
		key = strings.TrimSpace(strings.TrimPrefix(auth, "Bearer "))
	case strings.HasPrefix(auth, "Basic "):
		raw, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(auth, "Basic "))
		if err == nil {
			key, _, _ = strings.Cut(string(raw), ":")
		}
	}
	if key == "" {
		return &apiError{status: http.StatusUnauthorized, fields: apiErrorFields{Type: "invalid_request_error", Message: msgNoKey}}
	}
	if !strings.HasPrefix(key, "sk_test_") && !strings.HasPrefix(key, "rk_test_") {
		return &apiError{status: http.StatusUnauthorized, fields: apiErrorFields{Type: "invalid_request_error",
			Message: "Invalid API Key provided. This emulator accepts test-mode keys only (sk_test_... or rk_test_...)."}}
	}
	return nil
}

// bodyBufs are the buffers request bodies are read into, each copied out at once: a
// new one per request would grow from 512 bytes every time.
var bodyBufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// readParams reads the form body of a POST or the query string of a GET or DELETE.
func readParams(r *http.Request) (params, *apiError) {
	raw := r.URL.RawQuery
	if r.Method == http.MethodPost {
		buf := bodyBufs.Get().(*bytes.Buffer)
		defer bodyBufs.Put(buf)
		buf.Reset()
		_, err := buf.ReadFrom(io.LimitReader(r.Body, maxBody+1))
		if err != nil {
			return nil, validationError("", "", "Could not read the request body: %v", err)
		}
		if buf.Len() > maxBody {
			return nil, validationError("", "", "The request body is too large.")
		}
		if buf.Len() > 0 {
			if ct := r.Header.Get("Content-Type"); ct != "" && !strings.HasPrefix(ct, "application/x-www-form-urlencoded") {
				return nil, validationError("", "", "Invalid request: the body must be application/x-www-form-urlencoded (got %s).", ct)
			}
			raw = buf.String()
		}
	}
	v, err := url.ParseQuery(raw)
	if err != nil {
		return nil, validationError("", "", "Invalid request: the parameters could not be parsed (%v).", err)
	}
	return params(v), nil
}
