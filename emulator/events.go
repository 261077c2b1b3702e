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
// now (as kept, not as the request reads it: no expansion, no API version applied). An
// event is rendered at the account's default API version, whatever the request's, and
// GET /v1/events answers it so; each webhook endpoint gets it at its own (renderTargets).
// It returns the event made, nil if the object could not be encoded. It is emitUpdated
// with nothing before: no previous_attributes.
func (x *txn) emit(typ string, obj any) *event {
	return x.emitUpdated(obj, snapshot{}, typ)
}

// eventObject is obj's JSON at the account's default version, and obj as versioned if
// its JSON differs by version (nil if not); ok is false if it could not be encoded.
func (x *txn) eventObject(obj any) (raw rawJSON, v versioned, ok bool) {
	v, _ = obj.(versioned)
	if v != nil {
		obj = v.atVersion(x.e.defaultVersion)
	}
	enc, err := x.st.bodies.encode(obj)
	if err != nil {
		return "", nil, false
	}
	return rawJSON(enc), v, true // a copy: the encoder's buffer is reused
}

// renderTargets gives the endpoints of the i-th emitted event whose API version reads
// obj otherwise than the event's their own data.object (and, from before, the object's
// JSON before the change by epoch, their previous_attributes). Only a versioned object
// at an endpoint of another rendering epoch is encoded again.
func (x *txn) renderTargets(i int, obj versioned, before snapshot) {
	targets := x.emittedTargets[i]
	if len(targets) == 0 {
		return
	}
	own := renderEpoch(x.e.defaultVersion)
	var byEpoch [len(renderCuts) + 1]*eventData // shared by the endpoints of one epoch
	for j := range targets {
		epoch := renderEpoch(targets[j].version)
		if epoch == own {
			continue
		}
		if byEpoch[epoch] == nil {
			enc, err := x.st.bodies.encode(obj.atVersion(epochVersion(epoch)))
			if err != nil {
				continue // the event's own data, then
			}
			data := &eventData{Object: rawJSON(enc)}
			if prev := before.at(epoch); prev != nil {
				data.PreviousAttributes = rawJSON(previousAttributes(prev, enc))
			}
			byEpoch[epoch] = data
		}
		targets[j].data = byEpoch[epoch]
	}
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
