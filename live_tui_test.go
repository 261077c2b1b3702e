package main

import (
	"bytes"
	"strings"
	"testing"
)

// The cashier screen's start in live mode: the LIVE line on stderr and no prompt (the
// screen's first page asks, where the cashier looks); --confirm-live in test mode is
// refused as for every command.
func TestAnnounceLive(t *testing.T) {
	live := Config{accountConfig: accountConfig{Live: true, ConfigFile: "/etc/till.yaml"}}
	for _, tc := range []struct {
		name   string
		cfg    Config
		ok     bool
		banner bool
	}{
		{"test mode says nothing", Config{}, true, false},
		{"live mode: the banner, no question", live, true, true},
		{"live mode confirmed up front", func() Config { c := live; c.ConfirmLive = true; return c }(), true, true},
		{"--confirm-live in test mode", Config{accountConfig: accountConfig{ConfirmLive: true}}, false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			err := announceLive(tc.cfg, &out)
			if (err == nil) != tc.ok {
				t.Fatalf("err = %v", err)
			}
			if got := strings.HasPrefix(out.String(), "LIVE: ") && strings.Contains(out.String(), "/etc/till.yaml"); got != tc.banner {
				t.Fatalf("banner %v, want %v: %q", got, tc.banner, out.String())
			}
			if strings.Contains(out.String(), "Type live") {
				t.Fatalf("asked at the prompt: %q", out.String())
			}
		})
	}
}
