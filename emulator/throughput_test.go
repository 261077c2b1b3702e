package emulator

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stripe/stripe-go/v76"
)

// Each server's requests per second when it is the bottleneck, as a load generator
// measures a server: BenchmarkFlow and BenchmarkFlowServers wait for each answer
// before sending the next request, so their rates count the client's own work too
// (about half of a flow's time), which is the same whatever the server and so holds
// every ratio down (the floor reaches only 2.1–2.4× stripe-mock there).

// loadWorkers is how many flows run at once against a server: enough that it always
// has a request waiting.
const loadWorkers = 8

// loadServerProcs is each server's GOMAXPROCS in BenchmarkFlowThroughput: one core of
// the machine's two, the load generator on the other.
const loadServerProcs = 1

// loadClient sends the flow's requests as stripe-go sends them (the same paths, form
// bodies, sent chunked, and headers: its User-Agent, X-Stripe-Client-User-Agent and
// telemetry, and an idempotency key of its own making where it sends one) and reads no
// more of an answer than the PaymentIntent's id: a load generator, whose own cost per
// request stays under the cheapest server's so that the server is the bottleneck.
type loadClient struct {
	base   string
	hc     *http.Client
	header http.Header // what every request carries
}

func newLoadClient(base string) *loadClient {
	tr := &http.Transport{MaxIdleConnsPerHost: loadWorkers, MaxConnsPerHost: loadWorkers}
	// stripe-go's own values, but for uname (the output of uname -a, of about this
	// length) and the previous request's metrics (sent as both servers give a Request-Id).
	agent, _ := json.Marshal(map[string]any{"application": nil, "bindings_version": stripe.ClientVersion,
		"lang": "go", "lang_version": runtime.Version(), "publisher": "stripe",
		"uname": "Linux host 6.1.0-18-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01) x86_64 GNU/Linux\n"})
	header := http.Header{
		"Authorization":              {"Bearer " + testKey},
		"Content-Type":               {"application/x-www-form-urlencoded"},
		"Stripe-Version":             {stripe.APIVersion},
		"User-Agent":                 {"Stripe/v1 GoBindings/" + stripe.ClientVersion},
		"X-Stripe-Client-User-Agent": {string(agent)},
		"X-Stripe-Client-Telemetry":  {`{"last_request_metrics":{"request_duration_ms":1,"request_id":"req_123","usage":null}}`},
	}
	return &loadClient{base: base, hc: &http.Client{Transport: tr}, header: header}
}

// post sends one request of the flow; into, when not nil, receives the answer's id.
func (c *loadClient) post(path, form string, idempotent bool, into *string) error {
	req, err := http.NewRequest("POST", c.base+path, nil)
	if err != nil {
		return err
	}
	// A body of unknown length, as stripe-go sets it: sent chunked, even when empty.
	req.Body = io.NopCloser(strings.NewReader(form))
	for k, v := range c.header {
		req.Header[k] = v // read-only: shared by every request
	}
	if idempotent {
		req.Header.Set("Idempotency-Key", stripe.NewIdempotencyKey())
	}
	res, err := c.hc.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		body, _ := io.ReadAll(io.LimitReader(res.Body, 300))
		return fmt.Errorf("%s: %d %s", path, res.StatusCode, body)
	}
	if into == nil {
		_, err = io.Copy(io.Discard, res.Body)
		return err
	}
	var obj struct {
		ID string `json:"id"`
	}
	if err := json.NewDecoder(res.Body).Decode(&obj); err != nil {
		return fmt.Errorf("%s: %v", path, err)
	}
	*into = obj.ID
	return nil
}

// flow is flowOnce's create → process → present → capture on reader.
func (c *loadClient) flow(reader string, mustCapture bool) error {
	var pi string
	if err := c.post("/v1/payment_intents", "amount=1000&capture_method=manual&currency=usd&payment_method_types[0]=card_present", true, &pi); err != nil {
		return err
	}
	if err := c.post("/v1/terminal/readers/"+reader+"/process_payment_intent", "payment_intent="+pi, true, nil); err != nil {
		return err
	}
	if err := c.post("/v1/test_helpers/terminal/readers/"+reader+"/present_payment_method", "", true, nil); err != nil {
		return err
	}
	// stripe-go sends no idempotency key with a capture that has no parameters.
	if err := c.post("/v1/payment_intents/"+pi+"/capture", "", false, nil); err != nil && mustCapture {
		return err
	}
	return nil
}

// loadTarget is one server of BenchmarkFlowThroughput.
type loadTarget struct {
	name    string
	client  *loadClient
	readers []string // one a worker; a server that keeps no state repeats its one reader
	capture bool
	spent   time.Duration // wall time while its flows ran
	loadCPU time.Duration // the load generator's CPU time meanwhile
	cpu     func() time.Duration
}

// run runs n flows, loadWorkers at a time, and adds the wall time they took and the
// load generator's CPU time.
func (t *loadTarget) run(n int) error {
	var next atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, loadWorkers)
	start, cpu := time.Now(), processCPU()
	for w := range loadWorkers {
		wg.Add(1)
		go func(reader string) {
			defer wg.Done()
			for next.Add(1) <= int64(n) {
				if err := t.client.flow(reader, t.capture); err != nil {
					errs <- err
					return
				}
			}
		}(t.readers[w%len(t.readers)])
	}
	wg.Wait()
	t.spent += time.Since(start)
	t.loadCPU += processCPU() - cpu
	select {
	case err := <-errs:
		return fmt.Errorf("%s: %v", t.name, err)
	default:
		return nil
	}
}

// loadRound is how many flows each target runs before the next takes its turn.
const loadRound = 100

// BenchmarkFlowThroughput is each server's requests per second on the flow when it is
// the bottleneck: each server in a process of its own on one core (GOMAXPROCS=1), with
// loadWorkers flows at once (each on a reader of its own) from a light load generator
// (loadClient) on the other core. The targets take turns, loadRound flows each, in a
// new random order every round. Besides each rate and its ratio over stripe-mock's, it
// reports each server's busy share (its CPU time over the wall time of its flows): near
// 1 or above, the server was the bottleneck; well under 1, it waited, and its rate is
// understated. Why it waited is the load generator's busy share beside it (load-busy,
// this process's CPU time over the same wall time): near 1 or above, the load generator
// was the bottleneck; both well under 1, adding up to under 2, other processes had the
// machine's cores (a loaded machine: its load average says so). b.N is the number of
// flows per target.
// go test -run XXX -bench FlowThroughput -benchtime 4000x ./emulator/
func BenchmarkFlowThroughput(b *testing.B) {
	if processCPU() == 0 {
		b.Skip("process CPU time is not measured on this platform")
	}
	var targets []*loadTarget
	for _, t := range flowTargets(b) {
		base, readers, cpu := startBenchServer(b, t.name, t.target, "GOMAXPROCS="+strconv.Itoa(loadServerProcs))
		targets = append(targets, &loadTarget{name: t.name, client: newLoadClient(base), readers: readers,
			capture: t.name != "stripe-mock", cpu: cpu})
	}
	before := make([]time.Duration, len(targets))
	for i, t := range targets {
		if err := t.run(loadWorkers); err != nil { // connections opened before the clock starts
			b.Fatal(err)
		}
		t.spent, t.loadCPU, before[i] = 0, 0, t.cpu()
	}
	rng := rand.New(rand.NewPCG(1, 2))
	order := append([]*loadTarget(nil), targets...)
	b.ResetTimer()
	for done := 0; done < b.N; done += loadRound {
		rng.Shuffle(len(order), func(x, y int) { order[x], order[y] = order[y], order[x] })
		for _, t := range order {
			if err := t.run(min(loadRound, b.N-done)); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.StopTimer()
	flows := make([]*flowTarget, len(targets))
	for i, t := range targets {
		b.ReportMetric((t.cpu()-before[i]).Seconds()/t.spent.Seconds(), t.name+"-busy")
		b.ReportMetric(t.loadCPU.Seconds()/t.spent.Seconds(), t.name+"-load-busy")
		flows[i] = &flowTarget{name: t.name, spent: t.spent}
	}
	reportFlows(b, flows, "")
}

// TestLoadClientSendsWhatStripeGoSends: the load generator's flow is stripe-go's, request
// for request, as a server reads it: the same paths and bodies, framed alike (chunked),
// the same headers (an idempotency key on the same requests).
func TestLoadClientSendsWhatStripeGoSends(t *testing.T) {
	e, err := New(Options{Seed: true})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	var mu sync.Mutex
	var sent []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(strings.NewReader(string(body)))
		names := slices.Sorted(maps.Keys(r.Header))
		mu.Lock()
		sent = append(sent, fmt.Sprintf("%s %s %q %s length %d %v", r.Method, r.URL.Path, body, strings.Join(names, ","), r.ContentLength, r.TransferEncoding))
		mu.Unlock()
		e.ServeHTTP(w, r)
	}))
	defer srv.Close()
	reader := e.ReaderIDs()[0]
	// Requests whose ids differ between the two flows read the same with them left out.
	flow := func(run func() error) []string {
		t.Helper()
		sent = nil
		if err := run(); err != nil {
			t.Fatal(err)
		}
		pi := regexp.MustCompile(`pi_[A-Za-z0-9]+`)
		out := make([]string, len(sent))
		for i, s := range sent {
			out[i] = pi.ReplaceAllString(s, "pi_X")
		}
		return out
	}
	sc := stripeClient(srv.URL)
	flow(func() error { return flowOnce(sc, reader, true) }) // stripe-go sends telemetry from its second request on
	want := flow(func() error { return flowOnce(sc, reader, true) })
	got := flow(func() error { return newLoadClient(srv.URL).flow(reader, true) })
	if !slices.Equal(got, want) {
		t.Errorf("the load generator sends\n  %s\nstripe-go sends\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}
