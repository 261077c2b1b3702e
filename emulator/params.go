package emulator

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// params are a request's form parameters with their bracketed keys kept flat
// ("metadata[order_id]", "payment_method_types[0]"); helpers read the nesting.
type params url.Values

func (p params) has(key string) bool { _, ok := p[key]; return ok }

// str returns a parameter's value and whether it was sent.
func (p params) str(key string) (string, bool) {
	v, ok := p[key]
	if !ok || len(v) == 0 {
		return "", false
	}
	return v[len(v)-1], true
}

// integer reads an integer parameter; sent but not an integer is Stripe's
// parameter_invalid_integer.
func (p params) integer(key string) (int64, bool, *apiError) {
	s, ok := p.str(key)
	if !ok {
		return 0, false, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, false, errInvalidInteger(key, s)
	}
	return n, true, nil
}

func (p params) boolean(key string) (bool, bool, *apiError) {
	s, ok := p.str(key)
	if !ok {
		return false, false, nil
	}
	switch s {
	case "true":
		return true, true, nil
	case "false":
		return false, true, nil
	}
	return false, false, errInvalidBoolean(key, s)
}

// optBool is boolean as a pointer: nil when absent.
func (p params) optBool(key string) (*bool, *apiError) {
	b, ok, err := p.boolean(key)
	if err != nil || !ok {
		return nil, err
	}
	return &b, nil
}

func (p params) optInt(key string) (*int64, *apiError) {
	n, ok, err := p.integer(key)
	if err != nil || !ok {
		return nil, err
	}
	return &n, nil
}

// list reads an array sent as name[]=a&name[]=b or name[0]=a&name[1]=b.
func (p params) list(name string) ([]string, bool) {
	if v, ok := p[name+"[]"]; ok {
		return v, true
	}
	type item struct {
		i int
		v string
	}
	var items []item
	for k, v := range p {
		rest, ok := strings.CutPrefix(k, name+"[")
		if !ok || !strings.HasSuffix(rest, "]") || strings.Contains(rest, "[") {
			continue
		}
		i, err := strconv.Atoi(strings.TrimSuffix(rest, "]"))
		if err != nil || len(v) == 0 {
			continue
		}
		items = append(items, item{i, v[len(v)-1]})
	}
	if len(items) == 0 {
		return nil, false
	}
	sort.Slice(items, func(a, b int) bool { return items[a].i < items[b].i })
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.v
	}
	return out, true
}

// indexes returns the distinct indexes used under name[i][...], in order.
func (p params) indexes(name string) []int {
	seen := map[int]bool{}
	for k := range p {
		rest, ok := strings.CutPrefix(k, name+"[")
		if !ok {
			continue
		}
		end := strings.IndexByte(rest, ']')
		if end < 0 {
			continue
		}
		if i, err := strconv.Atoi(rest[:end]); err == nil {
			seen[i] = true
		}
	}
	out := make([]int, 0, len(seen))
	for i := range seen {
		out = append(out, i)
	}
	sort.Ints(out)
	return out
}

// hash reads a one-level hash such as metadata[key]=value. sent reports whether the
// hash appeared at all (a bare "metadata=" clears it on update).
func (p params) hash(name string) (m map[string]string, sent bool) {
	m = map[string]string{}
	if _, ok := p[name]; ok {
		sent = true
	}
	for k, v := range p {
		rest, ok := strings.CutPrefix(k, name+"[")
		if !ok || !strings.HasSuffix(rest, "]") || len(v) == 0 {
			continue
		}
		m[strings.TrimSuffix(rest, "]")] = v[len(v)-1]
		sent = true
	}
	return m, sent
}

func (p params) expand() []string {
	v, _ := p.list("expand")
	return v
}

// topName is the top-level parameter a bracketed key belongs to.
func topName(key string) string {
	if i := strings.IndexByte(key, '['); i >= 0 {
		return key[:i]
	}
	return key
}

// onlyFields refuses sub-parameters of name other than fields. name may itself be
// bracketed ("inputs[0][custom_text]"): every key under name+"[" is checked.
func onlyFields(p params, name string, fields ...string) *apiError {
	for k := range p {
		if len(k) > len(name) && k[len(name)] == '[' && strings.HasPrefix(k, name) && !slices.Contains(fields, subField(k, name)) {
			return errUnknownParam(k)
		}
	}
	return nil
}

// checkKnown refuses parameters an endpoint does not take, as Stripe does.
func (p params) checkKnown(allowed []string) *apiError {
	var unknown []string
	for k := range p {
		name := topName(k)
		if name == "expand" {
			continue
		}
		known := false
		for _, a := range allowed {
			if a == name {
				known = true
				break
			}
		}
		if !known {
			unknown = append(unknown, name)
		}
	}
	if len(unknown) == 0 {
		return nil
	}
	sort.Strings(unknown)
	return errUnknownParam(unknown[0])
}

// fingerprint is a canonical hash of the parameters, for idempotency comparisons: the
// SHA-256 of url.Values.Encode's text (as the state file keeps it), hashed as it is
// written instead of built first.
func (p params) fingerprint() string {
	var keyArr [32]string
	keys := keyArr[:0]
	for k := range p {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var textArr [512]byte
	text := textArr[:0]
	for _, k := range keys {
		ek := url.QueryEscape(k)
		for _, v := range p[k] {
			if len(text) > 0 {
				text = append(text, '&')
			}
			text = append(append(append(text, ek...), '='), url.QueryEscape(v)...)
		}
	}
	sum := sha256.Sum256(text)
	return hex.EncodeToString(sum[:])
}
