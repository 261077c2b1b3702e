package emulator

var eventListParams = []string{"type", "types", "created", "limit", "starting_after", "ending_before", "delivery_success"}

func (x *txn) listEvents() (any, error) {
	if err := x.checkExpand(); err != nil {
		return nil, err
	}
	match, err := x.createdFilter()
	if err != nil {
		return nil, err
	}
	typ, byType := x.p.str("type")
	types, byTypes := x.p.list("types")
	var items []item
	for i, ev := range x.st.Events {
		if !x.ownsEvent(ev) || !match(ev.Created) || (byType && !typeMatches(typ, ev.Type)) || (byTypes && !anyTypeMatches(types, ev.Type)) {
			continue
		}
		items = append(items, item{id: ev.ID, seq: int64(i), obj: ev})
	}
	return x.paginate(items, "/v1/events", "event")
}

// typeMatches supports Stripe's trailing wildcard: "payment_intent.*".
func typeMatches(pattern, typ string) bool {
	if n := len(pattern); n > 0 && pattern[n-1] == '*' {
		return len(typ) >= n-1 && typ[:n-1] == pattern[:n-1]
	}
	return pattern == typ
}

func anyTypeMatches(patterns []string, typ string) bool {
	for _, p := range patterns {
		if typeMatches(p, typ) {
			return true
		}
	}
	return false
}

func (x *txn) retrieveEvent() (any, error) {
	if err := x.checkExpand(); err != nil {
		return nil, err
	}
	id := x.pathValue("event")
	for _, ev := range x.st.Events {
		if ev.ID == id && x.ownsEvent(ev) {
			return ev, nil
		}
	}
	return nil, errNoSuch("event", id, "id")
}

// ownsEvent reports whether an event happened on the request's account.
func (x *txn) ownsEvent(ev *event) bool {
	if ev.Account == nil {
		return x.account == ""
	}
	return *ev.Account == x.account
}
