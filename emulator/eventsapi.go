package emulator

import (
	"bytes"
	"strings"
)

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
	delivered, byDelivery, err := x.p.boolean("delivery_success")
	if err != nil {
		return nil, err
	}
	// An event's terms are its type and account, so the filter reads no event body
	// unless it asks how its deliveries went.
	t := x.st.Events
	keep := func(en *entry[event]) bool {
		et, acct := eventTerms(t, en)
		if acct != x.account || !match(en.created) || byType && !typeMatches(typ, et) || byTypes && !anyTypeMatches(types, et) {
			return false
		}
		if !byDelivery {
			return true
		}
		pending, ok := eventPending(t, en)
		return ok && (pending == 0) == delivered
	}
	render := func(ev *event) any { return ev }
	return listPage(x, t, t.all(), keep, render, "/v1/events", "event")
}

// eventDelivered counts an event's delivery to one endpoint: pending_webhooks is the
// number of endpoints it has not reached yet (still trying, or given up), so
// delivery_success=true lists the events every endpoint took (none has no endpoint to
// miss) and false those still pending or failed at one. It is no request: the clock's
// catch-up (settle) waits for the next one, and the state file gets the count alone,
// beside the event's body (recordWriter.side), not the event again.
func (e *Emulator) eventDelivered(id string) {
	e.mu.Lock()
	st := e.st
	ev, ok := st.Events.peek(id)
	if !ok || ev.PendingWebhooks == 0 {
		e.mu.Unlock()
		return
	}
	ev.PendingWebhooks--
	w := e.writer()
	w.side(st.Events.kind.name, id, ev.PendingWebhooks)
	e.unlockWriting(st.seal(&w))
}

// eventPending is an event's pending_webhooks, read without decoding an event still
// encoded (after a restart): from the side counter the state file had for it, else
// from its body's own key, the last "pending_webhooks" in it (one inside data.object
// comes before, and no string holds the key's unescaped quotes).
func eventPending(t *table[event], en *entry[event]) (int64, bool) {
	if en.obj == nil && en.raw != nil {
		if n, ok := t.sides[en]; ok {
			return n, true
		}
		if i := bytes.LastIndex(en.raw, pendingKey); i >= 0 {
			p := headParser{b: en.raw, i: i + len(pendingKey)}
			if n, err := p.int(); err == nil {
				return n, true
			}
		}
	}
	ev := t.objOf(en)
	if ev == nil {
		return 0, false
	}
	return ev.PendingWebhooks, true
}

var pendingKey = []byte(`"pending_webhooks":`)

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
