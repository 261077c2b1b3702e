package emulator

import "encoding/json"

// ref is an expandable field: it is stored as an id (or null) and rendered either as
// that id or, when the request asked for expansion, as the full object.
type ref struct {
	ID  string
	obj any // set only on a rendered copy, never stored
}

func idRef(id string) ref { return ref{ID: id} }

// appendJSON appends the id (or null), or the expanded object.
func (r ref) appendJSON(b []byte) ([]byte, error) {
	if r.obj != nil {
		return appendAny(b, r.obj)
	}
	if r.ID == "" {
		return append(b, "null"...), nil
	}
	return appendJSONString(b, r.ID), nil
}

func (r ref) MarshalJSON() ([]byte, error) {
	// Every object has several: json.Marshal's round trip adds up, and so would the
	// buffer's growth from nil.
	return r.appendJSON(make([]byte, 0, len(r.ID)+2))
}

func (r *ref) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*r = ref{}
		return nil
	}
	return json.Unmarshal(b, &r.ID)
}
