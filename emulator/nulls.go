package emulator

// Stripe sends every field of an object, null when it has no value; the spec says which
// ones (spec_test.go checks them). The fields the emulator never fills are these types:
// they take no room in the stored object and the state file keeps them as null.

// alwaysNull is a field the emulator never fills (customer_account, review, ...).
type alwaysNull struct{}

func (alwaysNull) appendJSON(b []byte) ([]byte, error) { return append(b, "null"...), nil }

func (alwaysNull) MarshalJSON() ([]byte, error) { return []byte("null"), nil }

// nullIfSet is a field written, as null, only when set: one of a type shared by two
// objects that only one of them has (card_present's brand_product, which
// interac_present's details lack).
type nullIfSet bool

func (nullIfSet) appendJSON(b []byte) ([]byte, error) { return append(b, "null"...), nil }

func (nullIfSet) MarshalJSON() ([]byte, error) { return []byte("null"), nil }

// UnmarshalJSON reads the field back from the state file: there, it is set.
func (n *nullIfSet) UnmarshalJSON([]byte) error {
	*n = true
	return nil
}
