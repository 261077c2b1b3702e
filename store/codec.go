package store

import (
	"encoding/binary"
	"errors"
	"time"
)

// The compact records (summaries, journal lines) use a small tagged binary encoding:
// each field is a uvarint key, tag<<1 | kind, then its value — kind 0 a zigzag varint,
// kind 1 a uvarint length and that many bytes. Zero values are left out and unknown tags
// are skipped, so a newer till may add fields an older one ignores, and a field an older
// record lacks reads as zero. Times are their 12-byte timeKey.

var errBadRecord = errors.New("unreadable record")

// fields builds a record.
type fields struct{ b []byte }

func (f *fields) int(tag int, v int64) {
	if v == 0 {
		return
	}
	f.b = binary.AppendUvarint(f.b, uint64(tag)<<1)
	f.b = binary.AppendVarint(f.b, v)
}

func (f *fields) str(tag int, s string) {
	if s == "" {
		return
	}
	f.raw(tag, []byte(s))
}

// raw writes bytes even when empty: a nested record is present though all its fields are zero.
func (f *fields) raw(tag int, b []byte) {
	f.b = binary.AppendUvarint(f.b, uint64(tag)<<1|1)
	f.b = binary.AppendUvarint(f.b, uint64(len(b)))
	f.b = append(f.b, b...)
}

func (f *fields) time(tag int, t time.Time) {
	if !t.IsZero() {
		f.raw(tag, timeKey(t))
	}
}

// The same three for a field of a list's item, left out when it equals the previous
// item's: written even when zero, so that a zero can differ from what came before.

func (f *fields) intSince(tag int, v, prev int64) {
	if v != prev {
		f.b = binary.AppendUvarint(f.b, uint64(tag)<<1)
		f.b = binary.AppendVarint(f.b, v)
	}
}

func (f *fields) strSince(tag int, s, prev string) {
	if s != prev {
		f.raw(tag, []byte(s))
	}
}

func (f *fields) timeSince(tag int, t, prev time.Time) {
	switch {
	case t.Equal(prev) && t.IsZero() == prev.IsZero():
	case t.IsZero():
		f.raw(tag, nil)
	default:
		f.raw(tag, timeKey(t))
	}
}

// field is one field read back: v for a varint, b (pointing into the record) for bytes.
type field struct {
	tag   int
	bytes bool
	v     int64
	b     []byte
}

func (f field) str() string { return string(f.b) }

// time reads a time; no bytes at all is the zero time.
func (f field) time() (time.Time, error) {
	if f.bytes && len(f.b) == 0 {
		return time.Time{}, nil
	}
	if !f.bytes || len(f.b) != timeLen {
		return time.Time{}, errBadRecord
	}
	sec := int64(binary.BigEndian.Uint64(f.b) ^ (1 << 63))
	nsec := binary.BigEndian.Uint32(f.b[8:])
	if nsec >= 1e9 {
		return time.Time{}, errBadRecord
	}
	return time.Unix(sec, int64(nsec)).UTC(), nil
}

// eachField calls fn for every field of rec, in order, and stops at the first error.
func eachField(rec []byte, fn func(field) error) error {
	for len(rec) > 0 {
		key, n := binary.Uvarint(rec)
		if n <= 0 || key>>1 > 1<<30 {
			return errBadRecord
		}
		rec = rec[n:]
		f := field{tag: int(key >> 1), bytes: key&1 == 1}
		if f.bytes {
			size, n := binary.Uvarint(rec)
			if n <= 0 || size > uint64(len(rec)-n) {
				return errBadRecord
			}
			f.b, rec = rec[n:n+int(size)], rec[n+int(size):]
		} else {
			if f.v, n = binary.Varint(rec); n <= 0 {
				return errBadRecord
			}
			rec = rec[n:]
		}
		if err := fn(f); err != nil {
			return err
		}
	}
	return nil
}
