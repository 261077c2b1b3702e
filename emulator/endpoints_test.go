package emulator

import (
	"net/http"
	"net/url"
	"slices"
	"testing"
	"time"

	"github.com/stripe/stripe-go/v76"
)

func TestUpdateListSearchIntents(t *testing.T) {
	f := newFixture(t, Options{})
	var ids []string
	for i, order := range []string{"o-1", "o-2", "o-3"} {
		pi := f.createPI(int64(1000+i*100), "manual", func(p *stripe.PaymentIntentParams) { p.AddMetadata("order_id", order) })
		ids = append(ids, pi.ID)
		f.clock.Advance(time.Minute)
	}
	up, err := f.sc.PaymentIntents.Update(ids[0], &stripe.PaymentIntentParams{Amount: stripe.Int64(2500), Description: stripe.String("two")})
	if err != nil || up.Amount != 2500 || up.Description != "two" || up.Metadata["order_id"] != "o-1" {
		t.Fatalf("update = %+v, %v", up, err)
	}
	f.process(f.readers[0], ids[1])
	f.present(f.readers[0], "")
	_, err = f.sc.PaymentIntents.Update(ids[1], &stripe.PaymentIntentParams{Amount: stripe.Int64(3000)})
	wantErr(t, err, http.StatusBadRequest, stripe.ErrorTypeInvalidRequest, "payment_intent_unexpected_state", "")
	if _, err := f.sc.PaymentIntents.Update(ids[1], &stripe.PaymentIntentParams{Metadata: map[string]string{"note": "x"}}); err != nil {
		t.Fatalf("metadata update of an authorized PI: %v", err)
	}

	// List: newest first, cursor pagination, created filter.
	var listed []string
	it := f.sc.PaymentIntents.List(&stripe.PaymentIntentListParams{ListParams: stripe.ListParams{Limit: stripe.Int64(2)}})
	for it.Next() {
		listed = append(listed, it.PaymentIntent().ID)
	}
	if it.Err() != nil || len(listed) != 3 || listed[0] != ids[2] || listed[2] != ids[0] {
		t.Fatalf("list = %v, %v", listed, it.Err())
	}
	second := f.clock.Now().Add(-2 * time.Minute).Unix()
	it = f.sc.PaymentIntents.List(&stripe.PaymentIntentListParams{CreatedRange: &stripe.RangeQueryParams{GreaterThanOrEqual: second}})
	listed = nil
	for it.Next() {
		listed = append(listed, it.PaymentIntent().ID)
	}
	if len(listed) != 2 {
		t.Fatalf("created[gte] list = %v", listed)
	}

	for _, tc := range []struct {
		query string
		want  []string
	}{
		{"metadata['order_id']:'o-2'", []string{ids[1]}},
		{"status:'requires_capture'", []string{ids[1]}},
		{"status:'requires_payment_method' AND metadata['order_id']:'o-3'", []string{ids[2]}},
		{"metadata['order_id']:'o-1' OR metadata['order_id']:'o-3'", []string{ids[2], ids[0]}},
		{"amount>1000", []string{ids[2], ids[1], ids[0]}},
		{"-status:'requires_capture'", []string{ids[2], ids[0]}},
	} {
		var got []string
		sit := f.sc.PaymentIntents.Search(&stripe.PaymentIntentSearchParams{SearchParams: stripe.SearchParams{Query: tc.query}})
		for sit.Next() {
			got = append(got, sit.PaymentIntent().ID)
		}
		if sit.Err() != nil || len(got) != len(tc.want) {
			t.Errorf("search %q = %v, %v; want %v", tc.query, got, sit.Err(), tc.want)
			continue
		}
		for i := range got {
			if got[i] != tc.want[i] {
				t.Errorf("search %q = %v; want %v", tc.query, got, tc.want)
			}
		}
	}
	sit := f.sc.PaymentIntents.Search(&stripe.PaymentIntentSearchParams{SearchParams: stripe.SearchParams{Query: "colour:'red'"}})
	for sit.Next() {
	}
	wantErr(t, sit.Err(), http.StatusBadRequest, stripe.ErrorTypeInvalidRequest, "", "query")
	// Search pages.
	var paged []string
	sit = f.sc.PaymentIntents.Search(&stripe.PaymentIntentSearchParams{SearchParams: stripe.SearchParams{Query: "currency:'usd'", Limit: stripe.Int64(2)}})
	for sit.Next() {
		paged = append(paged, sit.PaymentIntent().ID)
	}
	if len(paged) != 3 {
		t.Errorf("paged search = %v, %v", paged, sit.Err())
	}
}

func TestReaderAndLocationManagement(t *testing.T) {
	f := newFixture(t, Options{})
	loc, err := f.sc.TerminalLocations.New(&stripe.TerminalLocationParams{
		DisplayName: stripe.String("Pop-up"),
		Address: &stripe.AddressParams{Line1: stripe.String("1 Main St"), City: stripe.String("Toronto"),
			PostalCode: stripe.String("M5V 2T6"), State: stripe.String("ON"), Country: stripe.String("CA")},
	})
	if err != nil || loc.DisplayName != "Pop-up" || loc.Address.Country != "CA" {
		t.Fatalf("create location = %+v, %v", loc, err)
	}
	_, err = f.sc.TerminalLocations.New(&stripe.TerminalLocationParams{DisplayName: stripe.String("No address")})
	wantErr(t, err, http.StatusBadRequest, stripe.ErrorTypeInvalidRequest, "parameter_missing", "address")
	if l, err := f.sc.TerminalLocations.Update(loc.ID, &stripe.TerminalLocationParams{DisplayName: stripe.String("Stall")}); err != nil || l.DisplayName != "Stall" {
		t.Fatalf("update location = %+v, %v", l, err)
	}

	r, err := f.sc.TerminalReaders.New(&stripe.TerminalReaderParams{RegistrationCode: stripe.String("simulated-wpe"), Location: stripe.String(loc.ID), Label: stripe.String("Stall reader")})
	if err != nil || r.DeviceType != "simulated_wisepos_e" || r.Location.ID != loc.ID || r.Label != "Stall reader" || r.Status != "online" {
		t.Fatalf("register = %+v, %v", r, err)
	}
	_, err = f.sc.TerminalReaders.New(&stripe.TerminalReaderParams{RegistrationCode: stripe.String("cool-cyan-fox"), Location: stripe.String(loc.ID)})
	wantErr(t, err, http.StatusBadRequest, stripe.ErrorTypeInvalidRequest, "", "registration_code")
	_, err = f.sc.TerminalReaders.New(&stripe.TerminalReaderParams{RegistrationCode: stripe.String("simulated-s700"), Location: stripe.String("tml_nope")})
	wantErr(t, err, http.StatusNotFound, stripe.ErrorTypeInvalidRequest, stripe.ErrorCodeResourceMissing, "location")
	_, err = f.sc.TerminalReaders.New(&stripe.TerminalReaderParams{RegistrationCode: stripe.String("simulated-s700")})
	wantErr(t, err, http.StatusBadRequest, stripe.ErrorTypeInvalidRequest, "parameter_missing", "location")

	if u, err := f.sc.TerminalReaders.Update(r.ID, &stripe.TerminalReaderParams{Label: stripe.String("Renamed")}); err != nil || u.Label != "Renamed" {
		t.Fatalf("update reader = %+v, %v", u, err)
	}
	for _, tc := range []struct {
		params *stripe.TerminalReaderListParams
		want   int
	}{
		{&stripe.TerminalReaderListParams{Location: stripe.String(loc.ID)}, 1},
		{&stripe.TerminalReaderListParams{DeviceType: stripe.String("simulated_wisepos_e")}, 2},
		{&stripe.TerminalReaderListParams{DeviceType: stripe.String("simulated_stripe_s700")}, 1},
		{&stripe.TerminalReaderListParams{Status: stripe.String("online")}, 3},
		{&stripe.TerminalReaderListParams{ListParams: stripe.ListParams{Limit: stripe.Int64(1)}}, 3},
	} {
		n := 0
		it := f.sc.TerminalReaders.List(tc.params)
		for it.Next() {
			n++
		}
		if it.Err() != nil || n != tc.want {
			t.Errorf("list %+v = %d, %v; want %d", tc.params, n, it.Err(), tc.want)
		}
	}
	d, err := f.sc.TerminalReaders.Del(r.ID, nil)
	if err != nil || !d.Deleted {
		t.Fatalf("delete reader = %+v, %v", d, err)
	}
	// A deleted reader reads as its deleted form, as on Stripe; deleting it again is No such.
	if g, err := f.sc.TerminalReaders.Get(r.ID, nil); err != nil || !g.Deleted || g.ID != r.ID {
		t.Fatalf("deleted reader = %+v, %v", g, err)
	}
	_, err = f.sc.TerminalReaders.Del(r.ID, nil)
	wantErr(t, err, http.StatusNotFound, stripe.ErrorTypeInvalidRequest, stripe.ErrorCodeResourceMissing, "reader")
	if dl, err := f.sc.TerminalLocations.Del(loc.ID, nil); err != nil || !dl.Deleted {
		t.Fatalf("delete location = %+v, %v", dl, err)
	}
}

// collect and confirm are missing from stripe-go v76; call them as the reference shows.
func (f *fixture) readerCall(readerID, action string, form url.Values) (*http.Response, map[string]any) {
	return rawCall(f.t, f.srv.URL, http.MethodPost, "/v1/terminal/readers/"+readerID+"/"+action, testKey, form, nil)
}

func TestCollectThenConfirm(t *testing.T) {
	f := newFixture(t, Options{})
	pi := f.createPI(1000, "manual")
	res, body := f.readerCall(f.readers[0], "collect_payment_method", url.Values{"payment_intent": {pi.ID}, "collect_config[skip_tipping]": {"true"}})
	if res.StatusCode != 200 {
		t.Fatalf("collect: %d %v", res.StatusCode, body)
	}
	// Confirming before a card was collected is refused.
	res, _ = f.readerCall(f.readers[0], "confirm_payment_intent", url.Values{"payment_intent": {pi.ID}})
	if res.StatusCode != http.StatusBadRequest {
		t.Fatalf("early confirm: %d", res.StatusCode)
	}
	r := f.present(f.readers[0], "5555555555554444")
	if r.Action.Status != "succeeded" {
		t.Fatalf("collected action = %+v", r.Action)
	}
	var raw struct {
		Action struct {
			CollectPaymentMethod struct {
				PaymentMethod struct {
					ID          string `json:"id"`
					CardPresent struct {
						Brand string `json:"brand"`
					} `json:"card_present"`
				} `json:"payment_method"`
			} `json:"collect_payment_method"`
		} `json:"action"`
	}
	decodeRaw(t, r.LastResponse.RawJSON, &raw)
	if raw.Action.CollectPaymentMethod.PaymentMethod.CardPresent.Brand != "mastercard" {
		t.Fatalf("collected payment method = %+v", raw.Action)
	}
	got := f.getPI(pi.ID)
	if got.Status != stripe.PaymentIntentStatusRequiresConfirmation || got.PaymentMethod.ID != raw.Action.CollectPaymentMethod.PaymentMethod.ID {
		t.Fatalf("PI after collect = %s %v", got.Status, got.PaymentMethod)
	}
	res, body = f.readerCall(f.readers[0], "confirm_payment_intent", url.Values{"payment_intent": {pi.ID}})
	if res.StatusCode != 200 {
		t.Fatalf("confirm: %d %v", res.StatusCode, body)
	}
	if a, _ := body["action"].(map[string]any); a["type"] != "confirm_payment_intent" || a["status"] != "succeeded" {
		t.Fatalf("confirm action = %v", body["action"])
	}
	if got := f.getPI(pi.ID); got.Status != stripe.PaymentIntentStatusRequiresCapture {
		t.Fatalf("PI after confirm = %s", got.Status)
	}
}

func TestCollectWindowExpires(t *testing.T) {
	f := newFixture(t, Options{})
	pi := f.createPI(1000, "manual")
	f.readerCall(f.readers[0], "collect_payment_method", url.Values{"payment_intent": {pi.ID}})
	f.present(f.readers[0], "")
	f.clock.Advance(31 * time.Second)
	if got := f.getPI(pi.ID); got.Status != stripe.PaymentIntentStatusRequiresPaymentMethod || got.PaymentMethod != nil {
		t.Fatalf("PI after the window = %s %v", got.Status, got.PaymentMethod)
	}
	res, _ := f.readerCall(f.readers[0], "confirm_payment_intent", url.Values{"payment_intent": {pi.ID}})
	if res.StatusCode != http.StatusBadRequest {
		t.Fatalf("late confirm: %d", res.StatusCode)
	}
}

func TestSetReaderDisplay(t *testing.T) {
	f := newFixture(t, Options{})
	r, err := f.sc.TerminalReaders.SetReaderDisplay(f.readers[0], &stripe.TerminalReaderSetReaderDisplayParams{
		Type: stripe.String("cart"),
		Cart: &stripe.TerminalReaderSetReaderDisplayCartParams{
			Currency: stripe.String("usd"), Total: stripe.Int64(1100), Tax: stripe.Int64(100),
			LineItems: []*stripe.TerminalReaderSetReaderDisplayCartLineItemParams{
				{Amount: stripe.Int64(500), Description: stripe.String("Coffee"), Quantity: stripe.Int64(2)},
			},
		},
	})
	if err != nil || r.Action.Type != "set_reader_display" || r.Action.SetReaderDisplay.Cart.Total != 1100 ||
		len(r.Action.SetReaderDisplay.Cart.LineItems) != 1 || r.Action.SetReaderDisplay.Cart.LineItems[0].Description != "Coffee" {
		t.Fatalf("display = %+v, %v", r, err)
	}
	_, err = f.sc.TerminalReaders.SetReaderDisplay(f.readers[0], &stripe.TerminalReaderSetReaderDisplayParams{
		Type: stripe.String("cart"), Cart: &stripe.TerminalReaderSetReaderDisplayCartParams{Currency: stripe.String("usd")},
	})
	wantErr(t, err, http.StatusBadRequest, stripe.ErrorTypeInvalidRequest, "parameter_missing", "cart[total]")
	// A payment replaces the display.
	pi := f.createPI(1100, "manual")
	if r := f.process(f.readers[0], pi.ID); r.Action.Type != "process_payment_intent" {
		t.Fatalf("process after display = %+v", r.Action)
	}
}

func TestRefunds(t *testing.T) {
	f := newFixture(t, Options{})
	pay := func(amount int64, card string) string {
		pi := f.createPI(amount, "automatic")
		f.process(f.readers[0], pi.ID)
		f.present(f.readers[0], card)
		return pi.ID
	}
	piID := pay(5000, "")
	re, err := f.sc.Refunds.New(&stripe.RefundParams{PaymentIntent: stripe.String(piID), Amount: stripe.Int64(2000)})
	if err != nil || re.Status != "succeeded" || re.Amount != 2000 || re.PaymentIntent.ID != piID {
		t.Fatalf("refund = %+v, %v", re, err)
	}
	_, err = f.sc.Refunds.New(&stripe.RefundParams{PaymentIntent: stripe.String(piID), Amount: stripe.Int64(4000)})
	wantErr(t, err, http.StatusBadRequest, stripe.ErrorTypeInvalidRequest, "amount_too_large", "amount")
	if _, err := f.sc.Refunds.New(&stripe.RefundParams{PaymentIntent: stripe.String(piID)}); err != nil {
		t.Fatalf("refund the rest: %v", err)
	}
	_, err = f.sc.Refunds.New(&stripe.RefundParams{PaymentIntent: stripe.String(piID)})
	wantErr(t, err, http.StatusBadRequest, stripe.ErrorTypeInvalidRequest, "charge_already_refunded", "charge")
	ch := f.getPI(piID, "latest_charge").LatestCharge
	if !ch.Refunded || ch.AmountRefunded != 5000 {
		t.Fatalf("charge after refunds = refunded %v amount_refunded %d", ch.Refunded, ch.AmountRefunded)
	}
	n := 0
	it := f.sc.Refunds.List(&stripe.RefundListParams{PaymentIntent: stripe.String(piID)})
	for it.Next() {
		n++
	}
	if n != 2 {
		t.Fatalf("listed %d refunds, want 2", n)
	}
	got, err := f.sc.Refunds.Get(re.ID, nil)
	if err != nil || got.ID != re.ID {
		t.Fatalf("retrieve refund = %+v, %v", got, err)
	}

	// refund_fail: pending, then failed.
	failing := pay(1000, "4000000000005126")
	bad, err := f.sc.Refunds.New(&stripe.RefundParams{PaymentIntent: stripe.String(failing)})
	if err != nil || bad.Status != "pending" {
		t.Fatalf("refund_fail refund = %+v, %v", bad, err)
	}
	f.clock.Advance(2 * time.Second)
	if got, _ := f.sc.Refunds.Get(bad.ID, nil); got.Status != "failed" || got.FailureReason != "expired_or_canceled_card" {
		t.Fatalf("refund_fail later = %s %s", got.Status, got.FailureReason)
	}

	// refund_pending: pending, then succeeded; counted as refunded all along.
	slow := pay(1000, "4000000000007726")
	pending, err := f.sc.Refunds.New(&stripe.RefundParams{PaymentIntent: stripe.String(slow)})
	if err != nil || pending.Status != "pending" {
		t.Fatalf("refund_pending refund = %+v, %v", pending, err)
	}
	if pi := f.getPI(slow, "latest_charge"); pi.LatestCharge.AmountRefunded != 1000 {
		t.Fatalf("a pending refund is not counted: amount_refunded %d", pi.LatestCharge.AmountRefunded)
	}
	f.clock.Advance(2 * time.Second)
	if got, _ := f.sc.Refunds.Get(pending.ID, nil); got.Status != "succeeded" {
		t.Fatalf("refund_pending later = %s", got.Status)
	}

	// Uncaptured PaymentIntents are canceled, not refunded.
	auth := f.createPI(1000, "manual")
	f.process(f.readers[1], auth.ID)
	f.present(f.readers[1], "")
	_, err = f.sc.Refunds.New(&stripe.RefundParams{PaymentIntent: stripe.String(auth.ID)})
	wantErr(t, err, http.StatusBadRequest, stripe.ErrorTypeInvalidRequest, "", "payment_intent")
}

func TestInteracRefundInPerson(t *testing.T) {
	f := newFixture(t, Options{})
	pi := f.interacPaid(3000)
	_, err := f.sc.Refunds.New(&stripe.RefundParams{PaymentIntent: stripe.String(pi.ID)})
	wantErr(t, err, http.StatusBadRequest, stripe.ErrorTypeInvalidRequest, "", "charge")

	// A partial refund ending in 05 declines; one ending in 00 goes through.
	for _, tc := range []struct {
		amount int64
		status string
	}{{1005, "failed"}, {1000, "succeeded"}} {
		r, err := f.sc.TerminalReaders.RefundPayment(f.readers[0], &stripe.TerminalReaderRefundPaymentParams{
			PaymentIntent: stripe.String(pi.ID), Amount: stripe.Int64(tc.amount)})
		if err != nil || r.Action.Type != "refund_payment" || r.Action.Status != "in_progress" {
			t.Fatalf("refund_payment = %+v, %v", r, err)
		}
		r, err = f.sc.TestHelpersTerminalReaders.PresentPaymentMethod(f.readers[0], &stripe.TestHelpersTerminalReaderPresentPaymentMethodParams{
			Type: stripe.String("interac_present")})
		if err != nil || string(r.Action.Status) != tc.status {
			t.Fatalf("present for refund %d = %+v, %v", tc.amount, r.Action, err)
		}
		if tc.status == "succeeded" && (r.Action.RefundPayment.Refund == nil || r.Action.RefundPayment.Refund.ID == "") {
			t.Fatalf("refund id missing: %+v", r.Action.RefundPayment)
		}
	}
}

func TestEventsList(t *testing.T) {
	f := newFixture(t, Options{})
	pi := f.createPI(1000, "manual")
	f.process(f.readers[0], pi.ID)
	f.present(f.readers[0], "")
	if _, err := f.sc.PaymentIntents.Capture(pi.ID, nil); err != nil {
		t.Fatal(err)
	}
	var types []string
	it := f.sc.Events.List(&stripe.EventListParams{})
	for it.Next() {
		types = append(types, string(it.Event().Type))
	}
	want := []string{"payment_intent.succeeded", "charge.captured", "terminal.reader.action_succeeded",
		"payment_intent.amount_capturable_updated", "charge.succeeded", "payment_intent.created"}
	if it.Err() != nil || len(types) != len(want) {
		t.Fatalf("events = %v, %v", types, it.Err())
	}
	for i := range want {
		if types[i] != want[i] {
			t.Fatalf("events = %v, want %v", types, want)
		}
	}
	n := 0
	it = f.sc.Events.List(&stripe.EventListParams{Type: stripe.String("charge.*")})
	for it.Next() {
		n++
		if it.Event().APIVersion != "2023-10-16" {
			t.Errorf("api_version = %s", it.Event().APIVersion)
		}
	}
	if n != 2 {
		t.Errorf("charge.* events = %d", n)
	}
}

// TestListExpansions: on lists and search, expand[] names each item's fields under
// data.; a bare field name is refused there, as data.x is on a single object.
func TestListExpansions(t *testing.T) {
	f := newFixture(t, Options{})
	pi := f.createPI(1000, "automatic")
	f.process(f.readers[0], pi.ID)
	f.present(f.readers[0], "")
	if _, err := f.sc.Refunds.New(&stripe.RefundParams{PaymentIntent: stripe.String(pi.ID), Amount: stripe.Int64(300)}); err != nil {
		t.Fatal(err)
	}
	get := func(path, query, expand string) (int, map[string]any) {
		t.Helper()
		q, _ := url.ParseQuery(query)
		if expand != "" {
			q.Set("expand[]", expand)
		}
		res, body := rawCall(t, f.srv.URL, http.MethodGet, path, testKey, q, nil)
		return res.StatusCode, body
	}
	for _, tc := range []struct {
		path, query, expand, field string
		expanded                   bool
	}{
		{"/v1/terminal/readers", "", "data.location", "location", true},
		{"/v1/terminal/readers", "", "", "location", false},
		{"/v1/payment_intents", "", "data.latest_charge", "latest_charge", true},
		{"/v1/payment_intents", "", "data.payment_method", "payment_method", true},
		{"/v1/payment_intents", "", "", "latest_charge", false},
		{"/v1/payment_intents/search", "query=status:'succeeded'", "data.latest_charge", "latest_charge", true},
		{"/v1/payment_intents/search", "query=status:'succeeded'", "", "latest_charge", false},
		{"/v1/refunds", "", "data.charge", "charge", true},
		{"/v1/refunds", "", "data.payment_intent", "payment_intent", true},
		{"/v1/refunds", "", "", "charge", false},
	} {
		status, body := get(tc.path, tc.query, tc.expand)
		data, _ := body["data"].([]any)
		if status != http.StatusOK || len(data) == 0 {
			t.Errorf("GET %s expand %q: status %d, %d items", tc.path, tc.expand, status, len(data))
			continue
		}
		item, _ := data[0].(map[string]any)
		if _, isObject := item[tc.field].(map[string]any); isObject != tc.expanded {
			t.Errorf("GET %s expand %q: %s expanded %v; want %v", tc.path, tc.expand, tc.field, isObject, tc.expanded)
		}
	}
	for _, tc := range []struct{ path, expand string }{
		{"/v1/terminal/readers", "location"},
		{"/v1/payment_intents", "latest_charge"},
		{"/v1/refunds", "charge"},
		{"/v1/terminal/readers/" + f.readers[0], "data.location"},
		{"/v1/payment_intents/" + pi.ID, "data.latest_charge"},
	} {
		if status, body := get(tc.path, "", tc.expand); status != http.StatusBadRequest {
			t.Errorf("GET %s expand %q: status %d (%v); want 400", tc.path, tc.expand, status, body)
		}
	}
}

// refund_payment meets the reader's faults as a payment does: the customer's cancel
// button (only when enabled) and connection_error before or after the refund.
func TestRefundPaymentReaderFaults(t *testing.T) {
	tests := []struct {
		name         string
		fault        Fault
		cancelButton bool
		status, code string
		refunded     bool
	}{
		{"customer cancels", Fault{CustomerCancel: true}, true, "failed", "customer_canceled", false},
		{"no cancel button, no cancel", Fault{CustomerCancel: true}, false, "succeeded", "", true},
		{"connection lost before the refund", Fault{ConnectionError: ConnectionNotAuthorized}, true, "failed", "connection_error", false},
		{"connection lost after the refund", Fault{ConnectionError: ConnectionAuthorized}, true, "failed", "connection_error", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t, Options{})
			pi := f.interacPaid(3000)
			p := &stripe.TerminalReaderRefundPaymentParams{PaymentIntent: stripe.String(pi.ID)}
			if tc.cancelButton {
				p.RefundPaymentConfig = &stripe.TerminalReaderRefundPaymentRefundPaymentConfigParams{EnableCustomerCancellation: stripe.Bool(true)}
			}
			if _, err := f.sc.TerminalReaders.RefundPayment(f.readers[0], p); err != nil {
				t.Fatal(err)
			}
			f.e.SetFault(f.readers[0], tc.fault)
			r := f.present(f.readers[0], "")
			if string(r.Action.Status) != tc.status || r.Action.FailureCode != tc.code {
				t.Fatalf("action = %s %q, want %s %q", r.Action.Status, r.Action.FailureCode, tc.status, tc.code)
			}
			got := f.getPI(pi.ID, "latest_charge")
			if refunded := got.LatestCharge.AmountRefunded == 3000; refunded != tc.refunded {
				t.Fatalf("amount_refunded = %d, want refunded %v", got.LatestCharge.AmountRefunded, tc.refunded)
			}
		})
	}
}

// interacPaid is an Interac payment of amount CAD minor units, paid on the first reader.
func (f *fixture) interacPaid(amount int64) *stripe.PaymentIntent {
	f.t.Helper()
	pi, err := f.sc.PaymentIntents.New(&stripe.PaymentIntentParams{Amount: stripe.Int64(amount), Currency: stripe.String("cad"),
		PaymentMethodTypes: stripe.StringSlice([]string{"interac_present"})})
	if err != nil {
		f.t.Fatal(err)
	}
	f.process(f.readers[0], pi.ID)
	f.present(f.readers[0], "")
	return pi
}

// TestPaymentIntentListByCustomer: GET /v1/payment_intents?customer= lists that
// customer's PaymentIntents only (it listed every one), a customer set by update too.
func TestPaymentIntentListByCustomer(t *testing.T) {
	f := newFixture(t, Options{})
	c := f.as("", "")
	a := c.ok("POST", "/v1/payment_intents", form("amount", "1000", "currency", "usd", "customer", "cus_A"))
	later := c.ok("POST", "/v1/payment_intents", form("amount", "2000", "currency", "usd"))
	c.ok("POST", "/v1/payment_intents", form("amount", "3000", "currency", "usd", "customer", "cus_B"))
	c.ok("POST", "/v1/payment_intents/"+str(later, "id"), form("customer", "cus_A"))
	ids := func(q url.Values) []string {
		var out []string
		for _, pi := range dig(c.ok("GET", "/v1/payment_intents", q), "data").([]any) {
			out = append(out, str(pi.(map[string]any), "id"))
		}
		return out
	}
	if got, want := ids(form("customer", "cus_A")), []string{str(later, "id"), str(a, "id")}; !slices.Equal(got, want) {
		t.Errorf("customer cus_A: %v, want %v", got, want)
	}
	if got := ids(form("customer", "cus_none")); len(got) != 0 {
		t.Errorf("customer cus_none: %v", got)
	}
	if got := ids(nil); len(got) != 3 {
		t.Errorf("no filter: %v", got)
	}
}
