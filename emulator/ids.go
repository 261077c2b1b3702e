package emulator

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
)

// newID returns the next Stripe-like id with the given prefix ("pi", "tmr", ...).
// The counter lives in the state, so ids never repeat across restarts.
func (s *state) newID(prefix string) (string, int64) {
	s.Seq++
	return string(appendPadded(append([]byte(prefix), "_Emu"...), s.Seq, 10)), s.Seq
}

// appendPadded appends n in decimal, zero-padded to width digits (fmt's %0*d, without
// fmt: every request makes several ids).
func appendPadded(b []byte, n int64, width int) []byte {
	var digits [20]byte
	d := strconv.AppendInt(digits[:0], n, 10)
	for i := len(d); i < width; i++ {
		b = append(b, '0')
	}
	return append(b, d...)
}

// digest is a short deterministic hex string derived from an id, for fields that
// Stripe fills with opaque values (fingerprints, serial numbers, cryptograms).
func digest(id string, n int) string {
	sum := sha256.Sum256([]byte(id))
	var h [2 * sha256.Size]byte
	hex.Encode(h[:], sum[:])
	return string(h[:min(n, len(h))]) // only the n characters kept are allocated
}

// seqOfID is the counter value an id was made with (charges and payment methods have no
// record of their own to keep it, and list in creation order by it).
func seqOfID(id string) int64 {
	i := len(id)
	for i > 0 && id[i-1] >= '0' && id[i-1] <= '9' {
		i--
	}
	n, _ := strconv.ParseInt(id[i:], 10, 64)
	return n
}
