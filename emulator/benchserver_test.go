package emulator

import (
	"context"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"strconv"
	"strings"
	"testing"
	"time"
)

// replay answers each request of the flow with the headers and body the emulator
// answered it with once, and does nothing else: the server that costs nothing.
type replay struct {
	reader  string
	answers map[string]*httptest.ResponseRecorder // by the path's last element
}

func (rp *replay) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	io.Copy(io.Discard, r.Body)
	a := rp.answers[path.Base(r.URL.Path)]
	if a == nil {
		http.NotFound(w, r)
		return
	}
	maps.Copy(w.Header(), a.Header())
	w.WriteHeader(a.Code)
	w.Write(a.Body.Bytes())
}

// replayServer records the emulator's answers to one flow.
func replayServer() (*replay, error) {
	e, err := New(Options{Seed: true})
	if err != nil {
		return nil, err
	}
	defer e.Close()
	rp := &replay{reader: e.ReaderIDs()[0], answers: map[string]*httptest.ResponseRecorder{}}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := httptest.NewRecorder()
		e.ServeHTTP(rec, r)
		rp.answers[path.Base(r.URL.Path)] = rec
		maps.Copy(w.Header(), rec.Header())
		w.WriteHeader(rec.Code)
		w.Write(rec.Body.Bytes())
	}))
	defer srv.Close()
	return rp, flowOnce(stripeClient(srv.URL), rp.reader, true)
}

// flowReaders is how many readers the emulator's flow targets have: one for each of
// BenchmarkFlowThroughput's flows at once.
const flowReaders = loadWorkers

// flowHandler is the server of one of the flow's targets ("memory",
// "state-file=<path>", "floor", "stripe-mock") and the readers its flows use (a server
// that keeps no state has one, which any number of flows may use at once); release
// releases it.
func flowHandler(target string) (h http.Handler, readers []string, release func(), err error) {
	name, arg, _ := strings.Cut(target, "=")
	switch name {
	case "memory", "state-file":
		e, err := New(Options{StatePath: arg, Seed: true, Readers: flowReaders})
		if err != nil {
			return nil, nil, nil, err
		}
		return e, e.ReaderIDs(), func() { e.Close() }, nil
	case "floor":
		rp, err := replayServer()
		if err != nil {
			return nil, nil, nil, err
		}
		return rp, []string{rp.reader}, func() {}, nil
	case "stripe-mock":
		mock, err := stripeMockHandler()
		if err != nil {
			return nil, nil, nil, err
		}
		return mock, []string{mockReader}, func() {}, nil
	}
	return nil, nil, nil, fmt.Errorf("unknown target %s", target)
}

// The flow's servers each in a process of their own, as stripe-mock and `till emulator`
// run for an integrator: this test binary, re-run in server mode.

const benchServerEnv = "EMULATOR_BENCH_SERVER"

// benchCPUPath answers the server process's CPU time so far, in nanoseconds.
const benchCPUPath = "/_bench/cpu"

// benchServer serves one of the flow's targets ("memory", "state-file=<path>",
// "floor", "stripe-mock") until stdin closes, printing its base URL and reader ids
// (joined by commas) on the first line of stdout, or the error that stopped it.
func benchServer(target string) int {
	out := os.Stdout
	os.Stdout, _ = os.Open(os.DevNull) // stripe-mock prints every request
	h, readers, closeHandler, err := flowHandler(target)
	if err != nil {
		fmt.Fprintln(out, "ERR", err)
		return 1
	}
	defer closeHandler()
	mux := http.NewServeMux()
	mux.HandleFunc(benchCPUPath, func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, int64(processCPU()))
	})
	mux.Handle("/", h)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(out, "ERR", err)
		return 1
	}
	srv := &http.Server{Handler: mux}
	go srv.Serve(ln)
	fmt.Fprintln(out, "http://"+ln.Addr().String(), strings.Join(readers, ","))
	io.Copy(io.Discard, os.Stdin)
	srv.Shutdown(context.Background())
	return 0
}

// startBenchServer starts a server process for the target, with env ("NAME=value")
// added to its environment, and returns its base URL, its readers and its CPU time so
// far, read through benchCPUPath.
func startBenchServer(b *testing.B, name, target string, env ...string) (base string, readers []string, cpu func() time.Duration) {
	b.Helper()
	cmd, stdin, line := startChild(b, "the "+name+" server", append(env, benchServerEnv+"="+target)...)
	b.Cleanup(func() {
		stdin.Close()
		cmd.Wait()
	})
	base, ids, ok := strings.Cut(line, " ")
	if !ok {
		b.Fatalf("the %s server did not start: %q", name, line)
	}
	cpu = func() time.Duration {
		res, err := http.Get(base + benchCPUPath)
		if err != nil {
			b.Fatal(err)
		}
		defer res.Body.Close()
		body, _ := io.ReadAll(res.Body)
		n, err := strconv.ParseInt(string(body), 10, 64)
		if err != nil {
			b.Fatalf("%s server CPU: %q", name, body)
		}
		return time.Duration(n)
	}
	return base, strings.Split(ids, ","), cpu
}

// BenchmarkFlowServers is BenchmarkFlow with each server in a process of its own, as an
// integrator runs stripe-mock or `till emulator`: each collects its own garbage, and
// the CPU ratios count the servers' CPU time only (read from each process before and
// after), not the client's, which is the same for all. Wall-time rates still include
// the client. go test -run XXX -bench FlowServers ./emulator/
func BenchmarkFlowServers(b *testing.B) {
	if processCPU() == 0 {
		b.Skip("process CPU time is not measured on this platform")
	}
	targets := []*flowTarget{}
	cpus := []func() time.Duration{}
	for _, t := range flowTargets(b) {
		base, readers, cpu := startBenchServer(b, t.name, t.target)
		ft := &flowTarget{name: t.name, sc: stripeClient(base), reader: readers[0], capture: t.name != "stripe-mock"}
		targets, cpus = append(targets, ft), append(cpus, cpu)
	}
	before := make([]time.Duration, len(targets))
	for i, cpu := range cpus {
		before[i] = cpu()
	}
	runFlows(b, targets)
	for i, t := range targets {
		t.cpu = cpus[i]() - before[i]
	}
	reportFlows(b, targets, "server-cpu")
}
