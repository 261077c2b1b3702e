package emulator

import "testing"

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
