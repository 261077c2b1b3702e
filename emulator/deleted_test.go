package emulator

import (
	"net/http"
	"path/filepath"
	"testing"
)

// TestDeletedObjectsAnswerDeleted: a deleted reader, location or configuration is
// retrieved and updated as its deleted form, by its own account only and after a
// restart too; a second delete, and the deleted reader's commands, are No such ...
func TestDeletedObjectsAnswerDeleted(t *testing.T) {
	path := filepath.Join(t.TempDir(), "emulator.json")
	f := newFixture(t, Options{StatePath: path})
	shop := f.as("acct_1Gone", "")
	reader := shop.newReader()
	loc := str(shop.ok("GET", "/v1/terminal/readers/"+reader, nil), "location")
	conf := str(shop.ok("POST", "/v1/terminal/configurations", form("tipping[usd][percentages][]", "10")), "id")
	serial := str(shop.ok("DELETE", "/v1/terminal/readers/"+reader, nil), "serial_number")
	shop.ok("DELETE", "/v1/terminal/locations/"+loc, nil)
	shop.ok("DELETE", "/v1/terminal/configurations/"+conf, nil)

	check := func(c caller) {
		t.Helper()
		for _, o := range []struct{ path, object string }{
			{"/v1/terminal/readers/" + reader, "terminal.reader"},
			{"/v1/terminal/locations/" + loc, "terminal.location"},
			{"/v1/terminal/configurations/" + conf, "terminal.configuration"},
		} {
			for _, method := range []string{"GET", "POST"} {
				got := c.ok(method, o.path, nil)
				if str(got, "object") != o.object || dig(got, "deleted") != true {
					t.Errorf("%s %s: %v", method, o.path, got)
				}
			}
		}
		if got := c.ok("GET", "/v1/terminal/readers/"+reader, nil); str(got, "serial_number") != serial || str(got, "device_type") != "simulated_wisepos_e" {
			t.Errorf("deleted reader: %v", got)
		}
		c.fails("DELETE", "/v1/terminal/readers/"+reader, nil, http.StatusNotFound, "resource_missing", "reader")
		c.fails("POST", "/v1/terminal/readers/"+reader+"/cancel_action", nil, http.StatusNotFound, "resource_missing", "reader")
		if list := c.ok("GET", "/v1/terminal/readers", nil); len(dig(list, "data").([]any)) != 0 {
			t.Errorf("readers listed: %v", list)
		}
	}
	check(shop)
	f.as("", "").fails("GET", "/v1/terminal/readers/"+reader, nil, http.StatusNotFound, "resource_missing", "reader")

	e2 := reopen(t, f.e, Options{StatePath: path, Now: f.clock.Now})
	check(caller{t: t, base: newServer(t, e2), account: "acct_1Gone"})
}
