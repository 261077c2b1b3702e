package emulator

import "strings"

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
	// An event's terms are its type and account, so the filter reads no event body.
	t := x.st.Events
	keep := func(en *entry[event]) bool {
		et, acct := eventTerms(t, en)
		return acct == x.account && match(en.created) && (!byType || typeMatches(typ, et)) && (!byTypes || anyTypeMatches(types, et))
	}
	render := func(ev *event) any { return ev }
	return listPage(x, t, t.all(), keep, render, "/v1/events", "event")
}

// eventTermsOf index an event by type and by connected account (none: the platform's).
func eventTermsOf(ev *event, t *termList) {
	t.field("type", ev.Type)
	t.optField("account", ev.Account)
}

// eventTerms reads an entry's type and account back from its terms.
func eventTerms(t *table[event], en *entry[event]) (typ, account string) {
	for _, term := range t.termsOf(en) {
		if s, ok := strings.CutPrefix(term, "type:"); ok {
			typ = s
		} else if s, ok := strings.CutPrefix(term, "account:"); ok {
			account = s
		}
	}
	return typ, account
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
	if ev, ok := x.st.Events.get(id); ok && x.ownsEvent(ev) {
		return ev, nil
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
