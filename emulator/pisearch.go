package emulator

import (
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

var (
	piUpdateParams = []string{"amount", "currency", "capture_method", "description", "metadata", "payment_method_types",
		"receipt_email", "statement_descriptor", "statement_descriptor_suffix", "payment_method_options", "transfer_group"}
	piListParams   = []string{"created", "customer", "limit", "starting_after", "ending_before"}
	piSearchParams = []string{"query", "limit", "page"}
	// piLockedFields may not change once the PaymentIntent was authorized or finished.
	piLockedFields = []string{"amount", "currency", "capture_method", "payment_method_types", "payment_method_options"}
)

func (x *txn) updateIntent() (any, error) {
	rec, aerr := x.pathIntent()
	if aerr != nil {
		return nil, aerr
	}
	pi := &rec.Obj
	open := pi.Status == "requires_payment_method" || pi.Status == "requires_confirmation"
	for k := range x.p {
		if n := topName(k); !open && slices.Contains(piLockedFields, n) {
			return nil, errUnexpectedState(pi, "You cannot update %s on this PaymentIntent because it has a status of %s.", n, pi.Status)
		}
	}
	next := *pi
	next.Metadata = copyMap(pi.Metadata)
	cur := pi.Currency
	if c, ok := x.p.str("currency"); ok {
		cur = strings.ToLower(c)
		if !currencyRe.MatchString(cur) {
			return nil, validationError("", "currency", "Invalid currency: %s.", c)
		}
		next.Currency = cur
	}
	if n, ok, err := readAmount(x.p, "amount", cur, false); err != nil {
		return nil, err
	} else if ok {
		next.Amount = n
	}
	capture, err := readCaptureMethod(x.p, next.CaptureMethod)
	if err != nil {
		return nil, err
	}
	next.CaptureMethod = capture
	if _, ok := x.p.list("payment_method_types"); ok {
		types, err := readPaymentMethodTypes(x.p)
		if err != nil {
			return nil, err
		}
		next.PaymentMethodTypes = types
	}
	if x.p.has("payment_method_options") || x.p.hasPrefix("payment_method_options[") {
		opts, err := readCardPresentOptions(x.p, next.PaymentMethodTypes)
		if err != nil {
			return nil, err
		}
		next.PaymentMethodOptions = opts
	}
	md, mdSent, err := readMetadata(x.p)
	if err != nil {
		return nil, err
	}
	if mdSent {
		if v, ok := x.p.str("metadata"); ok && v == "" {
			next.Metadata = map[string]string{}
		}
		mergeMetadata(next.Metadata, md)
	}
	for _, f := range []struct {
		name string
		max  int
		dst  **string
	}{
		{"description", 1000, &next.Description}, {"receipt_email", 800, &next.ReceiptEmail},
		{"statement_descriptor", 22, &next.StatementDescriptor}, {"statement_descriptor_suffix", 22, &next.StatementDescriptorSuffix},
		{"transfer_group", 0, &next.TransferGroup},
	} {
		if !x.p.has(f.name) {
			continue
		}
		v, err := optString(x.p, f.name, f.max)
		if err != nil {
			return nil, err
		}
		*f.dst = v
	}
	// Stripe clears last_payment_error when the PaymentIntent is updated for any reason.
	next.LastPaymentError = nil
	*pi = next
	return x.renderIntent(pi), nil
}

func (p params) hasPrefix(prefix string) bool {
	for k := range p {
		if strings.HasPrefix(k, prefix) {
			return true
		}
	}
	return false
}

// createdFilter reads created=<ts> or created[gt|gte|lt|lte]=<ts>.
func (x *txn) createdFilter() (func(int64) bool, *apiError) {
	checks := []func(int64) bool{}
	if n, ok, err := x.p.integer("created"); err != nil {
		return nil, err
	} else if ok {
		checks = append(checks, func(c int64) bool { return c == n })
	}
	for op, cmp := range map[string]func(a, b int64) bool{
		"gt": func(a, b int64) bool { return a > b }, "gte": func(a, b int64) bool { return a >= b },
		"lt": func(a, b int64) bool { return a < b }, "lte": func(a, b int64) bool { return a <= b },
	} {
		n, ok, err := x.p.integer("created[" + op + "]")
		if err != nil {
			return nil, err
		}
		if ok {
			checks = append(checks, func(c int64) bool { return cmp(c, n) })
		}
	}
	for k := range x.p {
		if topName(k) == "created" && k != "created" && !slices.Contains([]string{"created[gt]", "created[gte]", "created[lt]", "created[lte]"}, k) {
			return nil, errUnknownParam(k)
		}
	}
	return func(c int64) bool {
		for _, ok := range checks {
			if !ok(c) {
				return false
			}
		}
		return true
	}, nil
}

func (x *txn) listIntents() (any, error) {
	x.expandPrefix = "data."
	if err := x.checkExpand(piExpands...); err != nil {
		return nil, err
	}
	match, err := x.createdFilter()
	if err != nil {
		return nil, err
	}
	t := x.st.Intents
	keep := func(en *entry[intentRec]) bool { return match(en.created) }
	render := func(rec *intentRec) any { return x.renderIntent(&rec.Obj) }
	return listPage(x, t, t.all(), keep, render, "/v1/payment_intents", "payment_intent")
}

type searchResult struct {
	Object   string  `json:"object"`
	Data     []any   `json:"data"`
	HasMore  bool    `json:"has_more"`
	NextPage *string `json:"next_page"`
	URL      string  `json:"url"`
}

// clauseRe matches one search clause: field:value, metadata['key']:value, with the
// value quoted or bare, and an optional leading "-" for negation.
var clauseRe = regexp.MustCompile(`^(-?)(metadata\['([^']*)'\]|metadata\["([^"]*)"\]|[a-z_]+)(:|>=|<=|>|<)('([^']*)'|"([^"]*)"|(\S+))$`)

type clause struct {
	neg        bool
	field, key string
	op, value  string
}

func parseQuery(q string) ([]clause, bool, *apiError) {
	q = strings.TrimSpace(q)
	if q == "" {
		return nil, false, validationError("parameter_invalid_string_empty", "query", "The search query must not be empty.")
	}
	words := strings.Fields(q)
	var clauses []clause
	useOr, useAnd := false, false
	for i, w := range words {
		if i%2 == 1 {
			switch w {
			case "AND":
				useAnd = true
			case "OR":
				useOr = true
			default:
				return nil, false, validationError("", "query", "Invalid search query: expected AND or OR after clause %d, got %q.", i/2+1, w)
			}
			continue
		}
		m := clauseRe.FindStringSubmatch(w)
		if m == nil {
			return nil, false, validationError("", "query", "Invalid search query clause %q. Use field:'value', e.g. status:'succeeded' or metadata['order_id']:'42'.", w)
		}
		c := clause{neg: m[1] == "-", field: m[2], op: m[5], value: m[7] + m[8] + m[9]}
		if strings.HasPrefix(m[2], "metadata") {
			c.field, c.key = "metadata", m[3]+m[4]
		}
		clauses = append(clauses, c)
	}
	if len(words)%2 == 0 {
		return nil, false, validationError("", "query", "Invalid search query: it ends with %s.", words[len(words)-1])
	}
	if useAnd && useOr {
		return nil, false, validationError("", "query", "Invalid search query: AND and OR cannot be combined in one query.")
	}
	for _, c := range clauses {
		switch c.field {
		case "metadata", "status", "currency", "amount", "created", "customer":
		default:
			return nil, false, validationError("", "query", "Field %q is not supported for PaymentIntent search.", c.field)
		}
	}
	return clauses, useOr, nil
}

func (c clause) matches(pi *paymentIntent) bool {
	var ok bool
	switch c.field {
	case "metadata":
		v, has := pi.Metadata[c.key]
		ok = has && c.op == ":" && v == c.value
	case "status":
		ok = c.op == ":" && pi.Status == c.value
	case "currency":
		ok = c.op == ":" && pi.Currency == strings.ToLower(c.value)
	case "customer":
		ok = c.op == ":" && pi.Customer != nil && *pi.Customer == c.value
	case "amount", "created":
		v := pi.Amount
		if c.field == "created" {
			v = pi.Created
		}
		n, err := strconv.ParseInt(c.value, 10, 64)
		ok = err == nil && compare(v, c.op, n)
	}
	return ok != c.neg
}

func compare(v int64, op string, n int64) bool {
	switch op {
	case ":":
		return v == n
	case ">":
		return v > n
	case ">=":
		return v >= n
	case "<":
		return v < n
	case "<=":
		return v <= n
	}
	return false
}

// searchIntents answers the Search API. Unlike Stripe's, the index is immediately
// consistent.
func (x *txn) searchIntents() (any, error) {
	x.expandPrefix = "data."
	if err := x.checkExpand(piExpands...); err != nil {
		return nil, err
	}
	q, ok := x.p.str("query")
	if !ok {
		return nil, errMissingParam("query")
	}
	clauses, useOr, err := parseQuery(q)
	if err != nil {
		return nil, err
	}
	limit := int64(10)
	if n, ok, err := x.p.integer("limit"); err != nil {
		return nil, err
	} else if ok {
		if n < 1 || n > 100 {
			return nil, validationError("", "limit", "limit must be between 1 and 100.")
		}
		limit = n
	}
	start := 0
	if page, ok := x.p.str("page"); ok && page != "" {
		n, err := strconv.Atoi(strings.TrimPrefix(page, "page_"))
		if err != nil || n < 0 {
			return nil, invalidRequest(http.StatusBadRequest, "", "page", "Invalid page token: %s", page)
		}
		start = n
	}
	hit := func(pi *paymentIntent) bool {
		ok := !useOr
		for _, c := range clauses {
			if useOr {
				ok = ok || c.matches(pi)
			} else {
				ok = ok && c.matches(pi)
			}
		}
		return ok
	}
	t := x.st.Intents
	out := &searchResult{Object: "search_result", Data: []any{}, URL: "/v1/payment_intents/search"}
	seen := 0
	// Newest first over the candidates the index gives; every candidate is checked
	// against the whole query, and the walk stops once the page is full.
	for en := range searchCandidates(t, clauses, useOr) {
		rec := t.objOf(en)
		if en.dead || rec == nil || !hit(&rec.Obj) {
			continue
		}
		seen++
		switch {
		case seen <= start:
		case len(out.Data) < int(limit):
			out.Data = append(out.Data, x.renderIntent(&rec.Obj))
		default:
			out.HasMore, out.NextPage = true, strPtr("page_"+strconv.Itoa(start+int(limit)))
			return out, nil
		}
	}
	return out, nil
}
