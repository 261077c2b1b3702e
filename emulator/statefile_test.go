package emulator

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stripe/stripe-go/v76"
)

// reopen closes e and opens a new emulator on the same state file.
func reopen(t *testing.T, e *Emulator, opts Options) *Emulator {
	t.Helper()
	if err := e.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	e2, err := New(opts)
	if err != nil {
		t.Fatalf("New after restart: %v", err)
	}
	t.Cleanup(func() { e2.Close() })
	return e2
}

func fileSize(t testing.TB, path string) int64 {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Size()
}

func TestPersistence(t *testing.T) {
	path := filepath.Join(t.TempDir(), "emulator.json")
	f := newFixture(t, Options{StatePath: path})
	pi := f.createPI(1000, "manual")
	f.process(f.readers[0], pi.ID)
	key := map[string]string{"Idempotency-Key": "k1"}
	form := url.Values{"amount": {"700"}, "currency": {"usd"}}
	_, created := rawCall(t, f.srv.URL, http.MethodPost, "/v1/payment_intents", testKey, form, key)

	e2 := reopen(t, f.e, Options{StatePath: path, Seed: true, Now: f.clock.Now})
	if got, want := e2.ReaderIDs(), f.readers; len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Fatalf("readers after restart = %v, want %v (no reseeding)", got, want)
	}
	if typ, status, id, ok := e2.ReaderAction(f.readers[0]); !ok || typ != "process_payment_intent" || status != "in_progress" || id != pi.ID {
		t.Fatalf("pending action lost: %s %s %s %v", typ, status, id, ok)
	}
	if err := e2.PresentCard(f.readers[0], ""); err != nil {
		t.Fatal(err)
	}
	if s, ok := e2.PaymentIntentStatus(pi.ID); !ok || s != "requires_capture" {
		t.Fatalf("PI after restart = %s %v", s, ok)
	}
	srv2 := newServer(t, e2)
	res, replay := rawCall(t, srv2, http.MethodPost, "/v1/payment_intents", testKey, form, key)
	if res.Header.Get("Idempotent-Replayed") != "true" || replay["id"] != created["id"] {
		t.Fatalf("idempotency record lost: %v %v", res.Header, replay["id"])
	}
	// New ids never repeat an id of the earlier run.
	_, fresh := rawCall(t, srv2, http.MethodPost, "/v1/payment_intents", testKey, form, nil)
	for _, s := range f.e.PaymentIntents() {
		if s.ID == fresh["id"] {
			t.Fatalf("id %v reused after restart", fresh["id"])
		}
	}
	// A third start sees what the second wrote.
	e3 := reopen(t, e2, Options{StatePath: path, Now: f.clock.Now})
	if n := len(e3.PaymentIntents()); n != 3 {
		t.Fatalf("%d PaymentIntents after the second restart, want 3", n)
	}
	if s, _ := e3.PaymentIntentStatus(pi.ID); s != "requires_capture" {
		t.Fatalf("PI after the second restart = %s", s)
	}
	// Loaded still encoded, the authorization is watched all the same.
	e4 := reopen(t, e3, Options{StatePath: path, Now: f.clock.Now})
	f.clock.Advance(49 * time.Hour)
	if s, _ := e4.PaymentIntentStatus(pi.ID); s != "canceled" {
		t.Fatalf("an authorization past capture_before after a restart = %s", s)
	}
}

// TestStateWrittenOnChange: the state file grows with a request that changes the
// state, not with a read or a request refused at validation.
func TestStateWrittenOnChange(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	f := newFixture(t, Options{StatePath: path})
	for _, tc := range []struct {
		name, method, path string
		form               url.Values
		writes             bool
	}{
		{"list", http.MethodGet, "/v1/payment_intents", nil, false},
		{"retrieve reader", http.MethodGet, "/v1/terminal/readers/" + f.readers[0], nil, false},
		{"unknown parameter", http.MethodPost, "/v1/payment_intents", url.Values{"amount": {"1000"}, "currency": {"usd"}, "colour": {"red"}}, false},
		{"missing parameter", http.MethodPost, "/v1/payment_intents", url.Values{"currency": {"usd"}}, false},
		{"create", http.MethodPost, "/v1/payment_intents", url.Values{"amount": {"1000"}, "currency": {"usd"}}, true},
		{"retrieve the new one", http.MethodGet, "/v1/payment_intents", nil, false},
	} {
		before := fileSize(t, path)
		res, _ := rawCall(t, f.srv.URL, tc.method, tc.path, testKey, tc.form, nil)
		if written := fileSize(t, path) > before; written != tc.writes {
			t.Errorf("%s (%d): state written %v, want %v", tc.name, res.StatusCode, written, tc.writes)
		}
	}
}

// TestConcurrentWritesKeepEveryChange: however requests interleave, the file ends with
// every change.
func TestConcurrentWritesKeepEveryChange(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	f := newFixture(t, Options{StatePath: path})
	const n = 20
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			pi, err := f.sc.PaymentIntents.New(&stripe.PaymentIntentParams{Amount: stripe.Int64(1000), Currency: stripe.String("usd")})
			if err == nil {
				_, err = f.sc.PaymentIntents.Update(pi.ID, &stripe.PaymentIntentParams{Description: stripe.String("updated")})
			}
			if err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	e2 := reopen(t, f.e, Options{StatePath: path})
	got := e2.PaymentIntents()
	if len(got) != n {
		t.Fatalf("the state file has %d PaymentIntents, want %d", len(got), n)
	}
	srv := newServer(t, e2)
	for _, s := range got {
		if _, pi := rawCall(t, srv, http.MethodGet, "/v1/payment_intents/"+s.ID, testKey, nil, nil); pi["description"] != "updated" {
			t.Fatalf("%s lost its update: %v", s.ID, pi["description"])
		}
	}
}

func TestCorruptStateFile(t *testing.T) {
	for name, content := range map[string]string{
		"broken JSON":   "{not json",
		"not a state":   "hello\n",
		"unknown kinds": string(fileHeader) + `{"k":"colour","id":"c_1","seq":1,"x":0,"v":{}}` + "\n" + `{"commit":1,"seq":1,"boots":1}` + "\n",
	} {
		path := filepath.Join(t.TempDir(), "state.json")
		if err := writeFile(path, content); err != nil {
			t.Fatal(err)
		}
		if _, err := New(Options{StatePath: path}); err == nil || !strings.Contains(err.Error(), "move it away") {
			t.Errorf("%s: New = %v, want a refusal that says what to do", name, err)
		}
	}
}

func TestStateDirectoryMustExist(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "missing")
	_, err := New(Options{StatePath: filepath.Join(dir, "state.json")})
	if err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Fatalf("New = %v, want a refusal naming the missing directory", err)
	}
	if _, err := os.Stat(dir); err == nil {
		t.Fatal("New created the directory")
	}
}

// TestStateFileInUse: a second emulator on the same state file is refused until the
// first is closed.
func TestStateFileInUse(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	e, err := New(Options{StatePath: path, Seed: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := New(Options{StatePath: path}); err == nil || !strings.Contains(err.Error(), "in use by another emulator") {
		t.Fatalf("second New = %v, want in use", err)
	}
	e2 := reopen(t, e, Options{StatePath: path})
	if n := len(e2.ReaderIDs()); n != 2 {
		t.Fatalf("%d readers", n)
	}
}

// TestFirstFormatIsConverted: a state file written by the first emulator (the whole
// state as one JSON object) is converted in place and loses nothing.
func TestFirstFormatIsConverted(t *testing.T) {
	old, err := os.ReadFile("testdata/state-v1.json")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "till-emulator.json")
	if err := os.WriteFile(path, old, 0o600); err != nil {
		t.Fatal(err)
	}
	c := newClock()
	e, err := New(Options{StatePath: path, Seed: true, Now: c.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	if b, _ := os.ReadFile(path); !bytes.HasPrefix(b, fileHeader) {
		t.Fatalf("not converted: %.60s", b)
	}
	pis := e.PaymentIntents()
	if len(pis) != 3 || pis[0].Status != "succeeded" || pis[1].Status != "requires_capture" || pis[2].Status != "requires_payment_method" {
		t.Fatalf("PaymentIntents = %+v", pis)
	}
	readers := e.ReaderIDs()
	if len(readers) != 2 {
		t.Fatalf("readers = %v (reseeded?)", readers)
	}
	if _, status, pi, ok := e.ReaderAction(readers[1]); !ok || status != "in_progress" || pi != pis[2].ID {
		t.Fatalf("reader 2's action lost: %s %s %v", status, pi, ok)
	}
	// The old file's idempotent answers and events are replayed as it recorded them.
	checked := httptest.NewServer(specChecker{t: t, h: e, recorded: true})
	t.Cleanup(checked.Close)
	srv := checked.URL
	form := url.Values{"amount": {"1200"}, "currency": {"usd"}, "capture_method": {"manual"}, "metadata[order_id]": {"o-1"}}
	res, replay := rawCall(t, srv, http.MethodPost, "/v1/payment_intents", testKey, form, map[string]string{"Idempotency-Key": "order-1"})
	if res.Header.Get("Idempotent-Replayed") != "true" || replay["id"] != pis[0].ID {
		t.Fatalf("idempotency key lost: %v", replay["id"])
	}
	_, refunds := rawCall(t, srv, http.MethodGet, "/v1/refunds", testKey, url.Values{"payment_intent": {pis[0].ID}}, nil)
	if data, _ := refunds["data"].([]any); len(data) != 1 {
		t.Fatalf("refunds of %s = %v", pis[0].ID, refunds["data"])
	}
	_, events := rawCall(t, srv, http.MethodGet, "/v1/events", testKey, url.Values{"limit": {"100"}}, nil)
	if data, _ := events["data"].([]any); len(data) != 13 {
		t.Fatalf("%d events, want the 13 of the old file", len(data))
	}
	_, found := rawCall(t, srv, http.MethodGet, "/v1/payment_intents/search", testKey, url.Values{"query": {"metadata['order_id']:'o-2'"}}, nil)
	if data, _ := found["data"].([]any); len(data) != 1 || data[0].(map[string]any)["id"] != pis[1].ID {
		t.Fatalf("search by order = %v", found["data"])
	}
	// The uncaptured authorization is still watched: past capture_before it is released.
	c.Advance(49 * time.Hour)
	if s, _ := e.PaymentIntentStatus(pis[1].ID); s != "canceled" {
		t.Fatalf("authorization past capture_before = %s", s)
	}
	e2 := reopen(t, e, Options{StatePath: path, Now: c.Now})
	if s, _ := e2.PaymentIntentStatus(pis[1].ID); s != "canceled" {
		t.Fatalf("after a restart in the new format = %s", s)
	}
}

// TestUnfinishedWriteIsDropped: a transaction cut short by a kill (no commit line, or
// a line without its newline) was never answered; the next start drops it and goes on.
func TestUnfinishedWriteIsDropped(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	f := newFixture(t, Options{StatePath: path})
	pi := f.createPI(1000, "manual")
	f.e.Close()
	w := recordWriter{persist: true}
	w.record("payment_intent", "pi_ghost", 99, 0, false, nil, []byte(`{"id":"pi_ghost"}`))
	ghost := string(w.buf)
	for _, tail := range []string{
		ghost,
		ghost[:20],
		ghost + `{"commit":1,"se`,
		ghost + `{"k":"payment_intent","id":"pi_ghost","seq":99,"x":0,"v":{}}` + "\n", // damaged, but never committed
	} {
		good := fileSize(t, path)
		fh, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
		if err != nil {
			t.Fatal(err)
		}
		fh.WriteString(tail)
		fh.Close()
		e, err := New(Options{StatePath: path})
		if err != nil {
			t.Fatalf("tail %q: %v", tail, err)
		}
		b, _ := os.ReadFile(path)
		if !bytes.HasPrefix(b[good:], commitLine) || bytes.Contains(b, []byte("pi_ghost")) {
			t.Errorf("tail %q: not cut back to the last commit: %q", tail, b[good:])
		}
		if pis := e.PaymentIntents(); len(pis) != 1 || pis[0].ID != pi.ID {
			t.Errorf("tail %q: PaymentIntents = %+v", tail, pis)
		}
		e.Close()
	}
}

// TestDamageBeforeACommitIsRefused: a damaged line followed by committed transactions
// is corruption, not an unfinished write: the emulator refuses rather than guess.
func TestDamageBeforeACommitIsRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	f := newFixture(t, Options{StatePath: path})
	pi := f.createPI(1000, "manual")
	f.createPI(2000, "manual")
	f.e.Close()
	b, _ := os.ReadFile(path)
	i := bytes.Index(b, []byte(`"amount":1000`))
	if i < 0 {
		t.Fatal("record not found")
	}
	b[i+len(`"amount":`)] = '7' // the body no longer matches its checksum
	os.WriteFile(path, b, 0o600)
	_, err := New(Options{StatePath: path})
	if err == nil || !strings.Contains(err.Error(), "corrupt") {
		t.Fatalf("New = %v, want corrupt (%s)", err, pi.ID)
	}
}

// TestCompactionKeepsTheNewest: once the file has grown, it is rewritten in the
// background with the newest version of each object, while requests go on; nothing
// is lost, and the file shrinks.
func TestCompactionKeepsTheNewest(t *testing.T) {
	defer func(n int64) { minCompact = n }(minCompact)
	minCompact = 16 << 10
	path := filepath.Join(t.TempDir(), "state.json")
	f := newFixture(t, Options{StatePath: path})
	pi := f.createPI(1000, "manual")
	// Without idempotency keys (stripe-go sends one per POST), so the live state stays
	// a few KiB and the garbage bound is minCompact.
	update := func(key string, i int) {
		form := url.Values{"metadata[" + key + "]": {fmt.Sprint(i)}}
		if _, err := call(f.srv.URL, http.MethodPost, "/v1/payment_intents/"+pi.ID, form); err != nil {
			t.Error(err)
		}
	}
	compactions := func() int {
		f.e.file.mu.Lock()
		defer f.e.file.mu.Unlock()
		return f.e.file.compacted
	}
	// Four writers at once: compactions run while they write.
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 50 {
				update(fmt.Sprintf("w%d", w), i)
			}
		}()
	}
	wg.Wait()
	f.e.file.wg.Wait()
	if compactions() == 0 {
		t.Fatal("200 updates of 1 KiB never compacted a file that compacts every 16 KiB")
	}
	// Then one at a time, each after any compaction it started: the last compaction
	// leaves at most 16 KiB of older versions behind, not 260 versions.
	for i := range 60 {
		update("seq", i)
		f.e.file.wg.Wait()
	}
	b, _ := os.ReadFile(path)
	if versions := bytes.Count(b, []byte(`{"k":"payment_intent","id":"`+pi.ID+`"`)); versions > 20 {
		t.Fatalf("the file holds %d versions of %s after %d compactions (%d bytes, next compaction at %d)", versions, pi.ID, compactions(), len(b), f.e.file.compactAt)
	}
	f.e.file.mu.Lock()
	size := f.e.file.size
	f.e.file.mu.Unlock()
	if int64(len(b)) != size {
		t.Fatalf("file is %d bytes, the emulator thinks %d", len(b), size)
	}
	e2 := reopen(t, f.e, Options{StatePath: path})
	srv := newServer(t, e2)
	_, got := rawCall(t, srv, http.MethodGet, "/v1/payment_intents/"+pi.ID, testKey, nil, nil)
	md, _ := got["metadata"].(map[string]any)
	for w := range 4 {
		if md[fmt.Sprintf("w%d", w)] != "49" || md["seq"] != "59" {
			t.Fatalf("metadata after compaction = %v, want every writer's last update", md)
		}
	}
}

// TestRetentionForgetsTheOldestFinished: finished objects, events and idempotency keys
// beyond the retention are forgotten, in memory and in the file; unfinished ones stay.
func TestRetentionForgetsTheOldestFinished(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	opts := Options{StatePath: path, Retention: Retention{Finished: 2, Events: 4, IdempotencyKeys: 3}}
	f := newFixture(t, opts)
	var paid []string
	for i := range 4 {
		form := url.Values{"amount": {"1000"}, "currency": {"usd"}}
		_, pi := rawCall(t, f.srv.URL, http.MethodPost, "/v1/payment_intents", testKey, form, map[string]string{"Idempotency-Key": fmt.Sprint("k", i)})
		id := pi["id"].(string)
		f.process(f.readers[0], id)
		f.present(f.readers[0], "")
		paid = append(paid, id)
	}
	open := f.createPI(1000, "manual").ID
	check := func(e *Emulator, when string) {
		t.Helper()
		var ids []string
		for _, s := range e.PaymentIntents() {
			ids = append(ids, s.ID)
		}
		if want := []string{paid[2], paid[3], open}; fmt.Sprint(ids) != fmt.Sprint(want) {
			t.Fatalf("%s: PaymentIntents %v, want %v (the newest 2 finished and the open one)", when, ids, want)
		}
		if n := e.st.Events.size(); n != 4 {
			t.Fatalf("%s: %d events kept, want 4", when, n)
		}
		if n := e.st.Idempotency.size(); n != 3 {
			t.Fatalf("%s: %d idempotency keys kept, want 3", when, n)
		}
		if n := e.st.Charges.size(); n != 2 {
			t.Fatalf("%s: %d charges kept, want 2", when, n)
		}
	}
	check(f.e, "in memory")
	opts.Now = f.clock.Now
	check(reopen(t, f.e, opts), "after a restart")
}

// TestRetentionForgetsOwners: an object of a connected account forgotten by retention
// takes its owner entry with it, so owners stay as bounded as the objects.
func TestRetentionForgetsOwners(t *testing.T) {
	f := newFixture(t, Options{SeedAccounts: []string{"acct_1Shop"}, Retention: Retention{Finished: 1, Events: 3}})
	shop := f.as("acct_1Shop", "")
	readers := shop.ok("GET", "/v1/terminal/readers", nil)["data"].([]any)
	reader := readers[0].(map[string]any)["id"].(string)
	for range 3 {
		shop.paidOn(reader, 1000, "automatic", "")
	}
	f.e.mu.Lock()
	defer f.e.mu.Unlock()
	for id := range f.e.st.Owners.byID {
		found := false
		for _, tb := range f.e.st.tables {
			found = found || tb != anyTable(f.e.st.Owners) && tb.has(id)
		}
		if !found {
			t.Errorf("owner entry of %s outlived the object", id)
		}
	}
	if n := f.e.st.Intents.size(); n != 1 {
		t.Fatalf("%d PaymentIntents kept, want 1", n)
	}
}
