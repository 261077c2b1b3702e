package emulator

import (
	"encoding/json"
	"slices"
	"strconv"
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
// error is json.Marshal's, for a value it cannot encode. Like json.Marshal, a nil
// pointer's appendJSON writes null.
type jsonAppender interface {
	appendJSON(b []byte) ([]byte, error)
}

// appendAny appends v as json.Marshal encodes it: through its own appendJSON when it
// has one, else through json.Marshal.
func appendAny(b []byte, v any) ([]byte, error) {
	switch v := v.(type) {
	case nil:
		return append(b, "null"...), nil
	case *ref: // its appendJSON has a value receiver
		if v == nil {
			return append(b, "null"...), nil
		}
		return v.appendJSON(b)
	case jsonAppender: // the others write null for a nil pointer
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

// bodyEncoder encodes objects (responses, the state file's records) into one reused
// buffer: a body is copied at once (into the response's string, or the commit's
// lines), so it need not outlive the next encode.
type bodyEncoder struct{ buf []byte }

// encode is the object's JSON (appendAny's), valid until the next call.
func (be *bodyEncoder) encode(obj any) ([]byte, error) {
	b, err := appendAny(be.buf[:0], obj)
	be.buf = b
	return b, err
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

// appendKeyAfter appends an object's key, after a comma unless it is the first: the
// object's fields so far, all optional, began at start.
func appendKeyAfter(b []byte, start int, key string) []byte {
	if len(b) > start {
		b = append(b, ',')
	}
	return append(b, key...)
}

// appendOptJSONString appends *s as a JSON string, or null.
func appendOptJSONString(b []byte, s *string) []byte {
	if s == nil {
		return append(b, "null"...)
	}
	return appendJSONString(b, *s)
}

// appendOptInt appends *n, or null.
func appendOptInt(b []byte, n *int64) []byte {
	if n == nil {
		return append(b, "null"...)
	}
	return strconv.AppendInt(b, *n, 10)
}

// appendOptBool appends *v, or null.
func appendOptBool(b []byte, v *bool) []byte {
	if v == nil {
		return append(b, "null"...)
	}
	return strconv.AppendBool(b, *v)
}

// appendJSONStrings appends a list of strings, or null for a nil one.
func appendJSONStrings(b []byte, list []string) []byte {
	if list == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, s := range list {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, s)
	}
	return append(b, ']')
}

// appendJSONStringMap appends a map of strings (metadata), its keys sorted as
// json.Marshal sorts them, or null for a nil one.
func appendJSONStringMap(b []byte, m map[string]string) []byte {
	if m == nil {
		return append(b, "null"...)
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	b = append(b, '{')
	for i, k := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, k)
		b = append(b, ':')
		b = appendJSONString(b, m[k])
	}
	return append(b, '}')
}
