package emulator

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
)

// newID returns the next Stripe-like id with the given prefix ("pi", "tmr", ...).
// The counter lives in the state, so ids never repeat across restarts.
func (s *state) newID(prefix string) (string, int64) {
	s.Seq++
	return fmt.Sprintf("%s_Emu%010d", prefix, s.Seq), s.Seq
}

// digest is a short deterministic hex string derived from an id, for fields that
// Stripe fills with opaque values (fingerprints, serial numbers, cryptograms).
func digest(id string, n int) string {
	sum := sha256.Sum256([]byte(id))
	h := hex.EncodeToString(sum[:])
	if n > len(h) {
		n = len(h)
	}
	return h[:n]
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
