package emulator

import (
	"bytes"
	"cmp"
	"encoding/json"
	"hash/maphash"
	"slices"
	"sort"
)

// kind describes one kind of stored object: its name in the state file and what the
// indexes need of it. Only name is required.
type kind[T any] struct {
	name string // record kind in the state file, e.g. "payment_intent"
	// created is the object's creation time (unix s), for created filters and age.
	created func(*T) int64
	// terms adds the object's index terms ("status:succeeded") to the list: each term
	// has a list of the objects carrying it, newest last, for searches and filtered lists.
	terms func(*T, *termList)
	// fewTerms marks a kind whose term lists take few values (events: their type and
	// account): objects with the same terms share one list.
	fewTerms bool
	// finished reports an object that can no longer change by itself; the newest
	// keep(Retention) finished objects of the kind are kept, older ones forgotten.
	finished func(*T) bool
	keep     func(Retention) int
	// unowned marks a kind whose ids are no objects of an account (events carry their
	// account, idempotency keys are scoped by it, owner entries are the owners): removing
	// one removes no owner entry.
	unowned bool
	// side is a counter of the object the state file keeps beside its body (an event's
	// pending_webhooks), so that changing it rewrites no body.
	side func(*T) *int64
}

// entry is one stored object. An object loaded from the state file stays encoded (raw)
// until a request first needs it, so a restart reads headers only.
type entry[T any] struct {
	id       string
	seq      int64 // creation order within the table
	obj      *T    // nil while raw
	raw      []byte
	hash     uint64 // of the body last written to the state file; 0 = unknown
	created  int64
	terms    []string
	rawTerms []byte // terms as read from the state file, parsed when first needed
	finished bool
	finGen   uint32 // bumped each time the entry becomes finished (retention queue)
	dead     bool
	touched  bool
}

// table holds one kind of object by id, in creation order, with its term index and
// retention queue. Handlers get objects through get (which records the object as
// possibly changed, so the commit re-indexes and persists it), create them with put and
// remove them with del; scan, newest and the walkers are read-only.
type table[T any] struct {
	st       *state
	kind     kind[T]
	byID     map[string]*entry[T]
	order    []*entry[T]            // by seq; dead entries are dropped lazily
	dead     int                    // dead entries still in order
	postings map[string]*seqList[T] // nil until a term list is first needed
	fifo     []finItem[T]           // finished entries, oldest first; stale items are skipped
	fifoHead int
	finLive  int // live finished entries
	touched  []*entry[T]
	maxSeq   int64
	shared   map[string][]string // the term lists of a fewTerms kind, by termList.key
	// sides are the side counters (kind.side) read from the state file for entries still
	// raw, which decoding applies: they override the body's.
	sides map[*entry[T]]int64
}

// maxSharedTerms bounds a fewTerms kind's shared lists (accounts are the client's to name).
const maxSharedTerms = 1024

type finItem[T any] struct {
	en  *entry[T]
	gen uint32
}

// anyTable is what the state, the commit and the state file need of any table.
type anyTable interface {
	kindName() string
	loadRecord(h recordHeader, body []byte)
	loadTombstone(id string)
	loadSide(id string, n int64)
	afterLoad()
	flush(w *recordWriter)
	retire(w *recordWriter, r Retention)
	size() int
	has(id string) bool
}

func newTable[T any](st *state, k kind[T]) *table[T] {
	t := &table[T]{st: st, kind: k, byID: map[string]*entry[T]{}}
	st.tables = append(st.tables, t)
	return t
}

func (t *table[T]) kindName() string { return t.kind.name }

// size is the number of live objects.
func (t *table[T]) size() int { return len(t.byID) }

// get returns the object with that id, recording it as possibly changed.
func (t *table[T]) get(id string) (*T, bool) {
	en, ok := t.byID[id]
	if !ok || !t.decode(en) {
		return nil, false
	}
	t.mark(en, false)
	return en.obj, true
}

// peek returns the object with that id without recording it (read-only).
func (t *table[T]) peek(id string) (*T, bool) {
	en, ok := t.byID[id]
	if !ok || !t.decode(en) {
		return nil, false
	}
	return en.obj, true
}

// has reports whether an object exists, without decoding or recording it.
func (t *table[T]) has(id string) bool {
	_, ok := t.byID[id]
	return ok
}

// touch records an object reached through scan as changed.
func (t *table[T]) touch(id string) {
	if en, ok := t.byID[id]; ok {
		t.mark(en, false)
	}
}

// put stores a new object at its place in creation order (seq, usually from its id:
// seqOfID) or replaces one.
func (t *table[T]) put(id string, seq int64, obj *T) {
	if en, ok := t.byID[id]; ok {
		en.obj, en.raw = obj, nil
		t.mark(en, true)
		return
	}
	t.maxSeq = max(t.maxSeq, seq)
	en := &entry[T]{id: id, seq: seq, obj: obj}
	t.byID[id] = en
	t.order = insertBySeq(t.order, en)
	t.mark(en, true)
}

// putNext stores a new object after the newest (ids that carry no order: idempotency
// keys, owners).
func (t *table[T]) putNext(id string, obj *T) { t.put(id, t.maxSeq+1, obj) }

// del removes an object (and, at the commit, its owner entry).
func (t *table[T]) del(id string) {
	en, ok := t.byID[id]
	if !ok {
		return
	}
	delete(t.byID, id)
	en.dead = true
	t.dead++
	t.mark(en, true)
	t.forgetOwner(id)
}

// forgetOwner has the commit remove a removed object's owner entry, so that owners stay
// as bounded as the objects, however an object goes.
func (t *table[T]) forgetOwner(id string) {
	if !t.kind.unowned {
		t.st.forgotten = append(t.st.forgotten, id)
	}
}

// mark records a touched entry for the commit; reads by GET requests are not recorded
// (they change nothing) unless forced by a creation or deletion.
func (t *table[T]) mark(en *entry[T], force bool) {
	if en.touched || !(force || t.st.tracking) {
		return
	}
	en.touched = true
	t.touched = append(t.touched, en)
	if len(t.touched) == 1 {
		t.st.dirty = append(t.st.dirty, t)
	}
}

// decode turns a raw entry into its object. A body that does not decode (a state file
// from another version) leaves the object unreadable, reported once.
func (t *table[T]) decode(en *entry[T]) bool {
	if en.obj != nil {
		return true
	}
	if en.raw == nil {
		return false
	}
	obj := new(T)
	if err := json.Unmarshal(en.raw, obj); err != nil {
		t.st.logf("emulator: state file: %s %s cannot be read (%v); it is treated as missing", t.kind.name, en.id, err)
		en.raw = nil
		return false
	}
	en.hash = maphash.Bytes(hashSeed, en.raw)
	en.obj, en.raw = obj, nil
	if n, ok := t.sides[en]; ok {
		*t.kind.side(obj) = n
		delete(t.sides, en)
	}
	return true
}

// objOf is the entry's object, decoded; nil when unreadable.
func (t *table[T]) objOf(en *entry[T]) *T {
	if !t.decode(en) {
		return nil
	}
	return en.obj
}

// scan calls fn for every object in creation order until fn returns false. It is
// read-only: touch (or get) what you change.
func (t *table[T]) scan(fn func(*T) bool) {
	for _, en := range t.order {
		if en.dead {
			continue
		}
		if obj := t.objOf(en); obj != nil && !fn(obj) {
			return
		}
	}
}

// withTerm is the live entries carrying a term, oldest first (read-only).
func (t *table[T]) withTerm(term string) []*entry[T] {
	t.ensurePostings()
	if l := t.postings[term]; l != nil {
		return l.entries()
	}
	return nil
}

// ensurePostings builds the term lists the first time one is needed, so a restart
// neither parses terms nor indexes them until a search or filtered list asks.
func (t *table[T]) ensurePostings() {
	if t.postings != nil {
		return
	}
	t.postings = map[string]*seqList[T]{}
	for _, en := range t.order {
		if en.dead {
			continue
		}
		for _, term := range t.termsOf(en) {
			l := t.postings[term]
			if l == nil {
				l = &seqList[T]{}
				t.postings[term] = l
			}
			l.items = append(l.items, en)
		}
	}
}

// termsOf is the entry's index terms, parsed from the state file if need be.
func (t *table[T]) termsOf(en *entry[T]) []string {
	if en.rawTerms != nil {
		terms, err := parseTerms(en.rawTerms)
		if err != nil {
			t.st.logf("emulator: state file: the index terms of %s %s cannot be read: %v", t.kind.name, en.id, err)
		}
		en.terms, en.rawTerms = withFoldedTerms(terms), nil
	}
	return en.terms
}

// scanTerm calls fn with every live entry carrying the term, oldest first, by a scan
// that neither parses raw terms nor builds the term lists (for a restart).
func (t *table[T]) scanTerm(term string, fn func(*entry[T])) {
	quoted := appendJSONString(nil, term)
	for _, en := range t.order {
		if en.dead {
			continue
		}
		if en.rawTerms != nil && bytes.Contains(en.rawTerms, quoted) || en.rawTerms == nil && slices.Contains(en.terms, term) {
			fn(en)
		}
	}
}

// all is every live entry, oldest first (read-only; may hold dead entries, skip them).
func (t *table[T]) all() []*entry[T] { return t.order }

// oldest calls fn on live entries from the oldest until it returns false.
func (t *table[T]) oldest(fn func(*entry[T]) bool) {
	for _, en := range t.order {
		if !en.dead && !fn(en) {
			return
		}
	}
}

// flush ends a commit for this table: the touched entries are re-indexed and, when w
// persists, their changed bodies (and tombstones) are written.
func (t *table[T]) flush(w *recordWriter) {
	for _, en := range t.touched {
		en.touched = false
		if en.dead {
			t.unindex(en)
			w.tombstone(t.kind.name, en.id)
			continue
		}
		if en.obj == nil {
			continue // never decoded, so unchanged
		}
		t.reindex(en)
		if w.persist {
			body, err := t.st.bodies.encode(en.obj)
			if err != nil {
				t.st.logf("emulator: cannot encode %s %s: %v", t.kind.name, en.id, err)
				continue
			}
			if h := maphash.Bytes(hashSeed, body); h != en.hash {
				en.hash = h
				w.record(t.kind.name, en.id, en.seq, en.created, en.finished, en.terms, body)
			}
		}
	}
	t.touched = t.touched[:0]
	t.compactOrder()
}

// reindex brings the entry's created time, terms and finished flag up to its object.
func (t *table[T]) reindex(en *entry[T]) {
	if t.kind.created != nil {
		en.created = t.kind.created(en.obj)
	}
	tl := &t.st.terms
	tl.reset()
	if t.kind.terms != nil {
		t.kind.terms(en.obj, tl)
	}
	tl.sort()
	if !tl.equal(t.termsOf(en)) {
		terms := t.newTerms(tl)
		t.unpost(en)
		for _, term := range terms {
			if t.postings == nil {
				break
			}
			l := t.postings[term]
			if l == nil {
				l = &seqList[T]{}
				t.postings[term] = l
			}
			l.insert(en)
		}
		en.terms = terms
	}
	fin := t.kind.finished != nil && t.kind.finished(en.obj)
	t.setFinished(en, fin)
}

// newTerms is the list's terms, shared with other objects of a fewTerms kind.
func (t *table[T]) newTerms(tl *termList) []string {
	if !t.kind.fewTerms {
		return tl.strings()
	}
	var buf [128]byte
	key := tl.key(buf[:0])
	if terms, ok := t.shared[string(key)]; ok {
		return terms
	}
	terms := tl.strings()
	if t.shared == nil {
		t.shared = map[string][]string{}
	}
	if len(t.shared) < maxSharedTerms {
		t.shared[string(key)] = terms
	}
	return terms
}

func (t *table[T]) setFinished(en *entry[T], fin bool) {
	switch {
	case fin && !en.finished:
		en.finGen++
		t.fifo = append(t.fifo, finItem[T]{en: en, gen: en.finGen})
		t.finLive++
	case !fin && en.finished:
		t.finLive--
	}
	en.finished = fin
}

// unpost removes the entry from the lists of its terms.
func (t *table[T]) unpost(en *entry[T]) {
	if t.postings == nil {
		return
	}
	for _, term := range t.termsOf(en) {
		if l := t.postings[term]; l != nil && l.remove(en) {
			delete(t.postings, term)
		}
	}
}

// unindex removes a dead entry from the postings and the retention count.
func (t *table[T]) unindex(en *entry[T]) {
	t.unpost(en)
	delete(t.sides, en)
	en.terms, en.rawTerms = nil, nil
	if en.finished {
		t.finLive--
		en.finished = false
	}
}

// retire forgets the oldest finished objects beyond the kind's retention.
func (t *table[T]) retire(w *recordWriter, r Retention) {
	if t.kind.keep == nil {
		return
	}
	keep := t.kind.keep(r)
	for t.finLive > keep && t.fifoHead < len(t.fifo) {
		it := t.fifo[t.fifoHead]
		t.fifo[t.fifoHead] = finItem[T]{}
		t.fifoHead++
		en := it.en
		if en.dead || !en.finished || en.finGen != it.gen {
			continue // since changed or removed
		}
		delete(t.byID, en.id)
		en.dead = true
		t.dead++
		t.unindex(en)
		w.tombstone(t.kind.name, en.id)
		t.forgetOwner(en.id)
	}
	if t.fifoHead > 64 && t.fifoHead*2 > len(t.fifo) {
		t.fifo = append(t.fifo[:0], t.fifo[t.fifoHead:]...)
		t.fifoHead = 0
	}
	t.compactOrder()
}

// compactOrder drops dead entries from order once they are half of it, so removing
// the oldest objects costs O(1) amortized.
func (t *table[T]) compactOrder() {
	if t.dead <= 32 || t.dead*2 < len(t.order) {
		return
	}
	live := t.order[:0]
	for _, en := range t.order {
		if !en.dead {
			live = append(live, en)
		}
	}
	clear(t.order[len(live):])
	t.order, t.dead = live, 0
}

// loadRecord stores a record read from the state file, still encoded; order collects
// every version read, afterLoad keeps the current ones.
func (t *table[T]) loadRecord(h recordHeader, body []byte) {
	t.dropSide(h.ID) // the newer body has the counter
	en := &entry[T]{id: h.ID, seq: h.Seq, raw: body, created: h.Created, rawTerms: h.RawTerms, finished: h.Finished}
	t.byID[h.ID] = en
	t.order = append(t.order, en)
}

func (t *table[T]) loadTombstone(id string) {
	t.dropSide(id)
	delete(t.byID, id)
}

// dropSide forgets the side counter read for object id, if any: only a table with
// side lines read pays the lookup at start-up.
func (t *table[T]) dropSide(id string) {
	if t.sides == nil {
		return
	}
	if en, ok := t.byID[id]; ok {
		delete(t.sides, en)
	}
}

// loadSide records a side counter read from the state file (kind.side) for the object's
// newest record; a kind without one has no such lines.
func (t *table[T]) loadSide(id string, n int64) {
	en, ok := t.byID[id]
	if !ok || t.kind.side == nil {
		return
	}
	if t.sides == nil {
		t.sides = map[*entry[T]]int64{}
	}
	t.sides[en] = n
}

// afterLoad builds order, postings and the retention queue from the loaded records.
func (t *table[T]) afterLoad() {
	current := t.order[:0]
	for _, en := range t.order {
		if t.byID[en.id] == en {
			current = append(current, en)
		}
	}
	clear(t.order[len(current):])
	t.order = current
	bySeq := func(a, b *entry[T]) int { return cmp.Compare(a.seq, b.seq) }
	if !slices.IsSortedFunc(t.order, bySeq) {
		slices.SortFunc(t.order, bySeq)
	}
	for _, en := range t.order {
		t.maxSeq = max(t.maxSeq, en.seq)
		if en.finished {
			en.finished = false
			t.setFinished(en, true)
		}
	}
}

// insertBySeq inserts en into a list sorted by seq (usually at the end), after any
// entry of the same seq.
func insertBySeq[T any](list []*entry[T], en *entry[T]) []*entry[T] {
	if n := len(list); n == 0 || list[n-1].seq <= en.seq {
		return append(list, en)
	}
	return slices.Insert(list, seqIndex(list, en.seq+1), en)
}

// indexOfEntry is en's position in a seq-sorted list, or -1.
func indexOfEntry[T any](list []*entry[T], en *entry[T]) int {
	for i := seqIndex(list, en.seq); i < len(list) && list[i].seq == en.seq; i++ {
		if list[i] == en {
			return i
		}
	}
	return -1
}

// seqList is a term's entries sorted by seq. Removing the oldest (retention) is O(1):
// it moves head; other removals shift the newer entries, usually few.
type seqList[T any] struct {
	items []*entry[T]
	head  int
}

func (l *seqList[T]) entries() []*entry[T] { return l.items[l.head:] }

func (l *seqList[T]) insert(en *entry[T]) {
	live := l.items[l.head:]
	if n := len(live); n == 0 || live[n-1].seq <= en.seq {
		l.items = append(l.items, en)
		return
	}
	i := seqIndex(live, en.seq+1)
	if i == 0 && l.head > 0 {
		l.head--
		l.items[l.head] = en
		return
	}
	l.items = slices.Insert(l.items, l.head+i, en)
}

// remove takes en out and reports whether the list is now empty.
func (l *seqList[T]) remove(en *entry[T]) bool {
	live := l.items[l.head:]
	i := indexOfEntry(live, en)
	switch {
	case i < 0:
	case i == 0:
		l.items[l.head] = nil
		l.head++
	default:
		l.items = slices.Delete(l.items, l.head+i, l.head+i+1)
	}
	if l.head > 32 && l.head*2 > len(l.items) {
		n := copy(l.items, l.items[l.head:])
		clear(l.items[n:])
		l.items, l.head = l.items[:n], 0
	}
	return l.head == len(l.items)
}

// seqIndex is the position in a seq-sorted list of the first entry with seq >= s.
func seqIndex[T any](list []*entry[T], s int64) int {
	return sort.Search(len(list), func(i int) bool { return list[i].seq >= s })
}

var hashSeed = maphash.MakeSeed()
