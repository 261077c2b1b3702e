package store

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"go.etcd.io/bbolt"

	"github.com/till-pos/till/checkout"
)

// Journal stages, as checkout names them.
const (
	StageBefore = checkout.StageBefore
	StageCall   = checkout.StageCall
	StageAfter  = checkout.StageAfter
	StageNote   = checkout.StageNote
)

// Entry is one line of an order's journal; checkout defines it, since both drivers
// write it through checkout.Carry.
type Entry = checkout.Entry

// Each order's journal is one compact record (journal lines in codec.go's encoding,
// each line without the fields it shares with the line before), kept short as it grows:
//   - a read the same as the line before it (same request, same answer: a payment's
//     polls) extends that line (Entry.Repeats, Until);
//   - a step's outcome line takes the place of its before line — the key was on disk
//     while it mattered — and, when the step made a single call under its key, of that
//     call's line too, keeping its method, path, request id and status.
//
// So a payment's calls are about five lines however long the customer took, beside a
// note for each phase it reached (checkout.PhaseNote, written with its session); every
// retry and every failed attempt keeps its own line.

// Append adds e to the order's journal, setting its Seq (and its At, when zero, to now),
// and returns the line it became: e itself, a poll line it extended, or its step's
// line. It is committed to disk before Append returns.
func (s *Store) Append(e Entry) (Entry, error) {
	if err := checkOrderID(e.OrderID); err != nil {
		return e, fmt.Errorf("append to journal: %w", err)
	}
	switch e.Stage {
	case StageBefore, StageCall, StageAfter, StageNote:
	default:
		return e, fmt.Errorf("append to journal of %s: stage %q is not before, call, after or note", e.OrderID, e.Stage)
	}
	if e.At.IsZero() {
		e.At = time.Now()
	}
	var stored Entry
	err := s.update("append to journal of "+e.OrderID, func(tx *bbolt.Tx) (err error) {
		stored, err = appendEntry(tx, e)
		return err
	})
	if err != nil {
		return e, err
	}
	return stored, nil
}

// appendEntry adds e to its order's journal in tx and returns the line it became.
func appendEntry(tx *bbolt.Tx, e Entry) (Entry, error) {
	journals := writable(tx, bucketJournals)
	id := []byte(e.OrderID)
	old := journals.Get(id)
	lines, err := decodeJournal(old, e.OrderID)
	if err != nil {
		return e, err
	}
	before := lastActivity(lines)
	if e.Seq, err = journals.NextSequence(); err != nil {
		return e, err
	}
	lines, e = addLine(lines, e)
	if err := journals.Put(id, pack(encodeJournal(lines))); err != nil {
		return e, err
	}
	return e, moveActivity(tx, id, before, old != nil, lastActivity(lines))
}

// addLine adds e to an order's lines, compacted as described above, and returns the
// lines and the line e became.
func addLine(lines []Entry, e Entry) ([]Entry, Entry) {
	if n := len(lines); n > 0 && sameCall(lines[n-1], e) {
		last := &lines[n-1]
		last.Repeats++
		last.Until, last.RequestID, last.Duration = e.At, e.RequestID, e.Duration
		return lines, *last
	}
	if e.Stage != StageAfter {
		return append(lines, e), e
	}
	b := stepStart(lines, e)
	if b < 0 {
		return append(lines, e), e
	}
	// The step's line: when it began (and what was sold, for a create), what came of it.
	e.Seq, e.At = lines[b].Seq, lines[b].At
	if e.Cart == nil {
		e.Cart = lines[b].Cart
	}
	if calls := lines[b+1:]; len(calls) == 1 && calls[0].Stage == StageCall && e.IdempotencyKey != "" &&
		calls[0].IdempotencyKey == e.IdempotencyKey {
		c := calls[0]
		e.Method, e.Path = c.Method, c.Path
		if e.RequestID == "" {
			e.RequestID, e.HTTPStatus = c.RequestID, c.HTTPStatus
		}
		return append(lines[:b], e), e
	}
	lines[b] = e
	return lines, e
}

// stepStart is the index of e's step's before line, when no other step's before or
// after line came since; else -1.
func stepStart(lines []Entry, e Entry) int {
	for i := len(lines) - 1; i >= 0; i-- {
		switch l := lines[i]; l.Stage {
		case StageBefore:
			if l.Step == e.Step && l.IdempotencyKey == e.IdempotencyKey {
				return i
			}
			return -1
		case StageAfter, StageNote:
			return -1
		}
	}
	return -1
}

// sameCall reports whether e repeats the call line prev: the same GET with the same
// answer, for the same step.
func sameCall(prev, e Entry) bool {
	return prev.Stage == StageCall && e.Stage == StageCall && e.Method == "GET" &&
		prev.Method == e.Method && prev.Path == e.Path && prev.HTTPStatus == e.HTTPStatus &&
		prev.Outcome == e.Outcome && prev.Step == e.Step && prev.IdempotencyKey == e.IdempotencyKey &&
		prev.PaymentIntentID == e.PaymentIntentID && prev.Phase == e.Phase
}

// lastActivity is the latest time in the entries (an extended line's Until included).
func lastActivity(entries []Entry) time.Time {
	var latest time.Time
	for _, e := range entries {
		latest = maxTime(latest, maxTime(e.At, e.Until))
	}
	return latest
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// moveActivity keeps the order's key in journals_by_activity at its latest time.
func moveActivity(tx *bbolt.Tx, id []byte, before time.Time, had bool, after time.Time) error {
	activity := writable(tx, bucketJournalActivity)
	if had {
		if before.Equal(after) {
			return nil
		}
		if err := activity.Delete(concat(timeKey(before), id)); err != nil {
			return err
		}
	}
	return activity.Put(concat(timeKey(after), id), []byte{})
}

// Entries returns the order's journal in Seq order, archived or not.
func (s *Store) Entries(orderID string) ([]Entry, error) {
	var out []Entry
	err := s.view("read journal of "+orderID, func(tx *bbolt.Tx) error {
		id := []byte(orderID)
		if rec := tx.Bucket(bucketArchive).Get(id); rec != nil {
			a, err := decodeArchived(rec, orderID)
			if err != nil {
				return err
			}
			out = a.entries
		}
		live, err := decodeJournal(tx.Bucket(bucketJournals).Get(id), orderID)
		out = append(out, live...)
		return err
	})
	if err != nil {
		return nil, err
	}
	slices.SortStableFunc(out, func(a, b Entry) int { return cmp.Compare(a.Seq, b.Seq) })
	return out, nil
}

// AllEntries returns every entry of the orders not archived whose At (or, for an
// extended line, Until) is at or after since, across orders, in Seq order (the order
// they were written).
func (s *Store) AllEntries(since time.Time) ([]Entry, error) {
	var out []Entry
	err := s.view("read journal", func(tx *bbolt.Tx) error {
		journals := tx.Bucket(bucketJournals)
		c := tx.Bucket(bucketJournalActivity).Cursor()
		for k, _ := c.Seek(timeKey(since)); k != nil; k, _ = c.Next() {
			if len(k) <= timeLen {
				continue
			}
			order := string(k[timeLen:])
			entries, err := decodeJournal(journals.Get(k[timeLen:]), order)
			if err != nil {
				return err
			}
			for _, e := range entries {
				if !maxTime(e.At, e.Until).Before(since) {
					out = append(out, e)
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b Entry) int { return cmp.Compare(a.Seq, b.Seq) })
	return out, nil
}

// Journal line field tags (codec.go). Append new ones; never reuse a number.
const (
	entSeq = 1 + iota
	entAt
	entStage
	entStep
	entMethod
	entPath
	entKey
	entIntent
	entRequest
	entStatus
	entDuration
	entOutcome
	entPhase
	entRepeats
	entUntil
	entCart // JSON of the cart, on the line before the create
)

// A journal record is its lines, each a nested record under this tag.
const journalLine = 1

// encodeEntry encodes a journal line, leaving out every field equal to the previous
// line's: a step's before, call and after lines share their key, intent and step.
func encodeEntry(e, prev Entry) []byte {
	var f fields
	f.intSince(entSeq, int64(e.Seq), int64(prev.Seq))
	f.timeSince(entAt, e.At, prev.At)
	f.strSince(entStage, e.Stage, prev.Stage)
	f.strSince(entStep, e.Step, prev.Step)
	f.strSince(entMethod, e.Method, prev.Method)
	f.strSince(entPath, e.Path, prev.Path)
	f.strSince(entKey, e.IdempotencyKey, prev.IdempotencyKey)
	f.strSince(entIntent, e.PaymentIntentID, prev.PaymentIntentID)
	f.strSince(entRequest, e.RequestID, prev.RequestID)
	f.intSince(entStatus, int64(e.HTTPStatus), int64(prev.HTTPStatus))
	f.intSince(entDuration, int64(e.Duration), int64(prev.Duration))
	f.strSince(entOutcome, e.Outcome, prev.Outcome)
	f.strSince(entPhase, e.Phase, prev.Phase)
	f.intSince(entRepeats, int64(e.Repeats), int64(prev.Repeats))
	f.timeSince(entUntil, e.Until, prev.Until)
	if e.Cart != nil {
		cart, _ := json.Marshal(e.Cart) // a Cart always marshals
		f.raw(entCart, cart)
	}
	return f.b
}

// decodeEntry reads a journal line encoded after prev. The cart is a line's own.
func decodeEntry(rec []byte, prev Entry) (Entry, error) {
	e := prev
	e.Cart = nil
	err := eachField(rec, func(f field) error {
		var err error
		switch f.tag {
		case entSeq:
			e.Seq = uint64(f.v)
		case entAt:
			e.At, err = f.time()
		case entStage:
			e.Stage = f.str()
		case entStep:
			e.Step = f.str()
		case entMethod:
			e.Method = f.str()
		case entPath:
			e.Path = f.str()
		case entKey:
			e.IdempotencyKey = f.str()
		case entIntent:
			e.PaymentIntentID = f.str()
		case entRequest:
			e.RequestID = f.str()
		case entStatus:
			e.HTTPStatus = int(f.v)
		case entDuration:
			e.Duration = time.Duration(f.v)
		case entOutcome:
			e.Outcome = f.str()
		case entPhase:
			e.Phase = f.str()
		case entRepeats:
			e.Repeats = int(f.v)
		case entUntil:
			e.Until, err = f.time()
		case entCart:
			e.Cart = new(checkout.Cart)
			err = json.Unmarshal(f.b, e.Cart)
		}
		return err
	})
	return e, err
}

// encodeJournal encodes journal lines, each after the one before it.
func encodeJournal(entries []Entry) []byte {
	var f fields
	var prev Entry
	for _, e := range entries {
		f.raw(journalLine, encodeEntry(e, prev))
		prev = e
	}
	return f.b
}

// decodeJournal reads journal lines; nil reads as none. Strings are copied, so nothing
// points into bbolt's memory after the transaction.
func decodeJournal(rec []byte, orderID string) ([]Entry, error) {
	var out []Entry
	prev := Entry{OrderID: orderID}
	rec, err := unpack(rec)
	if err != nil {
		return nil, fmt.Errorf("the journal of %s is unreadable: %w", orderID, err)
	}
	err = eachField(rec, func(f field) error {
		if f.tag != journalLine {
			return nil
		}
		e, err := decodeEntry(f.b, prev)
		out, prev = append(out, e), e
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("the journal of %s is unreadable: %w", orderID, err)
	}
	return out, nil
}

// writable is a bucket for writing, filled to 90%: till's keys mostly grow (times,
// time-ordered order ids), so bbolt's default of half-full pages would waste half the file.
func writable(tx *bbolt.Tx, name []byte) *bbolt.Bucket {
	b := tx.Bucket(name)
	b.FillPercent = 0.9
	return b
}

// keyed copies a key out of bbolt's memory.
func keyed(k []byte) []byte { return bytes.Clone(k) }
