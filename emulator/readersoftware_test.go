package emulator

import (
	"bytes"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"testing"
)

func TestReportsAPIError(t *testing.T) {
	for v, want := range map[string]bool{
		simulatedSoftware: true, "2.42.1.0": true, "2.43.1.0": true, "3.0.0.0": true, "": true,
		"2.37.2.0": false, "2.41.9.9": false, "1.99.0.0": false,
	} {
		if got := reportsAPIError(v); got != want {
			t.Errorf("reportsAPIError(%q) = %v, want %v", v, got, want)
		}
	}
}

// A reader on software before 2.42 always has api_error null, as Stripe's guide says,
// even when the API failed its action; the emulator's simulated readers report 2.42.
func TestAPIErrorOnlyFromReaderSoftware242(t *testing.T) {
	f := newFixture(t, Options{})
	c := f.as("", "2026-05-27.dahlia")
	decline := func() map[string]any {
		pi := c.ok("POST", "/v1/payment_intents", form("amount", "1000", "currency", "usd", "capture_method", "manual"))
		c.ok("POST", "/v1/terminal/readers/"+f.readers[0]+"/process_payment_intent", form("payment_intent", str(pi, "id")))
		return c.ok("POST", "/v1/test_helpers/terminal/readers/"+f.readers[0]+"/present_payment_method",
			form("card_present[number]", "4000000000009995"))
	}
	r := decline()
	if str(r, "device_sw_version") != simulatedSoftware {
		t.Fatalf("a simulated reader reports software %q", str(r, "device_sw_version"))
	}
	if _, ok := dig(r, "action", "api_error").(map[string]any); !ok {
		t.Fatalf("a decline on %s has no api_error: %v", simulatedSoftware, dig(r, "action"))
	}
	f.e.mu.Lock()
	rec, _ := f.e.st.Readers.get(f.readers[0])
	rec.Obj.DeviceSwVersion = "2.37.2.0"
	f.e.mu.Unlock()
	r = decline()
	if a := dig(r, "action").(map[string]any); str(a, "failure_code") != "card_declined" || !hasKey(a, "api_error") || a["api_error"] != nil {
		t.Fatalf("a decline on 2.37.2.0: %v", a)
	}
}

// A state file from before simulated readers reported 2.42 (they claimed 2.37.2.0 and
// filled api_error) still has its readers fill api_error after the upgrade.
func TestReadersOfAnOlderStateFileStillFillAPIError(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	f := newFixture(t, Options{StatePath: path, Seed: true})
	if err := f.e.Close(); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	now := []byte(`"device_sw_version":"` + simulatedSoftware + `"`)
	if !bytes.Contains(data, now) {
		t.Fatalf("no reader software in the state file:\n%s", data)
	}
	if err := os.WriteFile(path, replaceInBodies(t, data, now, []byte(`"device_sw_version":"2.37.2.0"`)), 0o600); err != nil {
		t.Fatal(err)
	}
	e2, err := New(Options{StatePath: path, Now: f.clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e2.Close() })
	c := caller{t: t, base: newServer(t, e2), version: "2026-05-27.dahlia"}
	pi := c.ok("POST", "/v1/payment_intents", form("amount", "1000", "currency", "usd", "capture_method", "manual"))
	c.ok("POST", "/v1/terminal/readers/"+f.readers[0]+"/process_payment_intent", form("payment_intent", str(pi, "id")))
	r := c.ok("POST", "/v1/test_helpers/terminal/readers/"+f.readers[0]+"/present_payment_method", form("card_present[number]", "4000000000009995"))
	if _, ok := dig(r, "action", "api_error").(map[string]any); !ok || str(r, "device_sw_version") != simulatedSoftware {
		t.Fatalf("a decline on a reader of an older state file: software %q, action %v", str(r, "device_sw_version"), dig(r, "action"))
	}
}

// replaceInBodies is a state file with old replaced by new in its records' bodies, each
// changed record's checksum written anew.
func replaceInBodies(t *testing.T, data, old, new []byte) []byte {
	t.Helper()
	var out []byte
	for _, line := range bytes.SplitAfter(data, []byte("\n")) {
		head, body, ok := bytes.Cut(line, bodyKey)
		if !ok || !bytes.Contains(body, old) {
			out = append(out, line...)
			continue
		}
		body = bytes.ReplaceAll(bytes.TrimSuffix(body, []byte("}\n")), old, new)
		before, _, _ := bytes.Cut(head, []byte(`,"x":`))
		out = fmt.Appendf(out, "%s,\"x\":%d%s%s}\n", before, crc32.Checksum(body, castagnoli), bodyKey, body)
	}
	return out
}
