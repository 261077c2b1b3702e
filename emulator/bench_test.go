package emulator

import (
	"encoding/json"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/stripe/stripe-go/v76"
	"github.com/stripe/stripe-go/v76/client"
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

// flowOnce runs create → process → present → capture (4 requests) once.
func flowOnce(b *testing.B, sc *client.API, reader string, mustCapture bool) {
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
	// stripe-mock's fixture intent is not in requires_capture; only the emulator must capture.
	if _, err := sc.PaymentIntents.Capture(pi.ID, nil); err != nil && mustCapture {
		b.Fatal(err)
	}
}

// BenchmarkFlow measures the emulator in memory, the emulator with its state file (as
// till's embedded default keeps it) and stripe-mock on the same request mix, side by
// side: each iteration runs the flow once against each, so a machine whose load varies
// slows all three alike. Besides requests per second of wall time, it reports them per
// second of this process's CPU time (client, server and GC), which other processes on
// a shared machine disturb less. go test -run XXX -bench Flow ./emulator/
func BenchmarkFlow(b *testing.B) {
	quietStdout(b)
	type target struct {
		name    string
		sc      *client.API
		reader  string
		capture bool
		spent   time.Duration
		cpu     time.Duration
	}
	emulatorTarget := func(name string, opts Options) *target {
		opts.Seed = true
		e, err := New(opts)
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { e.Close() })
		srv := httptest.NewServer(e)
		b.Cleanup(srv.Close)
		return &target{name: name, sc: stripeClient(srv.URL), reader: e.ReaderIDs()[0], capture: true}
	}
	targets := []*target{
		emulatorTarget("memory", Options{}),
		emulatorTarget("state-file", Options{StatePath: filepath.Join(b.TempDir(), "state.json")}),
		{name: "stripe-mock", sc: stripeClient(stripeMock(b)), reader: "tmr_FDOt2wlRZEdpd7"},
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, t := range targets {
			start, cpu := time.Now(), processCPU()
			flowOnce(b, t.sc, t.reader, t.capture)
			t.spent += time.Since(start)
			t.cpu += processCPU() - cpu
		}
	}
	rate, cpuRate := map[string]float64{}, map[string]float64{}
	for _, t := range targets {
		rate[t.name] = float64(4*b.N) / t.spent.Seconds()
		cpuRate[t.name] = float64(4*b.N) / t.cpu.Seconds()
		b.ReportMetric(rate[t.name], t.name+"-req/s")
	}
	b.ReportMetric(rate["memory"]/rate["stripe-mock"], "memory/stripe-mock")
	b.ReportMetric(rate["state-file"]/rate["stripe-mock"], "state-file/stripe-mock")
	b.ReportMetric(cpuRate["memory"]/cpuRate["stripe-mock"], "memory/stripe-mock-cpu")
	b.ReportMetric(cpuRate["state-file"]/cpuRate["stripe-mock"], "state-file/stripe-mock-cpu")
	b.ReportMetric(0, "ns/op")
}
