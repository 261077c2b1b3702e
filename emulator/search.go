package emulator

import (
	"iter"
	"net/http"
	"strconv"
	"strings"
)

// The Search API (PaymentIntents, Charges): a query of clauses joined by AND or OR,
// results newest first, paged with next_page.

type searchResult struct {
	Object   string  `json:"object"`
	Data     []any   `json:"data"`
	HasMore  bool    `json:"has_more"`
	NextPage *string `json:"next_page"`
	URL      string  `json:"url"`
}

type clause struct {
	neg        bool
	field, key string
	op, value  string
}

// searchField reads one searchable field of an object (key names a metadata entry): a
// string, matched by ":", or, through numField, a number, compared by every operator.
// ok is false when the object has no value.
type searchField func(obj any, key string) (value string, ok bool)

// searchFields are the fields one kind of object can be searched on.
type searchFields map[string]searchField

// numberPrefix marks a numeric field's value, so that clauses compare it as a number.
const numberPrefix = "\x00"

func strField(get func(any) string) searchField {
	return func(o any, _ string) (string, bool) { return get(o), true }
}

func optField(get func(any) *string) searchField {
	return func(o any, _ string) (string, bool) {
		if s := get(o); s != nil {
			return *s, true
		}
		return "", false
	}
}

func numField(get func(any) int64) searchField {
	return func(o any, _ string) (string, bool) { return numberPrefix + strconv.FormatInt(get(o), 10), true }
}

func metadataField(get func(any) map[string]string) searchField {
	return func(o any, key string) (string, bool) {
		v, ok := get(o)[key]
		return v, ok
	}
}

// idField reports a search field whose values are object ids. UNCERTAIN: Stripe's
// reference says a token matches in any case, but ids differ by case alone (base 62),
// so the emulator matches them exactly.
func idField(field string) bool { return field == "customer" || field == "payment_intent" }

// matches applies a clause to an object through its kind's fields.
func (c clause) matches(obj any, fields searchFields) bool {
	v, has := fields[c.field](obj, c.key)
	var ok bool
	switch {
	case c.field == "metadata":
		ok = has && c.op == ":" && equalLower(v, c.value)
	case strings.HasPrefix(v, numberPrefix):
		n, err := strconv.ParseInt(c.value, 10, 64)
		x, _ := strconv.ParseInt(strings.TrimPrefix(v, numberPrefix), 10, 64)
		ok = err == nil && compare(x, c.op, n)
	default:
		// Stripe matches a token in any case; an id is as it is (idField).
		ok = has && c.op == ":" && (v == c.value || !idField(c.field) && equalLower(v, c.value))
	}
	return ok != c.neg
}

// queryMatches applies a whole query (its clauses joined by AND, or by OR) to an object.
func queryMatches(obj any, clauses []clause, useOr bool, fields searchFields) bool {
	ok := !useOr
	for _, c := range clauses {
		if useOr {
			ok = ok || c.matches(obj, fields)
		} else {
			ok = ok && c.matches(obj, fields)
		}
	}
	return ok
}

func compare(v int64, op string, n int64) bool {
	switch op {
	case ":":
		return v == n
	case ">":
		return v > n
	case ">=":
		return v >= n
	case "<":
		return v < n
	case "<=":
		return v <= n
	}
	return false
}

// searchable is one object a search may return.
type searchable struct {
	obj    any
	render func() any
}

// search runs the request's query and answers one page. candidates yields, newest
// first, objects the clauses may match (a superset of the matches, from the index:
// candidatesOf); each is checked against the whole query, and the walk stops once the
// page is full.
func (x *txn) search(url, kind string, fields searchFields, candidates func([]clause, bool) iter.Seq[searchable]) (any, error) {
	q, ok := x.p.str("query")
	if !ok {
		return nil, errMissingParam("query")
	}
	clauses, useOr, err := parseQuery(q, kind, fields)
	if err != nil {
		return nil, err
	}
	limit := int64(10)
	if n, ok, err := x.p.integer("limit"); err != nil {
		return nil, err
	} else if ok {
		if n < 1 || n > 100 {
			return nil, validationError("", "limit", "limit must be between 1 and 100.")
		}
		limit = n
	}
	start := 0
	if page, ok := x.p.str("page"); ok && page != "" {
		n, err := strconv.Atoi(strings.TrimPrefix(page, "page_"))
		if err != nil || n < 0 {
			return nil, invalidRequest(http.StatusBadRequest, "", "page", "Invalid page token: %s", page)
		}
		start = n
	}
	out := &searchResult{Object: "search_result", Data: []any{}, URL: url}
	seen := 0
	for s := range candidates(clauses, useOr) {
		if !queryMatches(s.obj, clauses, useOr, fields) {
			continue
		}
		seen++
		switch {
		case seen <= start:
		case len(out.Data) < int(limit):
			out.Data = append(out.Data, s.render())
		default:
			out.HasMore, out.NextPage = true, strPtr("page_"+strconv.Itoa(start+int(limit)))
			return out, nil
		}
	}
	return out, nil
}
