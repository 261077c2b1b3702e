package emulator

import "encoding/json"

// eventAPIVersion is the API version events are rendered at; stripe-go v76's webhook
// package refuses events of any other version.
const eventAPIVersion = "2023-10-16"

type eventData struct {
	Object json.RawMessage `json:"object"`
}

type eventRequest struct {
	ID             *string `json:"id"`
	IdempotencyKey *string `json:"idempotency_key"`
}

type event struct {
	ID              string       `json:"id"`
	Object          string       `json:"object"`
	APIVersion      string       `json:"api_version"`
	Created         int64        `json:"created"`
	Data            eventData    `json:"data"`
	Livemode        bool         `json:"livemode"`
	PendingWebhooks int64        `json:"pending_webhooks"`
	Request         eventRequest `json:"request"`
	Type            string       `json:"type"`
}

// emit records an event with a snapshot of the object as it is now.
func (x *txn) emit(typ string, obj any) {
	raw, err := json.Marshal(obj)
	if err != nil {
		return
	}
	id, seq := x.st.newID("evt")
	ev := &event{
		ID: id, Object: "event", APIVersion: eventAPIVersion, Created: x.now.Unix(),
		Data: eventData{Object: raw}, Type: typ, PendingWebhooks: int64(len(x.e.opts.Webhooks)),
	}
	if x.reqID != "" {
		ev.Request.ID = strPtr(x.reqID)
	}
	if x.idemKey != "" {
		ev.Request.IdempotencyKey = strPtr(x.idemKey)
	}
	// The newest Retention.Events are kept; older ones are forgotten at the commit.
	x.st.Events.put(id, seq, ev)
	x.emitted = append(x.emitted, ev)
}

func strPtr(s string) *string { return &s }
func i64Ptr(n int64) *int64   { return &n }
func boolPtr(b bool) *bool    { return &b }
