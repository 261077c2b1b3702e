package emulator

import (
	"fmt"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"testing"

	"github.com/stripe/stripe-go/v76"
)

func TestSeedReaders(t *testing.T) {
	for _, tc := range []struct {
		n    int
		want []ReaderSummary
	}{
		{0, []ReaderSummary{{Label: "Front counter", DeviceType: "simulated_wisepos_e"}, {Label: "Back counter", DeviceType: "simulated_stripe_s700"}}},
		{1, []ReaderSummary{{Label: "Front counter", DeviceType: "simulated_wisepos_e"}}},
		{5, []ReaderSummary{
			{Label: "Front counter", DeviceType: "simulated_wisepos_e"}, {Label: "Back counter", DeviceType: "simulated_stripe_s700"},
			{Label: "Reader 3", DeviceType: "simulated_wisepos_e"}, {Label: "Reader 4", DeviceType: "simulated_stripe_s700"},
			{Label: "Reader 5", DeviceType: "simulated_wisepos_e"},
		}},
	} {
		t.Run(fmt.Sprint(tc.n), func(t *testing.T) {
			f := newFixture(t, Options{Readers: tc.n})
			got := f.e.Readers()
			if len(got) != len(tc.want) {
				t.Fatalf("%d readers, want %d: %+v", len(got), len(tc.want), got)
			}
			for i, r := range got {
				if r.Label != tc.want[i].Label || r.DeviceType != tc.want[i].DeviceType || r.ID != f.readers[i] || r.Location == "" {
					t.Errorf("reader %d = %+v, want %+v in a location", i, r, tc.want[i])
				}
				// Every seeded reader serves the API.
				if _, err := f.sc.TerminalReaders.Get(r.ID, nil); err != nil {
					t.Errorf("retrieve %s: %v", r.ID, err)
				}
			}
		})
	}
}

// TestSeedLocationName: the seeded location, the platform's and a connected account's,
// is named as Options.LocationName says (blank: DefaultLocationName), and a state that
// has its location keeps its name when the emulator restarts with another.
func TestSeedLocationName(t *testing.T) {
	names := func(e *Emulator, account string) []string {
		t.Helper()
		srv := httptest.NewServer(e)
		defer srv.Close()
		p := &stripe.TerminalLocationListParams{}
		if account != "" {
			p.SetStripeAccount(account)
		}
		var out []string
		it := stripeClient(srv.URL).TerminalLocations.List(p)
		for it.Next() {
			out = append(out, it.TerminalLocation().DisplayName)
		}
		if err := it.Err(); err != nil {
			t.Fatal(err)
		}
		return out
	}
	for _, tc := range []struct{ name, want string }{
		{"Corner Café", "Corner Café"},
		{"  Corner Café ", "Corner Café"},
		{"", DefaultLocationName},
		{"   ", DefaultLocationName},
	} {
		e, err := New(Options{Seed: true, LocationName: tc.name, SeedAccounts: []string{"acct_1Shop"}})
		if err != nil {
			t.Fatal(err)
		}
		for _, acct := range []string{"", "acct_1Shop"} {
			if got := names(e, acct); !slices.Equal(got, []string{tc.want}) {
				t.Errorf("LocationName %q, account %q: locations %q, want %q", tc.name, acct, got, tc.want)
			}
		}
		e.Close()
	}
	state := filepath.Join(t.TempDir(), "state.json")
	for _, name := range []string{"Corner Café", "Renamed Café"} {
		e, err := New(Options{Seed: true, LocationName: name, StatePath: state})
		if err != nil {
			t.Fatal(err)
		}
		if got := names(e, ""); !slices.Equal(got, []string{"Corner Café"}) {
			t.Errorf("started with %q: locations %q, want the first start's", name, got)
		}
		e.Close()
	}
}
