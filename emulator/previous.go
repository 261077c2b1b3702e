package emulator

import (
	"bytes"
	"encoding/json"
)

// Stripe's *.updated events say what changed: data.previous_attributes holds, for each
// field the change replaced, its value before (null for a field it added), and for a
// hash such as metadata only the keys that changed. Only update events pay for it: the
// object is encoded once more before the change.

// snapshot is an object's JSON before a change (emitUpdated), to compare with after: at
// the account's default version and, for a versioned object, at each rendering epoch,
// for the webhook endpoints of another (own is then the default version's epoch).
type snapshot struct {
	own    []byte
	epochs [][]byte // nil for an object that reads the same at every version
}

// at is the object's JSON before, as clients of the epoch read it.
func (s snapshot) at(epoch int) []byte {
	if s.epochs == nil {
		return s.own
	}
	return s.epochs[epoch]
}

// snapshot is obj's JSON now, to be compared after a change (emitUpdated).
func (x *txn) snapshot(obj any) snapshot {
	encode := func(obj any) []byte {
		b, err := x.st.bodies.encode(obj)
		if err != nil {
			return nil
		}
		return bytes.Clone(b)
	}
	v, isVersioned := obj.(versioned)
	if !isVersioned {
		return snapshot{own: encode(obj)}
	}
	epochs := make([][]byte, len(renderCuts)+1)
	for i := range epochs {
		epochs[i] = encode(v.atVersion(epochVersion(i)))
	}
	return snapshot{own: epochs[renderEpoch(x.e.defaultVersion)], epochs: epochs}
}

// emitUpdated emits obj's *.updated events, one of each type (a refund has two), with
// the previous attributes that before (snapshot's, taken before the change) had: the
// object is encoded and compared with before once for all of them. It returns the last
// event made, nil if the object could not be encoded.
func (x *txn) emitUpdated(obj any, before snapshot, types ...string) (last *event) {
	raw, v, ok := x.eventObject(obj)
	if !ok {
		return nil
	}
	var prev rawJSON
	if before.own != nil {
		prev = rawJSON(previousAttributes(before.own, []byte(raw)))
	}
	for _, typ := range types {
		last = x.emitJSON(typ, raw)
		last.Data.PreviousAttributes = prev
		if v != nil {
			x.renderTargets(len(x.emitted)-1, v, before)
		}
	}
	return last
}

// emitChanged is emit of an *.updated event whose previous_attributes (prev) are known
// without a snapshot, and read the same at every version: the event's and each webhook
// endpoint's, whatever version it draws the object at.
func (x *txn) emitChanged(typ string, obj any, prev rawJSON) {
	ev := x.emit(typ, obj)
	if ev == nil {
		return
	}
	ev.Data.PreviousAttributes = prev
	for _, t := range x.emittedTargets[len(x.emittedTargets)-1] {
		if t.data != nil {
			t.data.PreviousAttributes = prev
		}
	}
}

// previousAttributes is the JSON object of what after changed in before: the old value
// of each changed key, null for an added one, nested objects diffed key by key; nil when
// nothing changed or either side is no object.
func previousAttributes(before, after []byte) []byte {
	var old, now map[string]json.RawMessage
	if json.Unmarshal(before, &old) != nil || json.Unmarshal(after, &now) != nil {
		return nil
	}
	prev := map[string]json.RawMessage{}
	for k, v := range now {
		o, had := old[k]
		switch {
		case !had:
			prev[k] = json.RawMessage("null")
		case bytes.Equal(o, v):
		case isObject(o) && isObject(v):
			if d := previousAttributes(o, v); d != nil {
				prev[k] = d
			}
		default:
			prev[k] = o
		}
	}
	for k, o := range old {
		if _, kept := now[k]; !kept {
			prev[k] = o
		}
	}
	if len(prev) == 0 {
		return nil
	}
	b, err := json.Marshal(prev) // keys sorted, as Stripe writes them
	if err != nil {
		return nil
	}
	return b
}

func isObject(b json.RawMessage) bool { return len(b) > 0 && b[0] == '{' }
