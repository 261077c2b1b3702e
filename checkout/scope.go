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
	s := Scope{tillID: tillID, locations: map[string]bool{}, readerAt: map[string]string{}}
	for _, r := range readers {
		s.readerAt[r.ID] = r.Location
	}
	for _, id := range ownReaders {
		if loc := s.readerAt[id]; loc != "" {
			s.locations[loc] = true
		}
	}
	return s
}

// withReadersOf is the scope with the readers of these orders counted as this till's
// own too. It leaves s as it was.
func (s Scope) withReadersOf(orders []Summary) Scope {
	locations := make(map[string]bool, len(s.locations))
	for loc := range s.locations {
		locations[loc] = true
	}
	for _, sess := range orders {
		if loc := s.readerAt[sess.ReaderID]; loc != "" {
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
