package main

import (
	"context"
	"net/http/httptest"
	"testing"

	"github.com/till-pos/till/emulator"
)

// TestDemoPanelSendsTheAdminToken: till's fault panel reaches an emulator whose admin
// API wants a token only when till is configured with it (TILL_EMULATOR_ADMIN_TOKEN).
func TestDemoPanelSendsTheAdminToken(t *testing.T) {
	emu, err := emulator.New(emulator.Options{Seed: true, AdminToken: "panel-token"})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)
	for _, token := range []string{"", "panel-token"} {
		isolate(t)
		t.Setenv("TILL_EMULATOR_ADMIN_TOKEN", token)
		cfg, err := load(t, "--api-base", srv.URL)
		if err != nil {
			t.Fatal(err)
		}
		if cfg.EmulatorAdminToken != token {
			t.Fatalf("config token %q, want %q", cfg.EmulatorAdminToken, token)
		}
		panel := (&services{cfg: cfg, baseURL: srv.URL}).demoPanel()
		if (panel != nil) != (token != "") {
			t.Fatalf("token %q: panel %v", token, panel)
		}
		if panel != nil {
			if err := panel.(faultPanel).ToggleReaderFault(context.Background(), emu.ReaderIDs()[0], "offline"); err != nil {
				t.Fatalf("the panel cannot switch a fault: %v", err)
			}
		}
	}
}
