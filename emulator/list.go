package emulator

import (
	"sort"
	"strconv"
)

// listEnvelope is Stripe's list object.
type listEnvelope struct {
	Object  string `json:"object"`
	Data    []any  `json:"data"`
	HasMore bool   `json:"has_more"`
	URL     string `json:"url"`
}

// item is one listable object: its id, creation order and rendered form.
type item struct {
	id  string
	seq int64
	obj any
}

// paginate applies limit / starting_after / ending_before to items, newest first as
// Stripe lists them. An unknown cursor is resource_missing, as Stripe answers.
func (x *txn) paginate(items []item, url, kind string) (any, error) {
	limit := int64(10)
	if n, ok, err := x.p.integer("limit"); err != nil {
		return nil, err
	} else if ok {
		if n < 1 || n > 100 {
			return nil, validationError("", "limit", "This value must be between 1 and 100 (got %s).", strconv.FormatInt(n, 10))
		}
		limit = n
	}
	sortNewestFirst(items)
	start, end := 0, len(items)
	if after, ok := x.p.str("starting_after"); ok && after != "" {
		i := indexOf(items, after)
		if i < 0 {
			return nil, errNoSuch(kind, after, "starting_after")
		}
		start = i + 1
	}
	before, hasBefore := x.p.str("ending_before")
	if hasBefore && before != "" {
		i := indexOf(items, before)
		if i < 0 {
			return nil, errNoSuch(kind, before, "ending_before")
		}
		end = i
		if int64(end-start) > limit {
			start = end - int(limit)
		}
	}
	out := &listEnvelope{Object: "list", Data: []any{}, URL: url}
	for i := start; i < end; i++ {
		if int64(len(out.Data)) == limit {
			if hasBefore {
				out.HasMore = start > 0
			} else {
				out.HasMore = true
			}
			break
		}
		out.Data = append(out.Data, items[i].obj)
	}
	if hasBefore && before != "" {
		out.HasMore = start > 0
	}
	return out, nil
}

func indexOf(items []item, id string) int {
	for i, it := range items {
		if it.id == id {
			return i
		}
	}
	return -1
}

// sortNewestFirst orders items as Stripe lists them.
func sortNewestFirst(items []item) {
	sort.Slice(items, func(i, j int) bool { return items[i].seq > items[j].seq })
}
