package main

import (
	"testing"

	"github.com/spf13/pflag"
)

// FuzzConfigFile: any bytes in the configuration file (YAML, JSON or TOML) are read
// without a panic, and whatever loads is a configuration till can run with.
func FuzzConfigFile(f *testing.F) {
	for _, seed := range []struct {
		ext  uint8
		data string
	}{
		{0, "currency: eur\npoll:\n  interval: 250ms\nstripe:\n  api_base: http://127.0.0.1:9999\n"},
		{0, "stripe:\n  api_kye: sk_test_x\n"},
		{0, "shop: [1, 2]\npoll: 5\nlog:\n  level: {a: b}\n"},
		{0, "a: &x [*x]\n"},
		{0, "currency: kwd\ncapture_method: later\n"},
		{0, "poll:\n  interval: -1s\n  call_timeout: 0\n"},
		{1, `{"stripe":{"api_key":"sk_test_1","api_base":"https://api.example.com"},"reader":"tmr_1"}`},
		{1, `{"poll":{"interval":1e400}}`},
		{2, "currency = \"usd\"\n[poll]\ninterval = \"2s\"\n"},
		{2, "[[x]]\n[x]\n"},
	} {
		f.Add(seed.ext, []byte(seed.data))
	}
	exts := []string{"till.yaml", "till.json", "till.toml"}
	f.Fuzz(func(t *testing.T, ext uint8, data []byte) {
		path := exts[int(ext)%len(exts)]
		v, err := readConfigFile(path, data)
		if err != nil {
			return
		}
		setDefaults(v)
		c, err := configFrom(v, pflag.NewFlagSet("fuzz", pflag.ContinueOnError))
		if err != nil {
			return
		}
		if c.PollEvery <= 0 || c.MaxBackoff <= 0 || c.CallTimeout <= 0 || c.StuckAfter <= 0 || c.APIKey == "" || c.DBPath == "" {
			t.Fatalf("%s %q loaded as %+v", path, data, c)
		}
		if err := checkBaseURL(c.APIBase); err != nil {
			t.Fatalf("%s %q: base %q passed: %v", path, data, c.APIBase, err)
		}
	})
}
