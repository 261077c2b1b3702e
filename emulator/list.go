package emulator

import (
	"strconv"
)

// listEnvelope is Stripe's list object.
type listEnvelope struct {
	Object  string `json:"object"`
	Data    []any  `json:"data"`
	HasMore bool   `json:"has_more"`
	URL     string `json:"url"`
}

// listLimit reads limit (1..100, default 10).
func (x *txn) listLimit(msg string) (int, *apiError) {
	n, ok, err := x.p.integer("limit")
	if err != nil {
		return 0, err
	}
	if !ok {
		return 10, nil
	}
	if n < 1 || n > 100 {
		return 0, validationError("", "limit", msg, strconv.FormatInt(n, 10))
	}
	return int(n), nil
}

// listFor is the entries a list walks: the term's list when the list is filtered by
// it, else every entry.
func (t *table[T]) listFor(filtered bool, term string) []*entry[T] {
	if filtered {
		return t.withTerm(term)
	}
	return t.all()
}

// owned filters a list to the request's account's entries that match (nil: all).
func owned[T any](x *txn, match func(*entry[T]) bool) func(*entry[T]) bool {
	return func(en *entry[T]) bool { return x.owns(en.id) && (match == nil || match(en)) }
}

// listPage answers a list request from entries sorted by seq (a table's order or one
// of its term lists), newest first as Stripe lists them, with limit, starting_after
// and ending_before. It visits only the entries it pages over (plus those match
// refuses), never the whole table. match (nil: all) filters entries; render makes the
// listed object. An unknown cursor is resource_missing, as Stripe answers.
func listPage[T any](x *txn, t *table[T], list []*entry[T], match func(*entry[T]) bool, render func(*T) any, url, kind string) (any, error) {
	limit, err := x.listLimit("This value must be between 1 and 100 (got %s).")
	if err != nil {
		return nil, err
	}
	visit := func(en *entry[T]) *T {
		if en.dead || match != nil && !match(en) {
			return nil
		}
		return t.objOf(en)
	}
	cursor := func(param string) (int64, bool, *apiError) {
		id, ok := x.p.str(param)
		if !ok || id == "" {
			return 0, false, nil
		}
		en, found := t.byID[id]
		if !found {
			return 0, false, errNoSuch(kind, id, param)
		}
		return en.seq, true, nil
	}
	after, hasAfter, aerr := cursor("starting_after")
	if aerr != nil {
		return nil, aerr
	}
	before, hasBefore, aerr := cursor("ending_before")
	if aerr != nil {
		return nil, aerr
	}
	out := &listEnvelope{Object: "list", Data: []any{}, URL: url}
	if hasBefore {
		// The limit entries just newer than the cursor (and older than starting_after).
		var found []*T
		for i := seqIndex(list, before+1); i < len(list) && (!hasAfter || list[i].seq < after); i++ {
			if obj := visit(list[i]); obj != nil {
				if len(found) == limit {
					out.HasMore = true
					break
				}
				found = append(found, obj)
			}
		}
		for i := len(found) - 1; i >= 0; i-- {
			out.Data = append(out.Data, render(found[i]))
		}
		return out, nil
	}
	i := len(list) - 1
	if hasAfter {
		i = seqIndex(list, after) - 1
	}
	for ; i >= 0; i-- {
		if obj := visit(list[i]); obj != nil {
			if len(out.Data) == limit {
				out.HasMore = true
				break
			}
			out.Data = append(out.Data, render(obj))
		}
	}
	return out, nil
}
