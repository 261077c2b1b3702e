package emulator

import (
	"strconv"
)

type eventData struct {
	Object rawJSON `json:"object"`
	// PreviousAttributes is, on an *.updated event, what the change replaced
	// (previousAttributes); other events have none.
	PreviousAttributes rawJSON `json:"previous_attributes,omitempty"`
}

// rawJSON is encoded JSON kept as a string, so that a response and the snapshot of the
// same object in an event can share one (txn.run).
type rawJSON string

func (r rawJSON) MarshalJSON() ([]byte, error) {
	if r == "" {
		return []byte("null"), nil
	}
	return []byte(r), nil
}

func (r *rawJSON) UnmarshalJSON(b []byte) error {
	*r = rawJSON(b)
	return nil
}

type eventRequest struct {
	ID             *string `json:"id"`
	IdempotencyKey *string `json:"idempotency_key"`
}

type event struct {
	ID              string       `json:"id"`
	Object          string       `json:"object"`
	Account         *string      `json:"account,omitempty"` // the connected account the event happened on
	APIVersion      string       `json:"api_version"`
	Created         int64        `json:"created"`
	Data            eventData    `json:"data"`
	Livemode        bool         `json:"livemode"`
	PendingWebhooks int64        `json:"pending_webhooks"`
	Request         eventRequest `json:"request"`
	Type            string       `json:"type"`
}

// emit records an event of the request's account with a snapshot of the object as it is
// now. Events are rendered at the account's default API version; each webhook endpoint
// gets them at its own (webhookTargets). It returns the event made, nil if the object
// could not be encoded.
func (x *txn) emit(typ string, obj any) *event {
	enc, err := x.st.bodies.encode(obj)
	if err != nil {
		return nil
	}
	return x.emitJSON(typ, rawJSON(enc)) // kept: the encoder's buffer is reused
}

// emitJSON is emit of an object already encoded (raw): events of one object share it.
func (x *txn) emitJSON(typ string, raw rawJSON) *event {
	id, seq := x.st.newID("evt") // an event carries its account itself
	// One allocation holds the event and the strings its optional fields point to.
	blk := &struct {
		ev                      event
		account, reqID, idemKey string
	}{account: x.account, reqID: x.reqID, idemKey: x.idemKey}
	ev := &blk.ev
	*ev = event{
		ID: id, Object: "event", APIVersion: x.e.defaultVersion, Created: x.now.Unix(),
		Data: eventData{Object: raw}, Type: typ,
	}
	if x.account != "" {
		ev.Account = &blk.account
	}
	targets := x.webhookTargets(ev)
	ev.PendingWebhooks = int64(len(targets))
	if x.reqID != "" {
		ev.Request.ID = &blk.reqID
	}
	if x.idemKey != "" {
		ev.Request.IdempotencyKey = &blk.idemKey
	}
	// The newest Retention.Events are kept; older ones are forgotten at the commit.
	x.st.Events.put(id, seq, ev)
	x.emitted = append(x.emitted, ev)
	x.emittedTargets = append(x.emittedTargets, targets)
	return ev
}

// appendJSON appends the event as json.Marshal encodes it, byte for byte, without
// json.Marshal's second pass over data.object: the snapshot was encoded (and so checked
// and compacted) when the event was made, and an event is encoded whole for the state
// file and for each webhook endpoint, where that pass was most of the cost. It cannot
// fail; the error is jsonAppender's.
func (ev *event) appendJSON(b []byte) ([]byte, error) {
	if ev == nil {
		return append(b, "null"...), nil
	}
	b = append(b, `{"id":`...)
	b = appendJSONString(b, ev.ID)
	b = append(b, `,"object":`...)
	b = appendJSONString(b, ev.Object)
	if ev.Account != nil {
		b = append(b, `,"account":`...)
		b = appendJSONString(b, *ev.Account)
	}
	b = append(b, `,"api_version":`...)
	b = appendJSONString(b, ev.APIVersion)
	b = append(b, `,"created":`...)
	b = strconv.AppendInt(b, ev.Created, 10)
	b = append(b, `,"data":{"object":`...)
	if len(ev.Data.Object) == 0 {
		b = append(b, "null"...)
	}
	b = append(b, ev.Data.Object...)
	if len(ev.Data.PreviousAttributes) != 0 {
		b = append(b, `,"previous_attributes":`...)
		b = append(b, ev.Data.PreviousAttributes...)
	}
	b = append(b, `},"livemode":`...)
	b = strconv.AppendBool(b, ev.Livemode)
	b = append(b, `,"pending_webhooks":`...)
	b = strconv.AppendInt(b, ev.PendingWebhooks, 10)
	b = append(b, `,"request":{"id":`...)
	b = appendOptJSONString(b, ev.Request.ID)
	b = append(b, `,"idempotency_key":`...)
	b = appendOptJSONString(b, ev.Request.IdempotencyKey)
	b = append(b, `},"type":`...)
	b = appendJSONString(b, ev.Type)
	return append(b, '}'), nil
}

func strPtr(s string) *string { return &s }
func i64Ptr(n int64) *int64   { return &n }
func boolPtr(b bool) *bool    { return &b }
