package main

import (
	"testing"

	"github.com/till-pos/till/checkout"
)

func TestOrderReader(t *testing.T) {
	real := checkout.Reader{ID: "tmr_real", DeviceType: "bbpos_wisepos_e"}
	sim := checkout.Reader{ID: "tmr_sim", DeviceType: "simulated_wisepos_e"}
	readers := []checkout.Reader{real, sim}
	tests := []struct {
		name    string
		session checkout.Session
		chosen  checkout.Reader
		want    string
	}{
		{"a new order takes the chosen reader", checkout.Session{}, sim, "tmr_sim"},
		{"a resumed order stays on its own reader", checkout.Session{ReaderID: "tmr_real"}, sim, "tmr_real"},
		{"its reader is gone: the chosen one", checkout.Session{ReaderID: "tmr_gone"}, sim, "tmr_sim"},
	}
	for _, tt := range tests {
		if got := orderReader(readers, tt.session, tt.chosen); got.ID != tt.want {
			t.Errorf("%s: %s, want %s", tt.name, got.ID, tt.want)
		}
	}
}
