package emulator

import (
	"encoding/json"

	gojson "github.com/goccy/go-json"
)

// ref is an expandable field: it is stored as an id (or null) and rendered either as
// that id or, when the request asked for expansion, as the full object.
type ref struct {
	ID  string
	obj any // set only on a rendered copy, never stored
}

func idRef(id string) ref { return ref{ID: id} }

func (r ref) MarshalJSON() ([]byte, error) {
	if r.obj != nil {
		return gojson.Marshal(r.obj)
	}
	if r.ID == "" {
		return []byte("null"), nil
	}
	return appendJSONString(nil, r.ID), nil // every object has several: json.Marshal's round trip adds up
}

func (r *ref) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*r = ref{}
		return nil
	}
	return json.Unmarshal(b, &r.ID)
}
