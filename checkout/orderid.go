package checkout

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"strings"
)

// Order ids go into Stripe metadata and search queries, idempotency keys (HTTP
// headers), the journal's keys and export file names. So they are kept to a safe
// alphabet where they enter: the flag, the screen, the store and Stripe's answers.

// MaxOrderIDLen is the longest order id till accepts.
const MaxOrderIDLen = 64

// OrderIDRule says in words what ValidOrderID accepts.
const OrderIDRule = "1 to 64 letters, digits, '.', '-' or '_', starting with a letter or digit"

// ValidOrderID refuses anything but 1 to 64 ASCII letters, digits, '.', '-' and '_',
// starting with a letter or digit: no path separator, no "..", no space, no control
// character, nothing a shell or a terminal reads specially.
func ValidOrderID(id string) error {
	if id == "" || len(id) > MaxOrderIDLen || !alnum(id[0]) {
		return fmt.Errorf("%q is not an order id: %s", id, OrderIDRule)
	}
	for i := 0; i < len(id); i++ {
		if c := id[i]; !alnum(c) && c != '.' && c != '-' && c != '_' {
			return fmt.Errorf("%q is not an order id: %s", id, OrderIDRule)
		}
	}
	return nil
}

func alnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// Sendable reports whether the order id can travel in an HTTP header (an idempotency
// key). Ids made before ValidOrderID existed may hold control characters; no call
// carrying such an id's key ever left the machine (Go refuses to send the header).
func Sendable(orderID string) bool {
	// net/http's check of a header value: no control character but tab.
	for i := 0; i < len(orderID); i++ {
		if c := orderID[i]; (c < ' ' && c != '\t') || c == 0x7f {
			return false
		}
	}
	return true
}

// keyID is the order's part of its idempotency keys: the id itself, as always, or, for
// an old id that cannot be sent, a digest of it, so no key is ever an invalid header.
// Such an id's own keys never reached Stripe, so a new key repeats nothing.
func keyID(orderID string) string {
	if Sendable(orderID) {
		return orderID
	}
	sum := sha256.Sum256([]byte(orderID))
	return "x" + hex.EncodeToString(sum[:16])
}

// ExportPath is the one way to name an export file: dir, then "till-KIND-ID.EXT". kind
// and ext are till's own words; id (an order id, a time stamp) must pass
// ValidOrderID, so the name is always one plain file inside dir.
func ExportPath(dir, kind, id, ext string) (string, error) {
	for _, part := range []string{kind, ext} {
		if ValidOrderID(part) != nil || strings.ContainsAny(part, ".") {
			return "", fmt.Errorf("%q cannot be part of an export file name", part)
		}
	}
	if err := ValidOrderID(id); err != nil {
		return "", fmt.Errorf("cannot name an export after it: %w", err)
	}
	return filepath.Join(dir, "till-"+kind+"-"+id+"."+ext), nil
}
