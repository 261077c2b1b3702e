package emulator

import "strings"

var locationListParams = []string{"limit", "starting_after", "ending_before"}

func (x *txn) location(id, param string) (*locationRec, *apiError) {
	rec, ok := x.st.Locations.get(id)
	if !ok || !x.owns(id) {
		return nil, errNoSuch("terminal.location", id, param)
	}
	return rec, nil
}

func (x *txn) listLocations() (any, error) {
	if err := x.checkExpand(); err != nil {
		return nil, err
	}
	t := x.st.Locations
	render := func(rec *locationRec) any {
		l := rec.Obj
		return &l
	}
	return listPage(x, t, t.all(), owned[locationRec](x, nil), render, "/v1/terminal/locations", "terminal.location")
}

func (x *txn) retrieveLocation() (any, error) {
	if err := x.checkExpand(); err != nil {
		return nil, err
	}
	rec, err := x.location(x.pathValue("location"), "location")
	if err != nil {
		return x.orDeleted(x.pathValue("location"), "terminal.location", err)
	}
	l := rec.Obj
	return &l, nil
}

var locationParams = []string{"display_name", "address", "metadata", "configuration_overrides", "phone"}

type deletedObject struct {
	ID      string `json:"id"`
	Object  string `json:"object"`
	Deleted bool   `json:"deleted"`
}

// deleteObject deletes an object (its owner entry goes at the commit), answering as
// Stripe answers a DELETE: the id, the table's object name and deleted=true.
func deleteObject[T any](t *table[T], id string) *deletedObject {
	t.del(id)
	return &deletedObject{ID: id, Object: t.kindName(), Deleted: true}
}

var addressFields = []string{"line1", "line2", "city", "state", "postal_code", "country"}

// readAddress reads address[...]; country is required within it.
func readAddress(p params) (address, bool, *apiError) {
	var a address
	sent := false
	for k := range p {
		if topName(k) != "address" {
			continue
		}
		sent = true
		found := false
		for _, f := range addressFields {
			found = found || subField(k, "address") == f
		}
		if !found {
			return a, false, errUnknownParam(k)
		}
	}
	if !sent {
		return a, false, nil
	}
	get := func(f string) *string { return optStr(p, "address["+f+"]") }
	a = address{City: get("city"), Country: get("country"), Line1: get("line1"), Line2: get("line2"),
		PostalCode: get("postal_code"), State: get("state")}
	if err := checkAddress(&a); err != nil {
		return a, false, err
	}
	return a, true, nil
}

// checkAddress refuses an address Stripe refuses for a location: none, a country that
// is not an ISO 3166-1 code, or without line1 (the API reference: required) or the city,
// postal code or state its country needs (the guide's table, countries.go). It writes
// the country in capitals, as Stripe answers it.
func checkAddress(a *address) *apiError {
	if a.Country == nil || *a.Country == "" {
		return errMissingParam("address[country]")
	}
	code, ok := countryCode(*a.Country)
	if !ok {
		return validationError("", "address[country]", "Country '%s' is unknown. Try using a 2-character alphanumeric country code instead, such as 'US', 'EG', or 'GB'. A full list of country codes is available at https://www.iso.org/iso-3166-country-codes.html", *a.Country)
	}
	a.Country = &code
	blank := func(v *string) bool { return v == nil || strings.TrimSpace(*v) == "" }
	switch {
	case blank(a.Line1):
		return errMissingParam("address[line1]")
	case needsCity(code) && blank(a.City):
		return errMissingParam("address[city]")
	case needsPostalCode(code) && blank(a.PostalCode):
		return errMissingParam("address[postal_code]")
	case needsState(code) && blank(a.State):
		return errMissingParam("address[state]")
	}
	return nil
}

func (x *txn) createLocation() (any, error) {
	name, ok := x.p.str("display_name")
	if !ok || name == "" {
		return nil, errMissingParam("display_name")
	}
	addr, ok, err := readAddress(x.p)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, errMissingParam("address")
	}
	md, _, err := readMetadata(x.p)
	if err != nil {
		return nil, err
	}
	if err := x.checkExpand(); err != nil {
		return nil, err
	}
	overrides, err := x.configurationOverrides()
	if err != nil {
		return nil, err
	}
	id := x.st.addLocation(x.now, name, addr, md)
	x.own(id)
	rec, _ := x.st.Locations.get(id)
	rec.Obj.ConfigurationOverrides = overrides
	rec.Obj.Phone, _ = optString(x.p, "phone", 0)
	l := rec.Obj
	return &l, nil
}

func (x *txn) updateLocation() (any, error) {
	rec, err := x.location(x.pathValue("location"), "location")
	if err != nil {
		return x.orDeleted(x.pathValue("location"), "terminal.location", err)
	}
	addr, addrSent, err := readAddress(x.p)
	if err != nil {
		return nil, err
	}
	md, err := readMetadataUpdate(x.p)
	if err != nil {
		return nil, err
	}
	if err := x.checkExpand(); err != nil {
		return nil, err
	}
	if name, ok := x.p.str("display_name"); ok {
		if name == "" {
			return nil, validationError("parameter_invalid_string_empty", "display_name", "display_name must not be empty.")
		}
		rec.Obj.DisplayName = name
	}
	if addrSent {
		rec.Obj.Address = addr
	}
	rec.Obj.Metadata = md.apply(rec.Obj.Metadata)
	overrides, err := x.configurationOverrides()
	if err != nil {
		return nil, err
	}
	if x.p.has("configuration_overrides") {
		rec.Obj.ConfigurationOverrides = overrides
	}
	if x.p.has("phone") {
		rec.Obj.Phone, _ = optString(x.p, "phone", 0)
	}
	l := rec.Obj
	return &l, nil
}

func (x *txn) deleteLocation() (any, error) {
	rec, err := x.location(x.pathValue("location"), "location")
	if err != nil {
		return nil, err
	}
	d := deleteObject(x.st.Locations, rec.Obj.ID)
	x.keepDeleted(rec.Obj.ID, rec.Seq, &deletedRec{Other: d})
	return d, nil
}

// configurationOverrides reads configuration_overrides: one of the account's Terminal
// configurations, or "" for none.
func (x *txn) configurationOverrides() (*string, *apiError) {
	id, _ := optString(x.p, "configuration_overrides", 0)
	if id == nil {
		return nil, nil
	}
	if _, err := x.configuration(*id, "configuration_overrides"); err != nil {
		return nil, err
	}
	return id, nil
}
