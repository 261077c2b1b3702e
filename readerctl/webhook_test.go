package readerctl

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stripe/stripe-go/v76"
	"github.com/stripe/stripe-go/v76/webhook"
	"github.com/till-pos/till/checkout"
)

const testSecret = "whsec_test_secret_for_till"

// stripeEvent is an event as Stripe sends it, around object.
func stripeEvent(id, typ string, object map[string]any) []byte {
	b, _ := json.Marshal(map[string]any{
		"id": id, "object": "event", "api_version": stripe.APIVersion, "created": 1767000000,
		"data": map[string]any{"object": object}, "livemode": false, "pending_webhooks": 1,
		"request": map[string]any{"id": nil, "idempotency_key": nil}, "type": typ,
	})
	return b
}

func sign(payload []byte, secret string, at time.Time) string {
	return webhook.GenerateTestSignedPayload(&webhook.UnsignedPayload{Payload: payload, Secret: secret, Timestamp: at}).Header
}

var readerObject = map[string]any{
	"id": "tmr_1", "object": "terminal.reader", "device_type": "simulated_wisepos_e", "status": "online",
	"action": map[string]any{"type": "process_payment_intent", "status": "failed", "failure_code": "card_declined",
		"failure_message": "Your card was declined.", "process_payment_intent": map[string]any{"payment_intent": "pi_1"}},
}

var intentObject = map[string]any{
	"id": "pi_1", "object": "payment_intent", "status": "requires_capture", "amount": 1234, "amount_capturable": 1500,
	"currency": "usd", "capture_method": "manual", "latest_charge": "ch_1", "metadata": map[string]any{"order_id": "ord_1"},
}

func TestVerifyDecodesTheEventsTillUses(t *testing.T) {
	v := WebhookVerifier{Secret: testSecret}
	now := time.Now()

	body := stripeEvent("evt_1", "terminal.reader.action_failed", readerObject)
	ev, err := v.Verify(body, sign(body, testSecret, now), now)
	if err != nil {
		t.Fatal(err)
	}
	r := ev.Notice.Reader
	if ev.ID != "evt_1" || ev.Created != time.Unix(1767000000, 0).UTC() || r == nil || r.ID != "tmr_1" || ev.OtherVersion {
		t.Fatalf("%+v %+v", ev, r)
	}
	if a := r.Action; a == nil || a.Status != checkout.ActionFailed || a.PaymentIntentID != "pi_1" || a.FailureCode != "card_declined" {
		t.Fatalf("action %+v", r.Action)
	}

	body = stripeEvent("evt_2", "payment_intent.amount_capturable_updated", intentObject)
	ev, err = v.Verify(body, sign(body, testSecret, now), now)
	if err != nil {
		t.Fatal(err)
	}
	in := ev.Notice.Intent
	if in == nil || in.ID != "pi_1" || in.Status != checkout.IntentRequiresCapture || in.AmountCapturable != 1500 || in.OrderID != "ord_1" || ev.Notice.At != now {
		t.Fatalf("%+v", ev.Notice)
	}

	body = stripeEvent("evt_3", "charge.succeeded", map[string]any{"id": "ch_1", "object": "charge", "payment_intent": "pi_1", "status": "succeeded",
		"payment_method_details": map[string]any{"type": "card_present", "card_present": map[string]any{"brand": "visa", "last4": "4242", "capture_before": 1767172800}}})
	ev, err = v.Verify(body, sign(body, testSecret, now), now)
	if err != nil || ev.Notice == nil || ev.Notice.Charge == nil {
		t.Fatalf("%+v %v", ev, err)
	}
	if c := ev.Notice.Charge; c.PaymentIntentID != "pi_1" || c.Card != (checkout.Card{Brand: "visa", Last4: "4242"}) || c.CaptureBefore != time.Unix(1767172800, 0).UTC() {
		t.Fatalf("%+v", c)
	}

	for _, other := range [][]byte{
		stripeEvent("evt_4", "charge.refunded", map[string]any{"id": "ch_1", "object": "charge"}),
		stripeEvent("evt_5", "charge.succeeded", map[string]any{"id": "ch_2", "object": "charge"}), // no PaymentIntent
	} {
		if ev, err = v.Verify(other, sign(other, testSecret, now), now); err != nil || ev.Notice != nil {
			t.Fatalf("an event till does not act on: %+v %v", ev, err)
		}
	}
}

func TestVerifyRefuses(t *testing.T) {
	now := time.Now()
	body := stripeEvent("evt_1", "payment_intent.succeeded", intentObject)
	other := func(mod func(map[string]any)) []byte {
		var m map[string]any
		_ = json.Unmarshal(body, &m)
		mod(m)
		b, _ := json.Marshal(m)
		return b
	}
	tampered := other(func(m map[string]any) { m["data"].(map[string]any)["object"].(map[string]any)["amount"] = 1 })
	tests := []struct {
		name    string
		v       WebhookVerifier
		body    []byte
		header  string
		want    error
		refused bool
	}{
		{"no signature", WebhookVerifier{Secret: testSecret}, body, "", ErrUnsigned, true},
		{"forged: another secret", WebhookVerifier{Secret: testSecret}, body, sign(body, "whsec_attacker", now), ErrSignature, true},
		{"forged: the body changed after signing", WebhookVerifier{Secret: testSecret}, tampered, sign(body, testSecret, now), ErrSignature, true},
		{"a header of nonsense", WebhookVerifier{Secret: testSecret}, body, "t=now,v1", ErrSignature, true},
		{"older than the tolerance", WebhookVerifier{Secret: testSecret}, body, sign(body, testSecret, now.Add(-WebhookTolerance-time.Second)), ErrSignatureTooOld, true},
		{"another account's", WebhookVerifier{Secret: testSecret, Account: "acct_1"}, body, sign(body, testSecret, now), ErrWrongAccount, true},
		{"a test event to a live till", WebhookVerifier{Secret: testSecret, Live: true}, body, sign(body, testSecret, now), ErrWrongMode, true},
		{"not JSON", WebhookVerifier{Secret: testSecret}, []byte("{"), sign([]byte("{"), testSecret, now), ErrWebhookUnreadable, false},
		{"an id that is no event id", WebhookVerifier{Secret: testSecret}, other(func(m map[string]any) { m["id"] = "../../x" }), "", nil, false},
		{"an intent without an id", WebhookVerifier{Secret: testSecret}, other(func(m map[string]any) { m["data"] = map[string]any{"object": map[string]any{}} }), "", ErrWebhookUnreadable, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			header := tt.header
			if header == "" && tt.want != ErrUnsigned {
				header = sign(tt.body, testSecret, now)
			}
			want := tt.want
			if want == nil {
				want = ErrWebhookUnreadable
			}
			_, err := tt.v.Verify(tt.body, header, now)
			if !errors.Is(err, want) || Rejected(err) != tt.refused {
				t.Fatalf("err = %v (rejected %v), want %v", err, Rejected(err), want)
			}
		})
	}
}

// An event rendered at another API version (an endpoint made in the Dashboard, or
// stripe listen on an account with a newer default) is read, and says so.
func TestVerifyReadsAnotherAPIVersion(t *testing.T) {
	var m map[string]any
	_ = json.Unmarshal(stripeEvent("evt_1", "payment_intent.succeeded", intentObject), &m)
	m["api_version"] = "2026-09-30.endive"
	body, _ := json.Marshal(m)
	ev, err := WebhookVerifier{Secret: testSecret}.Verify(body, sign(body, testSecret, time.Now()), time.Now())
	if err != nil || !ev.OtherVersion || ev.APIVersion != "2026-09-30.endive" || ev.Notice.Intent.ID != "pi_1" {
		t.Fatalf("%+v %v", ev, err)
	}
}

// FuzzWebhookPayload: whatever a correctly signed body holds, Verify neither panics nor
// returns an event that would mislead the machine: an accepted event has a valid id and
// a notice only of the kind its type names, with an id.
func FuzzWebhookPayload(f *testing.F) {
	f.Add(stripeEvent("evt_1", "terminal.reader.action_failed", readerObject))
	f.Add(stripeEvent("evt_2", "payment_intent.amount_capturable_updated", intentObject))
	f.Add(stripeEvent("evt_3", "charge.succeeded", map[string]any{"id": "ch_1", "payment_intent": "pi_1",
		"payment_method_details": map[string]any{"card_present": map[string]any{"last4": "4242"}}}))
	f.Add([]byte(`{"id":"evt_4","type":"payment_intent.created","data":{"object":"pi_1"},"livemode":false}`))
	f.Add([]byte(`{"id":"evt_5","type":"terminal.reader.action_succeeded","data":{"object":{"id":"tmr_1","action":{"process_payment_intent":{"payment_intent":{"id":7}}}}}}`))
	f.Add([]byte(`null`))
	v := WebhookVerifier{Secret: testSecret}
	f.Fuzz(func(t *testing.T, payload []byte) {
		now := time.Now()
		ev, err := v.Verify(payload, sign(payload, testSecret, now), now)
		if err != nil {
			if Rejected(err) {
				var m struct {
					Account  string `json:"account"`
					Livemode bool   `json:"livemode"`
				}
				if json.Unmarshal(payload, &m) == nil && m.Account == "" && !m.Livemode {
					t.Fatalf("a signed event of this account and mode was rejected: %v", err)
				}
			}
			return
		}
		if !eventID.MatchString(ev.ID) {
			t.Fatalf("accepted id %q", ev.ID)
		}
		if n := ev.Notice; n != nil {
			switch {
			case n.Intent != nil && (n.Reader != nil || n.Intent.ID == "" || !strings.HasPrefix(ev.Type, "payment_intent.")):
				t.Fatalf("bad intent notice %+v for %s", n, ev.Type)
			case n.Reader != nil && (n.Reader.ID == "" || !strings.HasPrefix(ev.Type, "terminal.reader.")):
				t.Fatalf("bad reader notice %+v for %s", n, ev.Type)
			case n.Charge != nil && (n.Charge.PaymentIntentID == "" || ev.Type != "charge.succeeded"):
				t.Fatalf("bad charge notice %+v for %s", n, ev.Type)
			case n.Intent == nil && n.Reader == nil && n.Charge == nil:
				t.Fatalf("empty notice for %s", ev.Type)
			}
		}
	})
}
