package emulator

// Stripe answers a retrieve or an update of a deleted reader, location or configuration
// with the deleted object ({"id", "object", "deleted": true}, and a reader's device type
// and serial number), not with resource_missing (the spec's answer there is the object or
// its deleted form). The emulator keeps that form after the delete; a second delete is
// still No such ... (UNCERTAIN: Stripe's answer to deleting twice is not documented).

// deletedRec is the deleted form of an object, kept for the account that deleted it:
// Reader for a reader, Other for a location or configuration.
type deletedRec struct {
	Seq     int64          `json:"seq"`
	Account string         `json:"account,omitempty"`
	Reader  *deletedReader `json:"reader,omitempty"`
	Other   *deletedObject `json:"other,omitempty"`
}

// keepDeleted records the deleted form of the object id (of creation order seq)
// deleted by this request.
func (x *txn) keepDeleted(id string, seq int64, d *deletedRec) {
	d.Seq, d.Account = seq, x.account
	x.st.Deleted.put(id, seq, d)
}

// deletedForm is the deleted form of the account's object id of kind object, if it
// was deleted and is still remembered.
func (x *txn) deletedForm(id, object string) (any, bool) {
	d, ok := x.st.Deleted.peek(id)
	switch {
	case !ok || d.Account != x.account:
		return nil, false
	case d.Reader != nil && d.Reader.Object == object:
		return d.Reader, true
	case d.Other != nil && d.Other.Object == object:
		return d.Other, true
	}
	return nil, false
}

// orDeleted answers a retrieve or update that found no live object with its deleted
// form when there is one, else with err.
func (x *txn) orDeleted(id, object string, err *apiError) (any, error) {
	if d, ok := x.deletedForm(id, object); ok {
		return d, nil
	}
	return nil, err
}
