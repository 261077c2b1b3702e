package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
	"time"
)

// maxOrderIDLen is Stripe's limit on a metadata value, where the order id also goes.
const maxOrderIDLen = 500

// checkOrderID refuses ids that cannot be keys: indexes by order (refunds_by_order,
// schema version 1's journal) separate the order id from the next id with a NUL byte.
func checkOrderID(id string) error {
	switch {
	case id == "":
		return errors.New("the order id is empty")
	case len(id) > maxOrderIDLen:
		return fmt.Errorf("the order id is longer than %d bytes", maxOrderIDLen)
	case strings.IndexByte(id, 0) >= 0:
		return fmt.Errorf("the order id %q contains a NUL byte", id)
	}
	return nil
}

const seqLen = 8

// seqKey encodes n big-endian so keys sort in numeric order.
func seqKey(n uint64) []byte {
	b := make([]byte, seqLen)
	binary.BigEndian.PutUint64(b, n)
	return b
}

const timeLen = 12

// timeKey encodes t so byte order is time order for every time, including the zero
// time and times before 1970: Unix seconds with the sign bit flipped, then nanoseconds.
func timeKey(t time.Time) []byte {
	b := make([]byte, timeLen)
	binary.BigEndian.PutUint64(b, uint64(t.Unix())^(1<<63))
	binary.BigEndian.PutUint32(b[8:], uint32(t.Nanosecond()))
	return b
}

// concat joins key parts into a new slice.
func concat(parts ...[]byte) []byte {
	return bytes.Join(parts, nil)
}

// orderPrefix starts every key of an index by order id then another id: the order id
// and a NUL byte, which no order id holds.
func orderPrefix(orderID string) []byte {
	return append([]byte(orderID), 0)
}
