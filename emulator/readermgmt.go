package emulator

import (
	"net/http"
	"sort"
)

var (
	readerRegisterParams = []string{"registration_code", "label", "location", "metadata"}
	readerUpdateParams   = []string{"label", "metadata"}
)

// registerReader registers a simulated reader; physical pairing codes are refused,
// since there is no physical reader to pair with.
func (x *txn) registerReader() (any, error) {
	code, ok := x.p.str("registration_code")
	if !ok || code == "" {
		return nil, errMissingParam("registration_code")
	}
	md, _, err := readMetadata(x.p)
	if err != nil {
		return nil, err
	}
	label, _ := x.p.str("label")
	if len(label) > 1000 {
		return nil, validationError("", "label", "label must be at most 1000 characters long.")
	}
	if err := x.checkExpand(readerExpands...); err != nil {
		return nil, err
	}
	if _, ok := registrationCodes[code]; !ok {
		codes := make([]string, 0, len(registrationCodes))
		for c := range registrationCodes {
			codes = append(codes, c)
		}
		sort.Strings(codes)
		return nil, invalidRequest(http.StatusBadRequest, "", "registration_code",
			"The registration code %q is invalid. This emulator registers simulated readers only: %v.", code, codes)
	}
	loc, ok := x.p.str("location")
	if !ok || loc == "" {
		var mine []string
		x.st.Locations.oldest(func(en *entry[locationRec]) bool {
			if x.owns(en.id) {
				mine = append(mine, en.id)
			}
			return len(mine) < 2
		})
		if len(mine) != 1 {
			return nil, errMissingParam("location")
		}
		loc = mine[0]
	}
	if _, err := x.location(loc, "location"); err != nil {
		return nil, err
	}
	rec := x.st.addReader(x.now, code, label, loc, md)
	x.own(rec.Obj.ID)
	return x.renderReader(rec), nil
}

func (x *txn) updateReader() (any, error) {
	rec, err := x.reader(x.pathValue("reader"), "reader")
	if err != nil {
		return x.orDeleted(x.pathValue("reader"), "terminal.reader", err)
	}
	md, err := readMetadataUpdate(x.p)
	if err != nil {
		return nil, err
	}
	if err := x.checkExpand(readerExpands...); err != nil {
		return nil, err
	}
	if label, ok := x.p.str("label"); ok {
		if label == "" {
			label = registrationCode(rec.Obj.DeviceType) // as a reader registered without a label
		}
		rec.Obj.Label = label
	}
	rec.Obj.Metadata = md.apply(rec.Obj.Metadata)
	return x.renderReader(rec), nil
}

func (x *txn) deleteReader() (any, error) {
	rec, err := x.reader(x.pathValue("reader"), "reader")
	if err != nil {
		return nil, err
	}
	x.st.Readers.del(rec.Obj.ID)
	delete(x.e.faults, rec.Obj.ID)
	d := &deletedReader{ID: rec.Obj.ID, Object: "terminal.reader", Deleted: true,
		DeviceType: rec.Obj.DeviceType, SerialNumber: rec.Obj.SerialNumber}
	x.keepDeleted(rec.Obj.ID, rec.Seq, &deletedRec{Reader: d})
	return d, nil
}
