package emulator

import (
	"encoding/json"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
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
	if errs := validate(doc, sch, good, "pi", DefaultAPIVersion); len(errs) != 0 {
		t.Fatalf("a real PaymentIntent fails: %v", errs)
	}
	for name, mutate := range map[string]func(m map[string]any){
		"undeclared field":            func(m map[string]any) { m["colour"] = "red" },
		"wrong type":                  func(m map[string]any) { m["amount"] = "1000" },
		"null not allowed":            func(m map[string]any) { m["amount"] = nil },
		"missing required":            func(m map[string]any) { delete(m, "status") },
		"always-present field absent": func(m map[string]any) { delete(m, "automatic_payment_methods") },
		"bad enum":                    func(m map[string]any) { m["status"] = "pending" },
		"nested undeclared": func(m map[string]any) {
			m["payment_method_options"] = map[string]any{"card_present": map[string]any{"colour": true}}
		},
	} {
		b, _ := json.Marshal(good)
		var m map[string]any
		decodeRaw(t, b, &m)
		mutate(m)
		if errs := validate(doc, sch, m, "pi", DefaultAPIVersion); len(errs) == 0 {
			t.Errorf("%s: not caught", name)
		}
	}
	// allowed_payment_method_types came with 2026-07-29.dahlia: always there from then on.
	if errs := validate(doc, sch, good, "pi", "2026-08-26.dahlia"); len(errs) == 0 {
		t.Error("a 2026-08-26 PaymentIntent without allowed_payment_method_types passes")
	}
}

// flowOnce runs create → process → present → capture (4 requests) once.
func flowOnce(sc *client.API, reader string, mustCapture bool) error {
	pi, err := sc.PaymentIntents.New(&stripe.PaymentIntentParams{Amount: stripe.Int64(1000), Currency: stripe.String("usd"),
		CaptureMethod: stripe.String("manual"), PaymentMethodTypes: stripe.StringSlice([]string{"card_present"})})
	if err != nil {
		return err
	}
	if _, err := sc.TerminalReaders.ProcessPaymentIntent(reader, &stripe.TerminalReaderProcessPaymentIntentParams{PaymentIntent: stripe.String(pi.ID)}); err != nil {
		return err
	}
	if _, err := sc.TestHelpersTerminalReaders.PresentPaymentMethod(reader, &stripe.TestHelpersTerminalReaderPresentPaymentMethodParams{}); err != nil {
		return err
	}
	// stripe-mock's fixture intent is not in requires_capture; only the emulator must capture.
	if _, err := sc.PaymentIntents.Capture(pi.ID, nil); err != nil && mustCapture {
		return err
	}
	return nil
}

// flowTarget is one server the flow benchmarks drive.
type flowTarget struct {
	name    string
	sc      *client.API
	reader  string
	capture bool
	spent   time.Duration // wall time of its flows
	cpu     time.Duration // CPU time of its flows: this process's, or its server's
}

// runFlows runs the flow b.N times against each target in turn, so that a machine whose
// load varies slows them all alike, adding up each target's wall time and this
// process's CPU time (client, server if in-process, and GC). Each round takes the
// targets in a new random order: the garbage collection one target's garbage starts
// runs on into the next one's flow, and its work leaves the caches cold for the next,
// so every target must follow each other alike. (A fixed order, rotated, does not do
// that: each target follows the same one in every round but those it starts.)
func runFlows(b *testing.B, targets []*flowTarget) {
	rng := rand.New(rand.NewPCG(1, 2)) // the same orders every run
	order := make([]*flowTarget, len(targets))
	copy(order, targets)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		rng.Shuffle(len(order), func(x, y int) { order[x], order[y] = order[y], order[x] })
		for _, t := range order {
			start, cpu := time.Now(), processCPU()
			if err := flowOnce(t.sc, t.reader, t.capture); err != nil {
				b.Fatalf("%s: %v", t.name, err)
			}
			t.spent += time.Since(start)
			t.cpu += processCPU() - cpu
		}
	}
	b.StopTimer()
}

// flowTargets names the flow's targets and their flowHandler targets.
func flowTargets(b *testing.B) []struct{ name, target string } {
	return []struct{ name, target string }{
		{"memory", "memory"},
		{"state-file", "state-file=" + filepath.Join(b.TempDir(), "state.json")},
		{"floor", "floor"},
		{"stripe-mock", "stripe-mock"},
	}
}

// reportFlows reports each target's requests per second of wall time and, for each
// target but stripe-mock, its rates over stripe-mock's: per second of wall time, and
// per second of the CPU time counted in cpu (metric suffix cpuName).
func reportFlows(b *testing.B, targets []*flowTarget, cpuName string) {
	var mock *flowTarget
	for _, t := range targets {
		if t.name == "stripe-mock" {
			mock = t
		}
	}
	reqs := float64(4 * b.N)
	for _, t := range targets {
		b.ReportMetric(reqs/t.spent.Seconds(), t.name+"-req/s")
		if t == mock {
			continue
		}
		b.ReportMetric(mock.spent.Seconds()/t.spent.Seconds(), t.name+"/stripe-mock")
		if t.cpu > 0 && mock.cpu > 0 {
			b.ReportMetric(mock.cpu.Seconds()/t.cpu.Seconds(), t.name+"/stripe-mock-"+cpuName)
		}
	}
	b.ReportMetric(0, "ns/op")
}

// BenchmarkFlow measures the emulator in memory, the emulator with its state file (as
// till's embedded default keeps it) and stripe-mock on the same request mix, side by
// side in this process (see runFlows). Besides requests per second of wall time, it
// reports them per second of this process's CPU time (client, server and GC), which
// other processes on a shared machine disturb less. The floor target is a server that
// replays the emulator's answers and does nothing else (replayServer): the client and
// HTTP cost the same whatever the server, so floor/stripe-mock is the best ratio any
// server could reach here. go test -run XXX -bench 'Flow$' ./emulator/
func BenchmarkFlow(b *testing.B) {
	quietStdout(b)
	targets := []*flowTarget{}
	for _, t := range flowTargets(b) {
		h, readers, closeHandler, err := flowHandler(t.target)
		if err != nil {
			b.Fatalf("%s: %v", t.name, err)
		}
		b.Cleanup(closeHandler)
		srv := httptest.NewServer(h)
		b.Cleanup(srv.Close)
		targets = append(targets, &flowTarget{name: t.name, sc: stripeClient(srv.URL), reader: readers[0], capture: t.name != "stripe-mock"})
	}
	runFlows(b, targets)
	reportFlows(b, targets, "cpu")
}

// BenchmarkFlowHandler is the emulator's own cost of one flow (4 requests), without
// HTTP or a client: the handler called directly, in memory and with a state file, with
// its allocations, and the CPU time per flow (GC included), which other processes on a
// shared machine disturb less than wall time. go test -run XXX -bench FlowHandler -benchmem ./emulator/
func BenchmarkFlowHandler(b *testing.B) {
	for _, name := range []string{"memory", "state-file"} {
		b.Run(name, func(b *testing.B) {
			opts := Options{Seed: true}
			if name == "state-file" {
				opts.StatePath = filepath.Join(b.TempDir(), "state.json")
			}
			e, err := New(opts)
			if err != nil {
				b.Fatal(err)
			}
			defer e.Close()
			reader := e.ReaderIDs()[0]
			n := 0
			do := func(path, body string) []byte {
				n++
				r, err := http.NewRequest("POST", path, strings.NewReader(body)) // lighter than httptest's
				if err != nil {
					b.Fatal(err)
				}
				r.Header.Set("Authorization", "Bearer "+testKey)
				r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				r.Header.Set("Idempotency-Key", "k"+strconv.Itoa(n))
				w := httptest.NewRecorder()
				e.ServeHTTP(w, r)
				if w.Code != 200 {
					b.Fatalf("%s: %d %s", path, w.Code, w.Body)
				}
				return w.Body.Bytes()
			}
			b.ReportAllocs()
			b.ResetTimer()
			cpu := processCPU()
			for i := 0; i < b.N; i++ {
				var pi struct{ ID string }
				json.Unmarshal(do("/v1/payment_intents", "amount=1000&capture_method=manual&currency=usd&payment_method_types[0]=card_present"), &pi)
				do("/v1/terminal/readers/"+reader+"/process_payment_intent", "payment_intent="+pi.ID)
				do("/v1/test_helpers/terminal/readers/"+reader+"/present_payment_method", "")
				do("/v1/payment_intents/"+pi.ID+"/capture", "")
			}
			b.ReportMetric(float64(processCPU()-cpu)/float64(b.N), "cpu-ns/op")
		})
	}
}
