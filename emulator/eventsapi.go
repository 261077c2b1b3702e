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
	// An event's only term is its type, so the filter reads no event body.
	keep := func(en *entry[event]) bool {
		t := ""
		if len(en.terms) > 0 {
			t = en.terms[0][len("type:"):]
		}
		return match(en.created) && (!byType || typeMatches(typ, t)) && (!byTypes || anyTypeMatches(types, t))
	}
	t := x.st.Events
	render := func(ev *event) any { return ev }
	return listPage(x, t, t.all(), keep, render, "/v1/events", "event")
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
	ev, ok := x.st.Events.get(id)
	if !ok {
		return nil, errNoSuch("event", id, "id")
	}
	return ev, nil
}
