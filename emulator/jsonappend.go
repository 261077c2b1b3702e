package emulator

import (
	"encoding/json"
	"slices"
	"time"
)

// The emulator's objects encode themselves: json_gen.go, generated from the struct
// definitions and their json tags by TestJSONAppendersUpToDate (jsongen_test.go), gives
// each an appendJSON that writes what json.Marshal writes, byte for byte, without its
// reflection. The helpers here are what the generated code calls for the values it does
// not spell out. Code outside json_gen.go reaches the appenders only through
// jsonAppender, so the package still builds without json_gen.go (delete it and run the
// generator when a changed struct breaks the build).

// jsonAppender is an object that encodes itself as json.Marshal would, only faster. The
// error is json.Marshal's, for a value it cannot encode.
type jsonAppender interface {
	appendJSON(b []byte) ([]byte, error)
}

// appendAny appends v as json.Marshal encodes it: through its own appendJSON when it
// has one, else through json.Marshal.
func appendAny(b []byte, v any) ([]byte, error) {
	switch v := v.(type) {
	case nil:
		return append(b, "null"...), nil
	case jsonAppender:
		return v.appendJSON(b)
	case string:
		return appendJSONString(b, v), nil
	}
	raw, err := json.Marshal(v)
	if err != nil {
		return b, err
	}
	return append(b, raw...), nil
}

// appendJSONTime appends t as json.Marshal encodes a time.Time: its MarshalJSON, whose
// RFC 3339 text has nothing to escape or compact.
func appendJSONTime(b []byte, t time.Time) ([]byte, error) {
	if y := t.Year(); y < 0 || y > 9999 {
		return appendAny(b, t) // json.Marshal's error
	}
	if _, off := t.Zone(); off <= -24*3600 || off >= 24*3600 {
		return appendAny(b, t)
	}
	b = append(b, '"')
	b = t.AppendFormat(b, time.RFC3339Nano)
	return append(b, '"'), nil
}

// sortedKeys is a map's keys in the order json.Marshal writes them.
func sortedKeys[K ~string, V any](m map[K]V) []K {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
