package emulator

import (
	"slices"
	"strings"
)

var (
	readerListParams     = []string{"limit", "starting_after", "ending_before", "location", "status", "device_type", "serial_number"}
	readerExpands        = []string{"location", "action.process_payment_intent.payment_intent", actionIntentCharge}
	processParams        = []string{"payment_intent", "process_config"}
	allowRedisplayValues = []string{"always", "limited", "unspecified"}
)

// actionIntentCharge expands the charge of the reader's payment (four levels, Stripe's most).
const actionIntentCharge = "action.process_payment_intent.payment_intent.latest_charge"

func (x *txn) reader(id, param string) (*readerRec, *apiError) {
	rec, ok := x.st.Readers.get(id)
	if !ok || !x.owns(id) {
		return nil, errNoSuch("terminal.reader", id, param)
	}
	return rec, nil
}

// readersByCreation returns the readers in creation order, read-only: touch a reader
// you change.
func (st *state) readersByCreation() []*readerRec {
	out := make([]*readerRec, 0, st.Readers.size())
	st.Readers.scan(func(r *readerRec) bool {
		out = append(out, r)
		return true
	})
	return out
}

// renderReader is the reader as the request sees it: liveness from the clock and the
// faults, expansions applied, at the request's API version. The stored record is not
// changed; what the rendering does not change (the action, unless expanded) is shared
// with it, read-only.
func (x *txn) renderReader(rec *readerRec) *reader {
	out := x.readerNow(rec)
	// Expanding a field's field expands the field too, as Stripe does.
	if a := rec.Obj.Action; a != nil && a.ProcessPaymentIntent != nil &&
		(x.expands("action.process_payment_intent.payment_intent") || x.expands(actionIntentCharge)) {
		action, ppi := *a, *a.ProcessPaymentIntent
		if pi, ok := x.st.Intents.peek(ppi.PaymentIntent.ID); ok {
			obj := *x.renderIntent(&pi.Obj)
			if x.expands(actionIntentCharge) {
				x.expandCharge(&obj, actionIntentCharge+".")
			}
			ppi.PaymentIntent.obj = &obj
		}
		action.ProcessPaymentIntent = &ppi
		out.Action = &action
	}
	if x.expands("location") && out.Location.ID != "" {
		if loc, ok := x.st.Locations.peek(out.Location.ID); ok {
			l := loc.Obj
			out.Location.obj = &l
		}
	}
	out.Action = actionAt(out.Action, x.version)
	return out
}

// readerNow is the reader as it is now, liveness from the clock and the faults, as an
// event carries it: no expansion, at no API version yet (emit renders it at each).
func (x *txn) readerNow(rec *readerRec) *reader {
	blk := &struct { // one allocation for the reader, its last_seen_at and status
		out    reader
		seen   int64
		status string
	}{out: rec.Obj, status: "offline"}
	out := &blk.out
	seen, online := x.liveness(rec)
	blk.seen = seen.UnixMilli()
	out.LastSeenAt = &blk.seen
	if online {
		blk.status = "online"
	}
	out.Status = &blk.status
	return out
}

// noAPIError is what api_error points to when it is null.
var noAPIError *apiErrorFields

func (x *txn) listReaders() (any, error) {
	if err := x.listOf(readerExpands...); err != nil {
		return nil, err
	}
	loc, byLoc := x.p.str("location")
	status, byStatus := x.p.str("status")
	if byStatus && status != "online" && status != "offline" {
		return nil, errInvalidEnum("status", status, "online", "offline")
	}
	dt, byType := x.p.str("device_type")
	serial, bySerial := x.p.str("serial_number")
	t := x.st.Readers
	match := func(en *entry[readerRec]) bool {
		rec := t.objOf(en)
		if rec == nil {
			return false
		}
		r := x.renderReader(rec)
		return !(byLoc && r.Location.ID != loc || byStatus && *r.Status != status ||
			byType && r.DeviceType != dt || bySerial && r.SerialNumber != serial)
	}
	render := func(rec *readerRec) any { return x.renderReader(rec) }
	return listPage(x, t, t.all(), owned(x, match), render, "/v1/terminal/readers", "terminal.reader")
}

func (x *txn) retrieveReader() (any, error) {
	if err := x.checkExpand(readerExpands...); err != nil {
		return nil, err
	}
	rec, err := x.reader(x.pathValue("reader"), "reader")
	if err != nil {
		return x.orDeleted(x.pathValue("reader"), "terminal.reader", err)
	}
	return x.renderReader(rec), nil
}

// readProcessConfig reads process_config (process_payment_intent) or collect_config
// (collect_payment_method). allow_redisplay is not part of the rendered config; it is
// returned apart, for the card a setup_future_usage payment saves.
func readProcessConfig(p params, prefix string) (cfg *processConfig, allowRedisplay string, err *apiError) {
	fields := []string{"enable_customer_cancellation", "skip_tipping", "tipping", "allow_redisplay"}
	if prefix == "process_config" {
		fields = append(fields, "return_url")
	}
	cfg = &processConfig{}
	sent := false
	for k := range p {
		if topName(k) != prefix {
			continue
		}
		sent = true
		if !slices.Contains(fields, subField(k, prefix)) {
			return nil, "", errUnknownParam(k)
		}
	}
	if !sent {
		return nil, "", nil
	}
	if cfg.EnableCustomerCancellation, err = p.optBool(prefix + "[enable_customer_cancellation]"); err != nil {
		return nil, "", err
	}
	if cfg.SkipTipping, err = p.optBool(prefix + "[skip_tipping]"); err != nil {
		return nil, "", err
	}
	cfg.ReturnURL = optStr(p, prefix+"[return_url]")
	if allowRedisplay, _ = p.str(prefix + "[allow_redisplay]"); allowRedisplay != "" && !slices.Contains(allowRedisplayValues, allowRedisplay) {
		return nil, "", errInvalidEnum(prefix+"[allow_redisplay]", allowRedisplay, allowRedisplayValues...)
	}
	elig, err := p.optInt(prefix + "[tipping][amount_eligible]")
	if err != nil {
		return nil, "", err
	}
	if elig != nil {
		if *elig < 0 {
			return nil, "", validationError("parameter_invalid_integer", prefix+"[tipping][amount_eligible]", "This value must be greater than or equal to 0.")
		}
		if *elig > 0 && cfg.SkipTipping != nil && *cfg.SkipTipping {
			return nil, "", validationError("", prefix+"[tipping][amount_eligible]", "You cannot set tipping[amount_eligible] when skip_tipping is true.")
		}
		cfg.Tipping = &tipping{AmountEligible: elig}
	}
	return cfg, allowRedisplay, nil
}

// subField is the first bracketed name after prefix: subField("a[b][c]", "a") == "b".
func subField(key, prefix string) string {
	rest, ok := strings.CutPrefix(key, prefix+"[")
	if !ok {
		return ""
	}
	name, _, _ := strings.Cut(rest, "]")
	return name
}
