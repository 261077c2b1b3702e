package emulator

import (
	"regexp"
	"strings"
)

// Stripe's search query language: clauses (field, operator, value) separated by
// whitespace, which joins them with AND, or by AND or OR (any case, never both in one
// query). A clause may be negated with "-"; a string value is quoted with ' or ", a
// quote inside it escaped with a backslash, so a value may hold spaces.

// clauseRe matches one search clause: field:value, metadata['key']:value, with the
// value quoted or bare, and an optional leading "-" for negation. Field names may be
// dotted (payment_method_details.card_present.last4).
var clauseRe = regexp.MustCompile(`^(-?)(metadata\['((?:[^'\\]|\\.)*)'\]|metadata\["((?:[^"\\]|\\.)*)"\]|[a-z_.0-9]+)(:|>=|<=|>|<)('((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|([^'"\s]\S*))$`)

func parseQuery(q, kind string, fields searchFields) ([]clause, bool, *apiError) {
	words, err := queryWords(q)
	if err != nil {
		return nil, false, err
	}
	if len(words) == 0 {
		return nil, false, validationError("parameter_invalid_string_empty", "query", "The search query must not be empty.")
	}
	var clauses []clause
	useOr, useAnd, joined := false, false, true // joined: the next word must be a clause
	for _, w := range words {
		and, or := strings.EqualFold(w, "AND"), strings.EqualFold(w, "OR")
		switch {
		case and || or:
			if joined {
				return nil, false, validationError("", "query", "Invalid search query: %s must stand between two clauses.", w)
			}
			useAnd, useOr, joined = useAnd || and, useOr || or, true
			continue
		case !joined:
			useAnd = true // clauses side by side are joined with AND
		}
		m := clauseRe.FindStringSubmatch(w)
		if m == nil {
			return nil, false, validationError("", "query", "Invalid search query clause %q. Use field:'value', e.g. status:'succeeded' or metadata['order_id']:'42'.", w)
		}
		c := clause{neg: m[1] == "-", field: m[2], op: m[5], value: unescapeQuoted(m[7]+m[8]) + m[9]}
		if strings.HasPrefix(m[2], "metadata") {
			c.field, c.key = "metadata", unescapeQuoted(m[3]+m[4])
		}
		clauses, joined = append(clauses, c), false
	}
	if joined {
		return nil, false, validationError("", "query", "Invalid search query: it ends with %s.", words[len(words)-1])
	}
	if useAnd && useOr {
		return nil, false, validationError("", "query", "Invalid search query: AND and OR cannot be combined in one query.")
	}
	for _, c := range clauses {
		if _, ok := fields[c.field]; !ok {
			return nil, false, validationError("", "query", "Field %q is not supported for %s search.", c.field, kind)
		}
	}
	return clauses, useOr, nil
}

// queryWords splits a query at whitespace outside quotes: its clauses and keywords.
func queryWords(q string) ([]string, *apiError) {
	var words []string
	start, quote := -1, byte(0)
	for i := 0; i < len(q); i++ {
		c := q[i]
		switch {
		case quote != 0 && c == '\\':
			i++ // the escaped character, whatever it is
		case quote != 0 && c == quote:
			quote = 0
		case quote != 0:
		case c == '\'' || c == '"':
			quote = c
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
			if start >= 0 {
				words, start = append(words, q[start:i]), -1
			}
			continue
		}
		if start < 0 {
			start = i
		}
	}
	if quote != 0 {
		return nil, validationError("", "query", "Invalid search query: a quote (%c) is not closed.", quote)
	}
	if start >= 0 {
		words = append(words, q[start:])
	}
	return words, nil
}

// unescapeQuoted is a quoted value's text: each backslash-escaped character as itself.
func unescapeQuoted(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
