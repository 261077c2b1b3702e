package main

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/spf13/pflag"
)

// embeddedConfig is the configuration `make run` starts till with on a fresh machine
// (the embedded emulator, its state beside the database), in a directory of the
// test's own, with the environment's settings (TILL_SHOP, ...) and flags as given.
func embeddedConfig(tb testing.TB, env map[string]string, args ...string) Config {
	tb.Helper()
	dir := tb.TempDir()
	for _, k := range []string{"HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"} {
		tb.Setenv(k, dir)
	}
	for _, k := range []string{"STRIPE_API_KEY", "TILL_STRIPE_API_KEY", "TILL_STRIPE_API_BASE", "TILL_READER", "TILL_SHOP"} {
		tb.Setenv(k, "")
	}
	for k, v := range env {
		tb.Setenv(k, v)
	}
	fs := pflag.NewFlagSet("test", pflag.ContinueOnError)
	addCommonFlags(fs)
	if err := fs.Parse(append([]string{"--db", filepath.Join(dir, "till.db")}, args...)); err != nil {
		tb.Fatal(err)
	}
	cfg, err := loadConfig(fs)
	if err != nil {
		tb.Fatal(err)
	}
	if !cfg.Embedded {
		tb.Fatal("the configuration does not start the embedded emulator")
	}
	return cfg
}

// TestEmbeddedEmulatorLocationIsTheShop: the embedded emulator's location carries the
// configured shop's name: the one set, the demo's (config.example.yaml's) when none is,
// and "till demo shop" when the configuration file sets it empty.
func TestEmbeddedEmulatorLocationIsTheShop(t *testing.T) {
	emptyShop := filepath.Join(t.TempDir(), "till.yaml")
	if err := os.WriteFile(emptyShop, []byte("shop: \"\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		env  map[string]string
		args []string
		want string
	}{
		{"set", map[string]string{"TILL_SHOP": "Harbour Bakery"}, nil, "Harbour Bakery"},
		{"the demo's", nil, nil, "Corner Café"},
		{"set empty", nil, []string{"--config", emptyShop}, "till demo shop"},
	} {
		cfg := embeddedConfig(t, tc.env, tc.args...)
		svc, err := openServices(cfg)
		if err != nil {
			t.Fatal(err)
		}
		locs, err := svc.gateway.ListLocations(context.Background())
		svc.Close()
		if err != nil || len(locs) != 1 || locs[0].DisplayName != tc.want {
			t.Errorf("shop %s (%q): locations %+v %v, want one named %q", tc.name, cfg.Shop, locs, err, tc.want)
		}
	}
}
