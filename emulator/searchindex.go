package emulator

import (
	"iter"
	"strings"
)

// clauseTerm is the index term every PaymentIntent matching the clause carries, or ""
// when the clause cannot be looked up (ranges, negations).
func clauseTerm(c clause) string {
	if c.neg || c.op != ":" {
		return ""
	}
	switch c.field {
	case "metadata":
		return metadataTerm(c.key, c.value)
	case "status":
		return "status:" + c.value
	case "currency":
		return "currency:" + strings.ToLower(c.value)
	case "customer":
		return "customer:" + c.value
	}
	return ""
}

// searchCandidates yields, newest first, PaymentIntents that may match the query: for
// AND the shortest term list among its equality clauses, for OR the union of its
// clauses' lists when each has one; otherwise every PaymentIntent. Candidates are a
// superset of the matches, so the caller checks each against the whole query.
func searchCandidates(t *table[intentRec], clauses []clause, useOr bool) iter.Seq[*entry[intentRec]] {
	var lists [][]*entry[intentRec]
	for _, c := range clauses {
		term := clauseTerm(c)
		switch {
		case term == "" && useOr:
			return newestFirst(t.all())
		case term == "":
		case useOr:
			lists = append(lists, t.withTerm(term))
		case lists == nil || len(t.withTerm(term)) < len(lists[0]):
			lists = [][]*entry[intentRec]{t.withTerm(term)}
		}
	}
	switch len(lists) {
	case 0:
		return newestFirst(t.all())
	case 1:
		return newestFirst(lists[0])
	}
	return unionNewestFirst(lists)
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
