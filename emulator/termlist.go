package emulator

import (
	"bytes"
	"encoding/binary"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// termList builds an object's index terms (sorted) in one reused buffer. Every commit
// re-indexes the objects it touched, and most keep their terms: comparing the text
// with the terms they have makes no strings, and new terms cost one string for all.
type termList struct {
	buf   []byte
	ends  []int // where each term ends in buf
	order []int // the terms by their text
}

func (l *termList) reset() {
	l.buf, l.ends, l.order = l.buf[:0], l.ends[:0], l.order[:0]
}

func (l *termList) end() { l.ends = append(l.ends, len(l.buf)) }

// field adds the term of a search field's value, as fieldTerm writes it.
func (l *termList) field(name, value string) {
	l.buf = append(append(append(l.buf, name...), ':'), value...)
	l.end()
}

// optField adds the term of an optional field when it is set.
func (l *termList) optField(name string, v *string) {
	if v != nil {
		l.field(name, *v)
	}
}

// metadata adds a term per metadata entry, as metadataTerm writes them, and for a
// value with capitals its folded term (foldedTerm), written in place.
func (l *termList) metadata(md map[string]string) {
	for k, v := range md {
		start := len(l.buf)
		l.buf = append(append(append(append(l.buf, "metadata["...), k...), "]="...), v...)
		l.end()
		if hasUpper(v) {
			l.buf = append(l.buf, '~')
			l.buf = appendLower(l.buf, l.buf[start:l.ends[len(l.ends)-1]])
			l.end()
		}
	}
}

// foldedTerm is the term under which a metadata value with capitals is found in any
// case: "~" and the term in lower case. A value without capitals is found by its own.
func foldedTerm(term string) string { return "~" + strings.ToLower(term) }

// withFoldedTerms is terms read from a state file with the folded term of each metadata
// value with capitals, which an emulator from before folded terms did not write: the
// object is then found in any case, as one indexed now is.
func withFoldedTerms(terms []string) []string {
	n := len(terms)
	for _, term := range terms[:n] {
		md, ok := strings.CutPrefix(term, "metadata[")
		if !ok {
			continue
		}
		if _, v, ok := strings.Cut(md, "]="); ok && hasUpper(v) {
			if f := foldedTerm(term); !slices.Contains(terms[:n], f) {
				terms = append(terms, f)
			}
		}
	}
	if len(terms) > n {
		slices.Sort(terms)
	}
	return terms
}

// appendLower appends b in lower case, as strings.ToLower writes it.
func appendLower(dst, b []byte) []byte {
	for _, c := range b {
		if c >= 0x80 {
			return append(dst, strings.ToLower(string(b))...) // rare: not ASCII
		}
	}
	for _, c := range b {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

// hasUpper reports whether strings.ToLower changes s: a letter with a lower case
// (Roman numerals too), or bytes that are not UTF-8.
func hasUpper(s string) bool {
	for _, r := range s {
		if r == utf8.RuneError || unicode.ToLower(r) != r {
			return true
		}
	}
	return false
}

// equalLower reports whether a and b are the same in lower case, as strings.ToLower
// writes them (and so as the index's folded terms read them), without allocating.
// strings.EqualFold folds further (ſ to s), which the index cannot follow.
func equalLower(a, b string) bool {
	for a != "" && b != "" {
		ra, na := utf8.DecodeRuneInString(a)
		rb, nb := utf8.DecodeRuneInString(b)
		if ra != rb && unicode.ToLower(ra) != unicode.ToLower(rb) {
			return false
		}
		a, b = a[na:], b[nb:]
	}
	return a == b
}

// term adds a term as it is.
func (l *termList) term(s string) {
	l.buf = append(l.buf, s...)
	l.end()
}

// span is where the i-th term added is in buf.
func (l *termList) span(i int) (start, end int) {
	if i > 0 {
		start = l.ends[i-1]
	}
	return start, l.ends[i]
}

func (l *termList) at(i int) []byte {
	start, end := l.span(i)
	return l.buf[start:end]
}

// sort orders the terms by their text: map order varies, the terms must not.
func (l *termList) sort() {
	for i := range l.ends {
		l.order = append(l.order, i)
	}
	slices.SortFunc(l.order, func(a, b int) int { return bytes.Compare(l.at(a), l.at(b)) })
}

// equal reports whether the sorted terms are these.
func (l *termList) equal(terms []string) bool {
	if len(terms) != len(l.order) {
		return false
	}
	for k, i := range l.order {
		if string(l.at(i)) != terms[k] {
			return false
		}
	}
	return true
}

// key appends a text that names the sorted terms unambiguously (each after its length).
func (l *termList) key(b []byte) []byte {
	for _, i := range l.order {
		t := l.at(i)
		b = append(binary.AppendUvarint(b, uint64(len(t))), t...)
	}
	return b
}

// strings is the sorted terms, sharing one string; nil when there are none.
func (l *termList) strings() []string {
	if len(l.order) == 0 {
		return nil
	}
	all := string(l.buf)
	out := make([]string, len(l.order))
	for k, i := range l.order {
		start, end := l.span(i)
		out[k] = all[start:end]
	}
	return out
}
