package emulator

import (
	"bytes"
	"encoding/json"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// stateFileSeed is the state file of a seeded emulator after one payment, captured,
// and one refund: every kind of line a real file holds, for the fuzzer to start from.
func stateFileSeed(f *testing.F) []byte {
	path := filepath.Join(f.TempDir(), "seed.json")
	e, err := New(Options{Seed: true, StatePath: path})
	if err != nil {
		f.Fatal(err)
	}
	srv := httptest.NewServer(e)
	sc := stripeClient(srv.URL)
	err = flowOnce(sc, e.ReaderIDs()[0], true)
	srv.Close()
	e.Close()
	if err != nil {
		f.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		f.Fatal(err)
	}
	return data
}

// FuzzStateFile starts an emulator on any state file: it starts, or refuses with the
// emulator's own words; never panics. Started, it answers what reads everything back
// (lists, retrievals, searches, events) with JSON, an object or a Stripe error. And a
// record line the emulator writes parses back to what was written.
func FuzzStateFile(f *testing.F) {
	seed := stateFileSeed(f)
	f.Add(seed)
	lines := bytes.SplitAfter(seed, []byte("\n"))
	f.Add(bytes.Join(lines[:len(lines)/2], nil)) // cut after a line
	f.Add(seed[:len(seed)-7])                    // cut mid-line
	f.Add(append(append([]byte{}, fileHeader...), `{"k":"payment_intent","id":"pi_1","seq":1,"x":0,"v":{}}`+"\n"+`{"commit":1,"seq":1,"boots":0}`+"\n"...))
	f.Add([]byte(`{"payment_intents":{}}`)) // the first format
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(dir, "state.json")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		e, err := New(Options{StatePath: path})
		if err != nil {
			if !strings.HasPrefix(err.Error(), "emulator: ") {
				t.Fatalf("refused without the emulator's words: %v", err)
			}
			return
		}
		defer e.Close()
		for _, target := range []string{
			"/v1/payment_intents?limit=100&expand[]=data.latest_charge&expand[]=data.payment_method",
			"/v1/charges?limit=100&expand[]=data.balance_transaction",
			"/v1/refunds?limit=100&expand[]=data.charge",
			"/v1/terminal/readers?limit=100",
			"/v1/terminal/locations?limit=100",
			"/v1/terminal/configurations?limit=100",
			"/v1/setup_intents?limit=100",
			"/v1/events?limit=100&type=payment_intent.succeeded",
			"/v1/payment_intents/search?query=status:'succeeded'",
			"/v1/charges/search?query=status:'succeeded'",
			"/v1/balance_transactions?limit=100",
			"/v1/webhook_endpoints?limit=100",
		} {
			r := httptest.NewRequest(http.MethodGet, target, nil)
			r.Header.Set("Authorization", "Bearer "+testKey)
			w := httptest.NewRecorder()
			e.ServeHTTP(w, r)
			var body map[string]any
			if err := json.Unmarshal(w.Body.Bytes(), &body); err != nil || (body["object"] == nil && body["error"] == nil) {
				t.Fatalf("%s: %d %q", target, w.Code, w.Body)
			}
		}
	})
}

// FuzzStateRecord: a record line as the emulator writes it parses back to the same
// kind, id, order, time, finished flag, terms and body, whatever the strings hold.
func FuzzStateRecord(f *testing.F) {
	f.Add("payment_intent", "pi_Emu0000000004", int64(4), int64(1773500966), true, "status:succeeded\x00metadata[order_id]=ord_1", `{"id":"pi_Emu0000000004"}`)
	f.Add("event", "evt_\"quoted\\", int64(-1), int64(0), false, "", `null`)
	f.Add("k\n", "\u2028<&>", int64(1<<62), int64(-5), true, "\xff\x00", `{"a":"}"}`)
	f.Add("charge", "ch_1", int64(math.MaxInt64), int64(math.MinInt64), false, "a\x00", `{}`) // 19 digits
	f.Fuzz(func(t *testing.T, kind, id string, seq, created int64, finished bool, terms, body string) {
		if kind == "" || id == "" || body == "" || string(appendJSONString(nil, kind)) != `"`+kind+`"` {
			return // never written: kinds are the emulator's own plain names
		}
		var ts []string
		if terms != "" {
			ts = strings.Split(terms, "\x00")
		}
		w := recordWriter{persist: true}
		w.record(kind, id, seq, created, finished, ts, []byte(body))
		line := bytes.TrimSuffix(w.buf, []byte("\n"))
		h, got, err := parseRecord(line)
		if err != nil {
			t.Fatalf("%s: %v", line, err)
		}
		var parsedTerms []string
		if h.RawTerms != nil {
			parsedTerms, err = parseTerms(h.RawTerms)
		}
		switch {
		case err != nil:
			t.Fatalf("%s: terms: %v", line, err)
		case !utf8Same(h.Kind, kind) || !utf8Same(h.ID, id) || h.Seq != seq || h.Created != created || h.Finished != finished:
			t.Fatalf("%s: header %+v", line, h)
		case string(got) != body:
			t.Fatalf("%s: body %q", line, got)
		case len(parsedTerms) != len(ts):
			t.Fatalf("%s: terms %q, want %q", line, parsedTerms, ts)
		}
		for i := range ts {
			if !utf8Same(parsedTerms[i], ts[i]) {
				t.Fatalf("%s: term %q, want %q", line, parsedTerms[i], ts[i])
			}
		}
	})
}

// utf8Same reports whether got is want as JSON carries it: invalid UTF-8 replaced.
func utf8Same(got, want string) bool {
	b, _ := json.Marshal(want)
	var carried string
	return json.Unmarshal(b, &carried) == nil && got == carried
}
