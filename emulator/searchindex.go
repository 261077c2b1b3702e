package emulator

import (
	"iter"
	"strings"
)

// The search index: a kind's terms (kinds.go) name the values of its indexed search
// fields, so an equality clause on one of them is a term list, not a scan.

var (
	// piIndexed and chargeIndexed are the search fields intentTerms and chargeTerms
	// index.
	piIndexed     = map[string]bool{"status": true, "currency": true, "customer": true, "metadata": true}
	chargeIndexed = map[string]bool{"status": true, "currency": true, "customer": true, "payment_intent": true, "metadata": true}
)

// fieldTerm is the index term of a string search field's value (termList.field writes
// the same).
func fieldTerm(field, value string) string { return field + ":" + value }

// clauseTerms are the index terms one of which every object matching the clause
// carries, or none when the clause cannot be looked up (a range, a negation, a field
// not indexed). Stripe matches a token in any case: status and currency are kept in
// lower case; a metadata value has its own term and, with capitals, its folded one
// (termList.metadata; withFoldedTerms for a state file from before). An id is matched
// as it is (idField).
func clauseTerms(c clause, indexed map[string]bool) []string {
	switch {
	case c.neg || c.op != ":" || !indexed[c.field]:
		return nil
	case idField(c.field):
		return []string{fieldTerm(c.field, c.value)}
	case c.field != "metadata":
		return []string{fieldTerm(c.field, strings.ToLower(c.value))}
	}
	own := metadataTerm(c.key, strings.ToLower(c.value))
	return []string{own, foldedTerm(own)}
}

// searchCandidates yields, newest first, the entries that may match a query: for AND
// the fewest entries any of its indexed equality clauses can have, for OR those of
// every clause when each has some; otherwise every entry. Candidates are a superset
// of the matches, so the caller checks each against the whole query.
func searchCandidates[T any](t *table[T], clauses []clause, useOr bool, indexed map[string]bool) iter.Seq[*entry[T]] {
	var lists [][]*entry[T]
	fewest := -1
	for _, c := range clauses {
		terms := clauseTerms(c, indexed)
		switch {
		case terms == nil && useOr:
			return newestFirst(t.all())
		case terms == nil:
			continue
		}
		var mine [][]*entry[T]
		n := 0
		for _, term := range terms {
			if l := t.withTerm(term); len(l) > 0 {
				mine, n = append(mine, l), n+len(l)
			}
		}
		switch {
		case useOr:
			lists = append(lists, mine...)
		case fewest < 0 || n < fewest:
			lists, fewest = mine, n
		}
	}
	switch {
	case len(lists) == 0 && (useOr || fewest >= 0):
		return func(func(*entry[T]) bool) {} // an indexed clause no object matches
	case len(lists) == 0:
		return newestFirst(t.all())
	case len(lists) == 1:
		return newestFirst(lists[0])
	}
	return unionNewestFirst(lists)
}

// candidatesOf is the search candidates of the request's account in t, as searchables.
func candidatesOf[T any](x *txn, t *table[T], indexed map[string]bool, as func(*T) searchable) func([]clause, bool) iter.Seq[searchable] {
	return func(clauses []clause, useOr bool) iter.Seq[searchable] {
		return func(yield func(searchable) bool) {
			for en := range searchCandidates(t, clauses, useOr, indexed) {
				if en.dead || !x.owns(en.id) {
					continue
				}
				if obj := t.objOf(en); obj != nil && !yield(as(obj)) {
					return
				}
			}
		}
	}
}

func newestFirst[T any](list []*entry[T]) iter.Seq[*entry[T]] {
	return func(yield func(*entry[T]) bool) {
		for i := len(list) - 1; i >= 0; i-- {
			if !yield(list[i]) {
				return
			}
		}
	}
}

// unionNewestFirst merges seq-sorted lists, newest first, each entry once.
func unionNewestFirst[T any](lists [][]*entry[T]) iter.Seq[*entry[T]] {
	return func(yield func(*entry[T]) bool) {
		pos := make([]int, len(lists))
		for i, l := range lists {
			pos[i] = len(l) - 1
		}
		for {
			var next *entry[T]
			for i, l := range lists {
				if pos[i] >= 0 && (next == nil || l[pos[i]].seq > next.seq) {
					next = l[pos[i]]
				}
			}
			if next == nil {
				return
			}
			for i, l := range lists {
				if pos[i] >= 0 && l[pos[i]] == next {
					pos[i]--
				}
			}
			if !yield(next) {
				return
			}
		}
	}
}
