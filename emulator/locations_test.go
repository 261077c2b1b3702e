package emulator

import (
	"net/http"
	"testing"
)

// A location's address is refused as Stripe refuses it: a country that is not one, or
// without line1 or a city its country needs, with the parameter named.
func TestLocationAddressIsChecked(t *testing.T) {
	f := newFixture(t, Options{})
	c := f.as("", "")
	for _, tc := range []struct {
		name        string
		addr        []string
		code, param string
	}{
		{"no country at all", []string{"address[line1]", "1 Main St"}, "parameter_missing", "address[country]"},
		{"an empty country", []string{"address[country]", "", "address[line1]", "1 Main St"}, "parameter_missing", "address[country]"},
		{"ZZ, no country", []string{"address[country]", "ZZ"}, "", "address[country]"},
		{"three letters", []string{"address[country]", "USA", "address[line1]", "1 Main St", "address[city]", "Springfield", "address[postal_code]", "62701"}, "", "address[country]"},
		{"no line1", []string{"address[country]", "US", "address[city]", "Springfield", "address[postal_code]", "62701"}, "parameter_missing", "address[line1]"},
		{"a blank line1", []string{"address[country]", "US", "address[line1]", " ", "address[city]", "Springfield", "address[postal_code]", "62701"}, "parameter_missing", "address[line1]"},
		{"no city", []string{"address[country]", "GB", "address[line1]", "1 High St", "address[postal_code]", "SW1A 1AA"}, "parameter_missing", "address[city]"},
		{"no postal code in GB", []string{"address[country]", "GB", "address[line1]", "1 High St", "address[city]", "London"}, "parameter_missing", "address[postal_code]"},
		{"no postal code in IE", []string{"address[country]", "IE", "address[line1]", "1 Main St"}, "parameter_missing", "address[postal_code]"},
		{"no state in the US", []string{"address[country]", "US", "address[line1]", "1 Main St", "address[city]", "Springfield", "address[postal_code]", "62701"}, "parameter_missing", "address[state]"},
	} {
		c.fails("POST", "/v1/terminal/locations", form(append([]string{"display_name", tc.name}, tc.addr...)...), http.StatusBadRequest, tc.code, tc.param)
	}

	// Lower case is read as the code; a country the guide does not list needs line1 only,
	// and Ireland no city.
	l := c.ok("POST", "/v1/terminal/locations", form("display_name", "Corner", "address[country]", "gb", "address[line1]", "1 High St",
		"address[city]", "London", "address[postal_code]", "SW1A 1AA"))
	if str(l, "address", "country") != "GB" {
		t.Fatalf("country: %v", l["address"])
	}
	c.ok("POST", "/v1/terminal/locations", form("display_name", "Kiosk", "address[country]", "JP", "address[line1]", "1-1 Marunouchi"))
	c.ok("POST", "/v1/terminal/locations", form("display_name", "Pub", "address[country]", "IE", "address[line1]", "1 Main St", "address[postal_code]", "D02 X285"))

	// An update that sends an address is checked as a creation is.
	c.fails("POST", "/v1/terminal/locations/"+str(l, "id"), form("address[country]", "ZZ", "address[line1]", "1 High St",
		"address[city]", "London", "address[postal_code]", "SW1A 1AA"), http.StatusBadRequest, "", "address[country]")
	if got := c.ok("GET", "/v1/terminal/locations/"+str(l, "id"), nil); str(got, "address", "country") != "GB" {
		t.Fatalf("a refused update changed the address: %v", got["address"])
	}
}
