package emulator

import (
	"encoding/json"
	"net/http/httptest"
	"testing"

	"github.com/stripe/stripe-go/v76"
)

// TestSpecValidatorCatchesDrift: the validator behind the spec proof fails on what it
// must fail on.
func TestSpecValidatorCatchesDrift(t *testing.T) {
	doc := loadSpec(t)
	f := newFixture(t, Options{})
	pi := f.createPI(1000, "manual")
	var good map[string]any
	decodeRaw(t, pi.LastResponse.RawJSON, &good)
	sch := doc.Components.Schemas["payment_intent"]
	if errs := validate(doc, sch, good, "pi"); len(errs) != 0 {
		t.Fatalf("a real PaymentIntent fails: %v", errs)
	}
	for name, mutate := range map[string]func(m map[string]any){
		"undeclared field": func(m map[string]any) { m["colour"] = "red" },
		"wrong type":       func(m map[string]any) { m["amount"] = "1000" },
		"null not allowed": func(m map[string]any) { m["amount"] = nil },
		"missing required": func(m map[string]any) { delete(m, "status") },
		"bad enum":         func(m map[string]any) { m["status"] = "pending" },
		"nested undeclared": func(m map[string]any) {
			m["payment_method_options"] = map[string]any{"card_present": map[string]any{"colour": true}}
		},
	} {
		b, _ := json.Marshal(good)
		var m map[string]any
		decodeRaw(t, b, &m)
		mutate(m)
		if errs := validate(doc, sch, m, "pi"); len(errs) == 0 {
			t.Errorf("%s: not caught", name)
		}
	}
}

// benchFlow runs create → process → present → capture (4 requests) b.N times.
func benchFlow(b *testing.B, base, reader string, present bool) {
	sc := stripeClient(base)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		pi, err := sc.PaymentIntents.New(&stripe.PaymentIntentParams{Amount: stripe.Int64(1000), Currency: stripe.String("usd"),
			CaptureMethod: stripe.String("manual"), PaymentMethodTypes: stripe.StringSlice([]string{"card_present"})})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := sc.TerminalReaders.ProcessPaymentIntent(reader, &stripe.TerminalReaderProcessPaymentIntentParams{PaymentIntent: stripe.String(pi.ID)}); err != nil {
			b.Fatal(err)
		}
		if _, err := sc.TestHelpersTerminalReaders.PresentPaymentMethod(reader, &stripe.TestHelpersTerminalReaderPresentPaymentMethodParams{}); err != nil {
			b.Fatal(err)
		}
		if _, err := sc.PaymentIntents.Capture(pi.ID, nil); err != nil && present {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(4*b.N)/b.Elapsed().Seconds(), "req/s")
}

// BenchmarkFlow measures the emulator and stripe-mock on the same request mix, in one
// run: go test -run XXX -bench Flow ./emulator/
func BenchmarkFlow(b *testing.B) {
	b.Run("emulator", func(b *testing.B) {
		e, err := New(Options{Seed: true})
		if err != nil {
			b.Fatal(err)
		}
		srv := httptest.NewServer(e)
		defer srv.Close()
		benchFlow(b, srv.URL, e.ReaderIDs()[0], true)
	})
	b.Run("stripe-mock", func(b *testing.B) {
		quietStdout(b)
		benchFlow(b, stripeMock(b), "tmr_FDOt2wlRZEdpd7", false)
	})
}
