package checkout

// Scope is the part of an account one till's support looks after: the intents this
// till made (metadata[till_id]), and those sent to readers in the locations of this
// till's own readers. A till that knows none of its readers' locations cannot tell a
// neighbour's payment from its own, so it sees everything.
type Scope struct {
	tillID    string
	locations map[string]bool   // where this till's readers are
	readerAt  map[string]string // every reader's location
}

// NewScope builds the scope of a till from its id, the ids of the readers it uses, and
// the account's readers.
func NewScope(tillID string, ownReaders []string, readers []Reader) Scope {
	s := Scope{tillID: tillID, readerAt: make(map[string]string, len(readers))}
	for _, r := range readers {
		s.readerAt[r.ID] = r.Location
	}
	return s.withReaders(ownReaders)
}

// WithReadersOf is the scope with the readers of these orders of this till counted as
// its own too: an order names the reader it was sent to, which the configuration may
// not (one picked for that sale, or since replaced). It leaves s as it was.
func (s Scope) WithReadersOf(orders []Summary) Scope {
	ids := make([]string, len(orders))
	for i, o := range orders {
		ids[i] = o.ReaderID
	}
	return s.withReaders(ids)
}

// withReaders is the scope with the locations of these readers added to this till's;
// a reader the account's list does not hold adds none. It leaves s as it was.
func (s Scope) withReaders(ids []string) Scope {
	locations := make(map[string]bool, len(s.locations))
	for loc := range s.locations {
		locations[loc] = true
	}
	for _, id := range ids {
		if loc := s.readerAt[id]; loc != "" {
			locations[loc] = true
		}
	}
	s.locations = locations
	return s
}

// Has reports whether an intent is in the scope.
func (s Scope) Has(in Intent) bool {
	if s.tillID != "" && in.TillID == s.tillID {
		return true
	}
	if len(s.locations) == 0 {
		return true
	}
	return s.locations[s.readerAt[in.ReaderID]]
}
