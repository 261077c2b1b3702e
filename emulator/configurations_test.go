package emulator

import (
	"net/http"
	"testing"
)

func TestTerminalConfigurations(t *testing.T) {
	f := newFixture(t, Options{})
	c := f.as("", "")
	// The seeded account default offers tipping; every account has a default.
	def := c.ok("GET", "/v1/terminal/configurations", form("is_account_default", "true"))
	if n := len(dig(def, "data").([]any)); n != 1 || num(def, "data", "0", "tipping", "usd", "smart_tip_threshold") != 1000 {
		t.Fatalf("seeded default: %v", def)
	}
	other := f.as("acct_1Bar", "").ok("GET", "/v1/terminal/configurations", nil)
	if d := dig(other, "data", "0").(map[string]any); d["is_account_default"] != true || d["tipping"] != nil {
		t.Fatalf("a new account's default: %v", other)
	}

	created := c.ok("POST", "/v1/terminal/configurations", form("name", "Bar", "tipping[usd][percentages][]", "10",
		"tipping[usd][percentages][]", "15", "tipping[usd][percentages][]", "20", "tipping[usd][smart_tip_threshold]", "500",
		"bbpos_wisepos_e[splashscreen]", "file_Splash", "offline[enabled]", "true", "reboot_window[start_hour]", "2",
		"reboot_window[end_hour]", "4"))
	id := str(created, "id")
	if str(created, "bbpos_wisepos_e", "splashscreen") != "file_Splash" || dig(created, "offline", "enabled") != true ||
		num(created, "reboot_window", "end_hour") != 4 || dig(created, "is_account_default") != false {
		t.Fatalf("create: %v", created)
	}
	c.fails("POST", "/v1/terminal/configurations", form("tipping[xyz][percentages][]", "5"), http.StatusBadRequest, "parameter_unknown", "-")
	c.fails("POST", "/v1/terminal/configurations", form("tipping[usd][percentages][]", "150"), http.StatusBadRequest, "", "tipping[usd][percentages]")
	upd := c.ok("POST", "/v1/terminal/configurations/"+id, form("bbpos_wisepos_e[splashscreen]", "", "offline", ""))
	if upd["bbpos_wisepos_e"] != nil || upd["offline"] != nil || str(upd, "name") != "Bar" {
		t.Fatalf("update: %v", upd)
	}
	f.as("acct_1Bar", "").fails("GET", "/v1/terminal/configurations/"+id, nil, http.StatusNotFound, "resource_missing", "configuration")
	c.fails("POST", "/v1/terminal/locations", form(append([]string{"display_name", "x", "configuration_overrides", "tmc_nope"}, shopAddress...)...),
		http.StatusNotFound, "resource_missing", "configuration_overrides")
	c.fails("DELETE", "/v1/terminal/configurations/"+str(def, "data", "0", "id"), nil, http.StatusBadRequest, "", "configuration")
	if del := c.ok("DELETE", "/v1/terminal/configurations/"+id, nil); del["deleted"] != true {
		t.Fatalf("delete: %v", del)
	}
}

// TestTippingFollowsTheConfiguration: amount_tip is what the customer chose on the tip
// screen, so it counts only where the reader shows one.
func TestTippingFollowsTheConfiguration(t *testing.T) {
	f := newFixture(t, Options{})
	c := f.as("", "")
	reader := f.readers[0]
	pay := func(currency string, process ...string) map[string]any {
		pi := c.ok("POST", "/v1/payment_intents", form("amount", "1000", "currency", currency, "capture_method", "manual"))
		c.ok("POST", "/v1/terminal/readers/"+reader+"/process_payment_intent", form(append([]string{"payment_intent", str(pi, "id")}, process...)...))
		c.ok("POST", "/v1/test_helpers/terminal/readers/"+reader+"/present_payment_method", form("amount_tip", "150"))
		return c.ok("GET", "/v1/payment_intents/"+str(pi, "id"), nil)
	}
	for _, tc := range []struct {
		name     string
		currency string
		process  []string
		amount   int64
		tip      any
	}{
		{"tipping in usd", "usd", nil, 1150, float64(150)},
		{"skip_tipping", "usd", []string{"process_config[skip_tipping]", "true"}, 1000, nil},
		{"nothing eligible", "usd", []string{"process_config[tipping][amount_eligible]", "0"}, 1000, nil},
		{"no tipping for the currency", "brl", nil, 1000, nil},
	} {
		pi := pay(tc.currency, tc.process...)
		if num(pi, "amount") != tc.amount || dig(pi, "amount_details", "tip", "amount") != tc.tip {
			t.Errorf("%s: amount %d, tip %v; want %d, %v", tc.name, num(pi, "amount"), dig(pi, "amount_details", "tip", "amount"), tc.amount, tc.tip)
		}
	}
	// Tipping offered, no tip chosen: tip 0.
	pi := c.ok("POST", "/v1/payment_intents", form("amount", "1000", "currency", "usd", "capture_method", "manual"))
	c.ok("POST", "/v1/terminal/readers/"+reader+"/process_payment_intent", form("payment_intent", str(pi, "id")))
	c.ok("POST", "/v1/test_helpers/terminal/readers/"+reader+"/present_payment_method", nil)
	if got := c.ok("GET", "/v1/payment_intents/"+str(pi, "id"), nil); dig(got, "amount_details", "tip", "amount") != float64(0) {
		t.Errorf("no tip chosen: %v", got["amount_details"])
	}

	// A location's configuration_overrides decides for its readers.
	noTips := c.ok("POST", "/v1/terminal/configurations", form("tipping[eur][fixed_amounts][]", "100"))
	loc := c.ok("GET", "/v1/terminal/readers/"+reader, nil)["location"].(string)
	c.ok("POST", "/v1/terminal/locations/"+loc, form("configuration_overrides", str(noTips, "id")))
	if got := pay("usd"); num(got, "amount") != 1000 {
		t.Errorf("override without usd tipping: amount %d", num(got, "amount"))
	}
	c.ok("POST", "/v1/terminal/locations/"+loc, form("configuration_overrides", ""))
	// Changing the account default changes every reader.
	c.ok("POST", "/v1/terminal/configurations/"+defaultConfigurationID(""), form("tipping", ""))
	if got := pay("usd"); num(got, "amount") != 1000 {
		t.Errorf("default without tipping: amount %d", num(got, "amount"))
	}
}
