package emulator

import "encoding/json"

// ref is an expandable field: it is stored as an id (or null) and rendered either as
// that id or, when the request asked for expansion, as the full object.
type ref struct {
	ID  string
	obj any // set only on a rendered copy, never stored
}

func idRef(id string) ref { return ref{ID: id} }

func (r ref) MarshalJSON() ([]byte, error) {
	if r.obj != nil {
		return json.Marshal(r.obj)
	}
	if r.ID == "" {
		return []byte("null"), nil
	}
	// Every object has several: json.Marshal's round trip adds up, and so would the
	// buffer's growth from nil.
	return appendJSONString(make([]byte, 0, len(r.ID)+2), r.ID), nil
}

func (r *ref) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*r = ref{}
		return nil
	}
	return json.Unmarshal(b, &r.ID)
}
