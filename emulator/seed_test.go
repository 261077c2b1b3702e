package emulator

import (
	"fmt"
	"testing"
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
