package emulator

import (
	"net/http"
	"testing"
	"time"

	"github.com/stripe/stripe-go/v76"
)

func TestSeededState(t *testing.T) {
	f := newFixture(t, Options{})
	locs := f.sc.TerminalLocations.List(&stripe.TerminalLocationListParams{})
	var names []string
	var locID string
	for locs.Next() {
		names = append(names, locs.TerminalLocation().DisplayName)
		locID = locs.TerminalLocation().ID
		if locs.TerminalLocation().Address.Country != "US" {
			t.Errorf("location country = %q", locs.TerminalLocation().Address.Country)
		}
	}
	if err := locs.Err(); err != nil || len(names) != 1 || names[0] != "till demo shop" {
		t.Fatalf("locations = %v, %v", names, err)
	}
	want := []struct{ label, device string }{
		{"Front counter", "simulated_wisepos_e"}, {"Back counter", "simulated_stripe_s700"},
	}
	if len(f.readers) != len(want) {
		t.Fatalf("readers = %v", f.readers)
	}
	for i, w := range want {
		r, err := f.sc.TerminalReaders.Get(f.readers[i], nil)
		if err != nil {
			t.Fatal(err)
		}
		if r.Label != w.label || string(r.DeviceType) != w.device || r.Status != "online" || r.Location.ID != locID ||
			r.DeviceSwVersion == "" || r.SerialNumber == "" || r.Livemode || r.Action != nil {
			t.Errorf("reader %d = %+v", i, r)
		}
		var raw struct {
			LastSeenAt int64 `json:"last_seen_at"`
		}
		decodeRaw(t, r.LastResponse.RawJSON, &raw)
		if raw.LastSeenAt != f.clock.Now().UnixMilli() {
			t.Errorf("last_seen_at = %d, want milliseconds %d", raw.LastSeenAt, f.clock.Now().UnixMilli())
		}
	}
}

func TestManualApproveThenCapture(t *testing.T) {
	f := newFixture(t, Options{})
	pi := f.createPI(1234, "manual", func(p *stripe.PaymentIntentParams) { p.AddMetadata("order_id", "o-1") })
	if pi.Status != stripe.PaymentIntentStatusRequiresPaymentMethod || pi.Metadata["order_id"] != "o-1" {
		t.Fatalf("created = %s %v", pi.Status, pi.Metadata)
	}
	r := f.process(f.readers[0], pi.ID)
	if r.Action == nil || r.Action.Status != "in_progress" || r.Action.ProcessPaymentIntent.PaymentIntent.ID != pi.ID {
		t.Fatalf("action after process = %+v", r.Action)
	}
	r = f.present(f.readers[0], "4242424242424242")
	if r.Action.Status != "succeeded" || r.Action.FailureCode != "" {
		t.Fatalf("action after present = %+v", r.Action)
	}
	got := f.getPI(pi.ID, "latest_charge")
	if got.Status != stripe.PaymentIntentStatusRequiresCapture || got.AmountCapturable != 1234 || got.AmountReceived != 0 {
		t.Fatalf("authorized PI = %s capturable=%d received=%d", got.Status, got.AmountCapturable, got.AmountReceived)
	}
	ch := got.LatestCharge
	cp := ch.PaymentMethodDetails.CardPresent
	if ch.Captured || !ch.Paid || cp.Brand != "visa" || cp.Last4 != "4242" || cp.ReadMethod != "contactless_emv" ||
		cp.Receipt == nil || cp.Receipt.AuthorizationCode == "" || cp.Receipt.ApplicationPreferredName == "" {
		t.Fatalf("charge = %+v / %+v", ch, cp)
	}
	if want := f.clock.Now().Add(48 * time.Hour).Unix(); cp.CaptureBefore != want {
		t.Errorf("capture_before = %d, want %d", cp.CaptureBefore, want)
	}
	captured, err := f.sc.PaymentIntents.Capture(pi.ID, nil)
	if err != nil {
		t.Fatal(err)
	}
	if captured.Status != stripe.PaymentIntentStatusSucceeded || captured.AmountReceived != 1234 || captured.AmountCapturable != 0 {
		t.Fatalf("captured = %s received=%d", captured.Status, captured.AmountReceived)
	}
	charge, err := f.sc.Charges.Get(ch.ID, nil)
	if err != nil || !charge.Captured || charge.AmountCaptured != 1234 {
		t.Fatalf("charge after capture = %+v, %v", charge, err)
	}
	if s, _ := f.e.PaymentIntentStatus(pi.ID); s != "succeeded" {
		t.Errorf("PaymentIntentStatus = %s", s)
	}
	// A second capture is refused.
	_, err = f.sc.PaymentIntents.Capture(pi.ID, nil)
	wantErr(t, err, http.StatusBadRequest, stripe.ErrorTypeInvalidRequest, "payment_intent_unexpected_state", "")
}

func TestPartialCapture(t *testing.T) {
	f := newFixture(t, Options{})
	pi := f.createPI(5000, "manual")
	f.process(f.readers[0], pi.ID)
	f.present(f.readers[0], "")
	_, err := f.sc.PaymentIntents.Capture(pi.ID, &stripe.PaymentIntentCaptureParams{AmountToCapture: stripe.Int64(6000)})
	wantErr(t, err, http.StatusBadRequest, stripe.ErrorTypeInvalidRequest, "amount_too_large", "amount_to_capture")
	got, err := f.sc.PaymentIntents.Capture(pi.ID, &stripe.PaymentIntentCaptureParams{AmountToCapture: stripe.Int64(3000)})
	if err != nil || got.Status != stripe.PaymentIntentStatusSucceeded || got.AmountReceived != 3000 {
		t.Fatalf("partial capture = %+v, %v", got, err)
	}
}

func TestAutomaticApprove(t *testing.T) {
	f := newFixture(t, Options{})
	// capture_method omitted: API 2023-10-16 defaults to automatic.
	pi, err := f.sc.PaymentIntents.New(&stripe.PaymentIntentParams{Amount: stripe.Int64(1000), Currency: stripe.String("usd")})
	if err != nil {
		t.Fatal(err)
	}
	if pi.CaptureMethod != stripe.PaymentIntentCaptureMethodAutomatic || len(pi.PaymentMethodTypes) != 1 || pi.PaymentMethodTypes[0] != "card_present" {
		t.Fatalf("defaults: capture=%s types=%v", pi.CaptureMethod, pi.PaymentMethodTypes)
	}
	f.process(f.readers[1], pi.ID)
	f.present(f.readers[1], "5555555555554444")
	got := f.getPI(pi.ID, "latest_charge")
	if got.Status != stripe.PaymentIntentStatusSucceeded || got.AmountReceived != 1000 || !got.LatestCharge.Captured ||
		got.LatestCharge.PaymentMethodDetails.CardPresent.Brand != "mastercard" {
		t.Fatalf("PI = %s received=%d charge=%+v", got.Status, got.AmountReceived, got.LatestCharge)
	}
}

func TestDeclineThenRetryApproves(t *testing.T) {
	f := newFixture(t, Options{})
	pi := f.createPI(2000, "manual")
	f.process(f.readers[0], pi.ID)
	r := f.present(f.readers[0], "4000000000009995")
	if r.Action.Status != "failed" || r.Action.FailureCode != "card_declined" || r.Action.FailureMessage != "Your card has insufficient funds." {
		t.Fatalf("declined action = %+v", r.Action)
	}
	got := f.getPI(pi.ID, "latest_charge")
	lpe := got.LastPaymentError
	if got.Status != stripe.PaymentIntentStatusRequiresPaymentMethod || lpe == nil || lpe.Type != stripe.ErrorTypeCard ||
		lpe.Code != stripe.ErrorCodeCardDeclined || lpe.DeclineCode != "insufficient_funds" || lpe.ChargeID != got.LatestCharge.ID ||
		lpe.PaymentMethod == nil || lpe.PaymentMethod.CardPresent.Last4 != "9995" || lpe.PaymentMethod.Type != "card_present" {
		t.Fatalf("declined PI = %s %+v", got.Status, lpe)
	}
	if got.LatestCharge.Status != "failed" || got.LatestCharge.FailureCode != "card_declined" {
		t.Fatalf("failed charge = %+v", got.LatestCharge)
	}
	failedCharge := got.LatestCharge.ID

	f.process(f.readers[0], pi.ID)
	f.present(f.readers[0], "4242424242424242")
	got = f.getPI(pi.ID)
	if got.Status != stripe.PaymentIntentStatusRequiresCapture || got.LastPaymentError != nil || got.LatestCharge.ID == failedCharge {
		t.Fatalf("retried PI = %s lpe=%+v latest=%s", got.Status, got.LastPaymentError, got.LatestCharge.ID)
	}
}

func TestCancelAction(t *testing.T) {
	f := newFixture(t, Options{})
	pi := f.createPI(1500, "manual")
	f.process(f.readers[0], pi.ID)
	r, err := f.sc.TerminalReaders.CancelAction(f.readers[0], nil)
	if err != nil || r.Action != nil {
		t.Fatalf("cancel_action = %+v, %v", r, err)
	}
	if got := f.getPI(pi.ID); got.Status != stripe.PaymentIntentStatusRequiresPaymentMethod {
		t.Fatalf("PI after cancel_action = %s", got.Status)
	}
	if _, _, _, ok := f.e.ReaderAction(f.readers[0]); ok {
		t.Errorf("ReaderAction still reports an action")
	}
	_, err = f.presentErr(f.readers[0], "")
	wantErr(t, err, http.StatusBadRequest, stripe.ErrorTypeInvalidRequest, "", "")
	_, err = f.sc.TerminalReaders.CancelAction(f.readers[0], nil)
	wantErr(t, err, http.StatusBadRequest, stripe.ErrorTypeInvalidRequest, "", "")
}

func TestProcessReplacesPendingAction(t *testing.T) {
	f := newFixture(t, Options{})
	first := f.createPI(1000, "manual")
	second := f.createPI(3000, "manual")
	f.process(f.readers[0], first.ID)
	r := f.process(f.readers[0], second.ID)
	if r.Action.ProcessPaymentIntent.PaymentIntent.ID != second.ID {
		t.Fatalf("action = %+v", r.Action.ProcessPaymentIntent)
	}
	f.present(f.readers[0], "")
	if s, _ := f.e.PaymentIntentStatus(first.ID); s != "requires_payment_method" {
		t.Errorf("replaced PI = %s", s)
	}
	if s, _ := f.e.PaymentIntentStatus(second.ID); s != "requires_capture" {
		t.Errorf("processed PI = %s", s)
	}
	typ, status, piID, ok := f.e.ReaderAction(f.readers[0])
	if !ok || typ != "process_payment_intent" || status != "succeeded" || piID != second.ID {
		t.Errorf("ReaderAction = %s %s %s %v", typ, status, piID, ok)
	}
}

func TestIntentInvalidState(t *testing.T) {
	f := newFixture(t, Options{})
	pi := f.createPI(1000, "manual")
	f.process(f.readers[0], pi.ID)
	f.present(f.readers[0], "")
	_, err := f.sc.TerminalReaders.ProcessPaymentIntent(f.readers[0], &stripe.TerminalReaderProcessPaymentIntentParams{PaymentIntent: stripe.String(pi.ID)})
	se := wantErr(t, err, http.StatusBadRequest, stripe.ErrorTypeInvalidRequest, stripe.ErrorCodeIntentInvalidState, "")
	if se.Msg != "Payment intent must be in the requires_payment_method state to be processed by a reader." {
		t.Errorf("message = %q", se.Msg)
	}
	canceled := f.createPI(1000, "manual")
	if _, err := f.sc.PaymentIntents.Cancel(canceled.ID, &stripe.PaymentIntentCancelParams{CancellationReason: stripe.String("abandoned")}); err != nil {
		t.Fatal(err)
	}
	_, err = f.sc.TerminalReaders.ProcessPaymentIntent(f.readers[1], &stripe.TerminalReaderProcessPaymentIntentParams{PaymentIntent: stripe.String(canceled.ID)})
	wantErr(t, err, http.StatusBadRequest, stripe.ErrorTypeInvalidRequest, stripe.ErrorCodeIntentInvalidState, "")
}

func TestCancelPaymentIntent(t *testing.T) {
	f := newFixture(t, Options{})
	pi := f.createPI(1000, "manual")
	f.process(f.readers[0], pi.ID)
	f.present(f.readers[0], "")
	got, err := f.sc.PaymentIntents.Cancel(pi.ID, &stripe.PaymentIntentCancelParams{CancellationReason: stripe.String("requested_by_customer")})
	if err != nil || got.Status != stripe.PaymentIntentStatusCanceled || got.CancellationReason != "requested_by_customer" ||
		got.CanceledAt == 0 || got.AmountCapturable != 0 {
		t.Fatalf("canceled = %+v, %v", got, err)
	}
	_, err = f.sc.PaymentIntents.Cancel(pi.ID, nil)
	wantErr(t, err, http.StatusBadRequest, stripe.ErrorTypeInvalidRequest, "payment_intent_unexpected_state", "")
	_, err = f.sc.PaymentIntents.Cancel(f.createPI(1000, "manual").ID, &stripe.PaymentIntentCancelParams{CancellationReason: stripe.String("bored")})
	wantErr(t, err, http.StatusBadRequest, stripe.ErrorTypeInvalidRequest, "", "cancellation_reason")
	summaries := f.e.PaymentIntents()
	if len(summaries) != 2 || summaries[0].ID != pi.ID || summaries[0].CancellationReason != "requested_by_customer" {
		t.Fatalf("summaries = %+v", summaries)
	}
}

func TestAuthorizationExpires(t *testing.T) {
	f := newFixture(t, Options{})
	pi := f.createPI(1000, "manual")
	f.process(f.readers[0], pi.ID)
	f.present(f.readers[0], "")
	f.clock.Advance(47 * time.Hour)
	if s, _ := f.e.PaymentIntentStatus(pi.ID); s != "requires_capture" {
		t.Fatalf("before expiry: %s", s)
	}
	f.clock.Advance(time.Hour)
	got := f.getPI(pi.ID)
	if got.Status != stripe.PaymentIntentStatusCanceled || got.CancellationReason != "automatic" {
		t.Fatalf("after expiry: %s %s", got.Status, got.CancellationReason)
	}
	_, err := f.sc.PaymentIntents.Capture(pi.ID, nil)
	wantErr(t, err, http.StatusBadRequest, stripe.ErrorTypeInvalidRequest, "payment_intent_unexpected_state", "")
}

func TestInterac(t *testing.T) {
	f := newFixture(t, Options{})
	pi, err := f.sc.PaymentIntents.New(&stripe.PaymentIntentParams{
		Amount: stripe.Int64(4500), Currency: stripe.String("cad"), CaptureMethod: stripe.String("manual"),
		PaymentMethodTypes: stripe.StringSlice([]string{"card_present", "interac_present"}),
	})
	if err != nil {
		t.Fatal(err)
	}
	f.process(f.readers[0], pi.ID)
	r, err := f.sc.TestHelpersTerminalReaders.PresentPaymentMethod(f.readers[0], &stripe.TestHelpersTerminalReaderPresentPaymentMethodParams{
		Type: stripe.String("interac_present"),
	})
	if err != nil || r.Action.Status != "succeeded" {
		t.Fatalf("present interac = %+v, %v", r, err)
	}
	got := f.getPI(pi.ID, "latest_charge")
	d := got.LatestCharge.PaymentMethodDetails
	if got.Status != stripe.PaymentIntentStatusSucceeded || got.AmountReceived != 4500 || d.Type != "interac_present" ||
		d.InteracPresent == nil || d.InteracPresent.Brand != "interac" || d.InteracPresent.Last4 != "1933" {
		t.Fatalf("interac PI = %s received=%d details=%+v", got.Status, got.AmountReceived, d)
	}
	// A card_present-only PaymentIntent refuses Interac.
	other := f.createPI(1000, "manual")
	f.process(f.readers[1], other.ID)
	_, err = f.sc.TestHelpersTerminalReaders.PresentPaymentMethod(f.readers[1], &stripe.TestHelpersTerminalReaderPresentPaymentMethodParams{
		Type: stripe.String("interac_present"),
	})
	wantErr(t, err, http.StatusBadRequest, stripe.ErrorTypeInvalidRequest, "", "type")
}

func TestTip(t *testing.T) {
	f := newFixture(t, Options{})
	pi := f.createPI(1000, "manual")
	f.process(f.readers[0], pi.ID)
	_, err := f.sc.TestHelpersTerminalReaders.PresentPaymentMethod(f.readers[0], &stripe.TestHelpersTerminalReaderPresentPaymentMethodParams{
		AmountTip: stripe.Int64(200),
	})
	if err != nil {
		t.Fatal(err)
	}
	got := f.getPI(pi.ID)
	if got.Amount != 1200 || got.AmountCapturable != 1200 || got.AmountDetails == nil || got.AmountDetails.Tip.Amount != 200 {
		t.Fatalf("tipped PI = amount %d capturable %d details %+v", got.Amount, got.AmountCapturable, got.AmountDetails)
	}
}
