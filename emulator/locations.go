package emulator

var locationListParams = []string{"limit", "starting_after", "ending_before"}

func (x *txn) location(id, param string) (*locationRec, *apiError) {
	rec, ok := x.st.Locations[id]
	if !ok {
		return nil, errNoSuch("terminal.location", id, param)
	}
	return rec, nil
}

func (x *txn) listLocations() (any, error) {
	if err := x.checkExpand(); err != nil {
		return nil, err
	}
	var items []item
	for _, rec := range x.st.Locations {
		l := rec.Obj
		items = append(items, item{id: l.ID, seq: rec.Seq, obj: &l})
	}
	return x.paginate(items, "/v1/terminal/locations", "terminal.location")
}

func (x *txn) retrieveLocation() (any, error) {
	if err := x.checkExpand(); err != nil {
		return nil, err
	}
	rec, err := x.location(x.pathValue("location"), "location")
	if err != nil {
		return nil, err
	}
	l := rec.Obj
	return &l, nil
}
