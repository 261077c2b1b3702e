package emulator

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// The SIGKILL harness: an emulator with a state file runs as a child process (this test
// binary, re-run in child mode) while clients pay through it; it is killed with SIGKILL
// at a random moment, restarted on the same file, and every change it had answered must
// be there. The child compacts at 64 KiB, so kills also land during compactions.

const crashChildEnv = "EMULATOR_SIGKILL_CHILD_STATE"

// crashChild serves an emulator on the state file until killed; it prints its base
// URL, or the error that stopped it, on the first line of stdout.
func crashChild(path string) int {
	minCompact = 64 << 10
	// Every answered payment is checked after each restart: none may be forgotten by
	// retention (5,000 finished by default, which a fast machine passes here), which
	// has tests of its own.
	e, err := New(Options{StatePath: path, Seed: true, Readers: 3, Retention: Retention{Finished: 1 << 30}})
	if err != nil {
		fmt.Println("ERR", err)
		return 1
	}
	base, done, err := Serve(context.Background(), "127.0.0.1:0", e)
	if err != nil {
		fmt.Println("ERR", err)
		return 1
	}
	fmt.Println(base)
	<-done
	return 0
}

// startCrashChild starts the child on path and returns its base URL.
func startCrashChild(t *testing.T, path string) (*exec.Cmd, string) {
	t.Helper()
	cmd, _, base := startChild(t, "the emulator on its state file", crashChildEnv+"="+path)
	return cmd, base
}

// call is one API request; it fails on anything but a 200.
func call(base, method, path string, form url.Values) (map[string]any, error) {
	var body io.Reader
	if method == http.MethodPost {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, base+path, body)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+testKey)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	var m map[string]any
	if err := json.NewDecoder(res.Body).Decode(&m); err != nil {
		return nil, err
	}
	if res.StatusCode != http.StatusOK {
		return m, fmt.Errorf("%s %s: %d %v", method, path, res.StatusCode, m["error"])
	}
	return m, nil
}

// acks are the changes the emulator answered: PaymentIntent id → its status then.
type acks struct {
	mu     sync.Mutex
	status map[string]string
}

func (a *acks) set(id, status string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.status[id] = status
}

// pay runs payments on one reader until a request fails (the child was killed).
func pay(base, reader string, a *acks) {
	for {
		pi, err := call(base, http.MethodPost, "/v1/payment_intents", url.Values{"amount": {"1000"}, "currency": {"usd"}, "capture_method": {"manual"}})
		if err != nil {
			return
		}
		id := pi["id"].(string)
		a.set(id, "requires_payment_method")
		if _, err := call(base, http.MethodPost, "/v1/terminal/readers/"+reader+"/process_payment_intent", url.Values{"payment_intent": {id}}); err != nil {
			return
		}
		if _, err := call(base, http.MethodPost, "/v1/test_helpers/terminal/readers/"+reader+"/present_payment_method", nil); err != nil {
			return
		}
		a.set(id, "requires_capture")
		if _, err := call(base, http.MethodPost, "/v1/payment_intents/"+id+"/capture", nil); err != nil {
			return
		}
		a.set(id, "succeeded")
	}
}

func TestStateSurvivesSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("the SIGKILL harness restarts an emulator process many times")
	}
	path := filepath.Join(t.TempDir(), "state.json")
	a := &acks{status: map[string]string{}}
	rng := rand.New(rand.NewPCG(2026, 11))
	verify := func(base, when string) {
		a.mu.Lock()
		defer a.mu.Unlock()
		for id, want := range a.status {
			pi, err := call(base, http.MethodGet, "/v1/payment_intents/"+id, nil)
			if err != nil {
				t.Fatalf("%s: %s was answered (%s) and is lost: %v", when, id, want, err)
			}
			// An answered step is there; a later step may have happened unanswered.
			got := pi["status"].(string)
			if got != want && !(want == "requires_payment_method" && got == "requires_capture") &&
				!(want != "succeeded" && got == "succeeded") {
				t.Fatalf("%s: %s is %s, but %s was answered", when, id, got, want)
			}
		}
	}
	const rounds = 8
	for round := range rounds {
		cmd, base := startCrashChild(t, path)
		verify(base, fmt.Sprintf("restart %d", round))
		readers, err := call(base, http.MethodGet, "/v1/terminal/readers", nil)
		if err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		for _, r := range readers["data"].([]any) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				pay(base, r.(map[string]any)["id"].(string), a)
			}()
		}
		time.Sleep(time.Duration(50+rng.IntN(450)) * time.Millisecond)
		cmd.Process.Kill() // SIGKILL
		cmd.Wait()
		wg.Wait()
	}
	cmd, base := startCrashChild(t, path)
	defer func() { cmd.Process.Kill(); cmd.Wait() }()
	verify(base, "the last restart")
	fi, _ := os.Stat(path)
	t.Logf("%d rounds killed with SIGKILL, %d PaymentIntents answered and all kept, state file %d KiB", rounds, len(a.status), fi.Size()>>10)
	if len(a.status) < rounds {
		t.Fatalf("only %d PaymentIntents made: the harness did not exercise the emulator", len(a.status))
	}
}
