package emulator

import (
	"bytes"
	"encoding/json"
	"errors"
	"hash/crc32"
	"strconv"
	"sync"
	"unicode/utf8"
)

// The state file is JSON lines (jq reads it): a header line, then records appended one
// transaction at a time, each transaction closed by a commit line. A record line is
//
//	{"k":"payment_intent","id":"pi_…","seq":12,"c":1773500966,"f":1,"t":["status:…"],"x":<crc32c of v>,"v":{…the object…}}
//
// with c (created), f (finished) and t (index terms) present when set, so a restart
// indexes objects from these headers alone and decodes v only when an object is first
// needed. A removal is {"k":…,"id":…,"del":1}; a commit is
// {"commit":1,"seq":<id counter>,"boots":<restarts>}. An event's pending_webhooks, which
// changes as its webhooks arrive, is kept beside its body: {"k":"event","id":…,"pw":<n>}
// overrides the body's, so a delivery appends a line of a few bytes, not the event.

// fileHeader is the first line of a state file in this format.
var fileHeader = []byte(`{"till_emulator_state":2}` + "\n")

var (
	bodyKey    = []byte(`,"v":`)
	commitLine = []byte(`{"commit":1,`)
	castagnoli = crc32.MakeTable(crc32.Castagnoli)
)

// recordHeader is a line of the state file without its object.
type recordHeader struct {
	Kind     string
	ID       string
	Seq      int64
	Created  int64
	Finished bool
	RawTerms []byte // the terms' JSON array, parsed when the term index is first needed
	CRC      uint32
	Deleted  bool
	Commit   bool
	Boots    int64
	// Pending is an event's pending_webhooks, on a line of its own (PendingSet).
	Pending    int64
	PendingSet bool
}

// recordWriter collects the lines of one transaction. Without persistence it only
// counts what the commit did.
type recordWriter struct {
	persist bool
	buf     []byte
}

func (w *recordWriter) record(kind, id string, seq, created int64, finished bool, terms []string, body []byte) {
	b := w.head(kind, id)
	b = append(b, `,"seq":`...)
	b = strconv.AppendInt(b, seq, 10)
	if created != 0 {
		b = append(b, `,"c":`...)
		b = strconv.AppendInt(b, created, 10)
	}
	if finished {
		b = append(b, `,"f":1`...)
	}
	if len(terms) > 0 {
		b = append(b, `,"t":[`...)
		for i, t := range terms {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, t)
		}
		b = append(b, ']')
	}
	b = append(b, `,"x":`...)
	b = strconv.AppendUint(b, uint64(crc32.Checksum(body, castagnoli)), 10)
	b = append(b, bodyKey...)
	b = append(b, body...)
	w.buf = append(b, "}\n"...)
}

func (w *recordWriter) tombstone(kind, id string) {
	if !w.persist {
		return
	}
	w.buf = append(w.head(kind, id), `,"del":1}`+"\n"...)
}

// side appends the line that sets the side counter (kind.side) of object id to n: for
// an event, its pending_webhooks.
func (w *recordWriter) side(kind, id string, n int64) {
	if !w.persist {
		return
	}
	b := append(w.head(kind, id), `,"pw":`...)
	b = strconv.AppendInt(b, n, 10)
	w.buf = append(b, "}\n"...)
}

func (w *recordWriter) head(kind, id string) []byte {
	b := append(w.buf, `{"k":`...)
	b = appendJSONString(b, kind)
	b = append(b, `,"id":`...)
	return appendJSONString(b, id)
}

func appendCommit(b []byte, seq, boots int64) []byte {
	b = append(b, commitLine...)
	b = append(b, `"seq":`...)
	b = strconv.AppendInt(b, seq, 10)
	b = append(b, `,"boots":`...)
	b = strconv.AppendInt(b, boots, 10)
	return append(b, "}\n"...)
}

// appendJSONString appends s as a JSON string, byte for byte as json.Marshal writes it:
// HTML's <, > and & escaped, and U+2028 and U+2029, invalid UTF-8 replaced by U+FFFD.
// Stored responses (idempotency keys) are strings full of quotes, so escaping is common.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0 // s[start:i] is still to copy
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xf])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

var errBadRecord = errors.New("not a state record")

// parseRecord splits a line (without its newline) into its header and object body,
// checking the body against its checksum. The header is read by hand (a restart reads
// one per object); v, the object, comes last.
func parseRecord(line []byte) (recordHeader, []byte, error) {
	var h recordHeader
	if len(line) < 2 || line[0] != '{' || line[len(line)-1] != '}' {
		return h, nil, errBadRecord
	}
	p := headParser{b: line[:len(line)-1], i: 1}
	var body []byte
	for !p.end() && body == nil {
		key, err := p.key()
		if err != nil {
			return h, nil, err
		}
		if !p.eat(':') {
			return h, nil, errBadRecord
		}
		switch string(key) {
		case "v":
			body, p.i = p.b[p.i:], len(p.b)
			if len(body) == 0 {
				return h, nil, errBadRecord
			}
			continue
		case "k":
			h.Kind, err = p.kind()
		case "id":
			h.ID, err = p.str()
		case "seq":
			h.Seq, err = p.int()
		case "c":
			h.Created, err = p.int()
		case "f":
			var n int64
			n, err = p.int()
			h.Finished = n == 1
		case "t":
			h.RawTerms, err = p.rawStrs()
		case "x":
			var n int64
			n, err = p.int()
			h.CRC = uint32(n)
		case "del":
			_, err = p.int()
			h.Deleted = true
		case "commit":
			_, err = p.int()
			h.Commit = true
		case "boots":
			h.Boots, err = p.int()
		case "pw":
			h.Pending, err = p.int()
			h.PendingSet = true
		default:
			return h, nil, errBadRecord
		}
		if err != nil {
			return h, nil, err
		}
		if !p.end() && !p.eat(',') {
			return h, nil, errBadRecord
		}
	}
	switch {
	case h.Commit:
	case h.Kind == "" || h.ID == "":
		return h, nil, errBadRecord
	case h.PendingSet:
		if h.Kind != "event" || h.Deleted || body != nil {
			return h, nil, errBadRecord
		}
	case h.Deleted != (body == nil):
		return h, nil, errBadRecord
	case body != nil && crc32.Checksum(body, castagnoli) != h.CRC:
		return h, nil, errors.New("checksum mismatch")
	}
	return h, body, nil
}

// parseTerms reads a record's terms array.
func parseTerms(raw []byte) ([]string, error) {
	p := headParser{b: raw}
	return p.strs()
}

// headParser reads the flat JSON of a record header.
type headParser struct {
	b []byte
	i int
}

func (p *headParser) end() bool { return p.i >= len(p.b) }

func (p *headParser) eat(c byte) bool {
	if p.i < len(p.b) && p.b[p.i] == c {
		p.i++
		return true
	}
	return false
}

// key reads an object key without copying it.
func (p *headParser) key() ([]byte, error) {
	if !p.eat('"') {
		return nil, errBadRecord
	}
	start := p.i
	for p.i < len(p.b) && p.b[p.i] != '"' && p.b[p.i] != '\\' {
		p.i++
	}
	if !p.eat('"') {
		return nil, errBadRecord
	}
	return p.b[start : p.i-1], nil
}

// kinds interns kind names, read once per record.
var kinds sync.Map

func (p *headParser) kind() (string, error) {
	k, err := p.key()
	if err != nil {
		return "", err
	}
	if s, ok := kinds.Load(string(k)); ok {
		return s.(string), nil
	}
	s := string(k)
	kinds.Store(s, s)
	return s, nil
}

func (p *headParser) str() (string, error) {
	start := p.i
	escaped, err := p.skipStr()
	if err != nil {
		return "", err
	}
	if !escaped {
		return string(p.b[start+1 : p.i-1]), nil
	}
	var s string
	if err := json.Unmarshal(p.b[start:p.i], &s); err != nil {
		return "", errBadRecord
	}
	return s, nil
}

// rawStrs skips an array of strings and returns it whole, brackets included.
func (p *headParser) rawStrs() ([]byte, error) {
	start := p.i
	if !p.eat('[') {
		return nil, errBadRecord
	}
	for !p.eat(']') {
		if p.i > start+1 && !p.eat(',') {
			return nil, errBadRecord
		}
		if _, err := p.skipStr(); err != nil {
			return nil, err
		}
	}
	return p.b[start:p.i], nil
}

// skipStr moves past a string, reporting whether it has escapes.
func (p *headParser) skipStr() (escaped bool, err error) {
	if !p.eat('"') {
		return false, errBadRecord
	}
	for p.i < len(p.b) {
		switch p.b[p.i] {
		case '\\':
			escaped = true
			p.i += 2
			continue
		case '"':
			p.i++
			return escaped, nil
		}
		p.i++
	}
	return false, errBadRecord
}

// int reads an integer: any int64 the writer writes (strconv.AppendInt), 19 digits
// included; one out of range is a bad record.
func (p *headParser) int() (int64, error) {
	start := p.i
	neg := p.eat('-')
	digits := p.i
	for p.i < len(p.b) && p.b[p.i] >= '0' && p.b[p.i] <= '9' {
		p.i++
	}
	switch n := p.i - digits; {
	case n == 0:
		return 0, errBadRecord
	case n > 18: // may overflow: let strconv check
		v, err := strconv.ParseInt(string(p.b[start:p.i]), 10, 64)
		if err != nil {
			return 0, errBadRecord
		}
		return v, nil
	}
	var v int64
	for _, c := range p.b[digits:p.i] {
		v = v*10 + int64(c-'0')
	}
	if neg {
		v = -v
	}
	return v, nil
}

// strs reads an array of strings.
func (p *headParser) strs() ([]string, error) {
	if !p.eat('[') {
		return nil, errBadRecord
	}
	if out, ok := p.plainStrs(); ok {
		return out, nil
	}
	var out []string
	for !p.eat(']') {
		if len(out) > 0 && !p.eat(',') {
			return nil, errBadRecord
		}
		s, err := p.str()
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// plainStrs reads the rest of an array of strings that have no escapes (the usual
// case), the strings sharing one allocation; ok is false, nothing read, otherwise.
func (p *headParser) plainStrs() ([]string, bool) {
	var buf [8][2]int
	bounds := buf[:0]
	i := p.i
	for i < len(p.b) && p.b[i] != ']' {
		if len(bounds) > 0 {
			if p.b[i] != ',' {
				return nil, false
			}
			i++
		}
		if i >= len(p.b) || p.b[i] != '"' {
			return nil, false
		}
		q := bytes.IndexAny(p.b[i+1:], `"\`)
		if q < 0 || p.b[i+1+q] == '\\' {
			return nil, false
		}
		bounds = append(bounds, [2]int{i + 1 - p.i, i + 1 + q - p.i})
		i += q + 2
	}
	if i >= len(p.b) {
		return nil, false
	}
	all := string(p.b[p.i:i])
	out := make([]string, len(bounds))
	for k, b := range bounds {
		out[k] = all[b[0]:b[1]]
	}
	p.i = i + 1
	return out, true
}
