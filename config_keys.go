package main

import (
	"bytes"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/spf13/viper"
)

// setting is one key of the configuration file and its default ("" for none). A key
// ending in ".*" stands for every key under it (names the user chooses).
type setting struct{ key, def string }

// matches reports whether key is this setting.
func (s setting) matches(key string) bool {
	if prefix, open := strings.CutSuffix(s.key, "*"); open {
		return strings.HasPrefix(key, prefix) && len(key) > len(prefix)
	}
	return s.key == key
}

// settingDefault is key's default value; "" when it has none.
func settingDefault(key string) string {
	for _, s := range settings {
		if s.key == key {
			return s.def
		}
	}
	return ""
}

// settings are every key till reads from its configuration file, environment (TILL_ and
// the key in capitals, dots as underscores) and flags. A key in the file that is not
// here is refused as a typo, so adding a setting is adding its line here.
var settings = []setting{
	{"mode", "test"},
	{"stripe.api_key", ""},
	{"stripe.api_key_file", ""},
	{"stripe.api_base", ""},
	{"stripe.account", ""},
	{"stripe.application_fee", ""},
	{"till_id", ""},
	{"shop", "till demo shop"},
	{"currency", "usd"},
	{"capture_method", "manual"},
	{"cash.rounding", "auto"},
	{"reader", ""},
	{"catalogue.items", ""},
	{"catalogue.quick_keys", ""},
	{"tax.mode", ""},
	{"tax.rounding", ""},
	{"tax.classes.*", ""}, // the shop names its own tax classes
	{"tipping.enabled", ""},
	{"tipping.eligible", ""},
	{"receipt.address", ""},
	{"receipt.tax_id", ""},
	{"receipt.footer", ""},
	{"receipt.width", ""},
	{"receipt.print_command", ""},
	{"receipt.directory", ""},
	{"poll.interval", "1s"},
	{"poll.max_backoff", "10s"},
	{"poll.call_timeout", "15s"},
	{"poll.stuck_after", "2m"},
	{"webhook.url", ""},
	{"webhook.listen", ""},
	{"webhook.secret", ""},
	{"webhook.secret_file", ""},
	{"webhook.safety_poll", "10s"},
	{"webhook.silent_after", "2m"},
	{"support.export_dir", ""},
	{"store.path", ""},
	{"store.archive_after", "168h"},
	{"emulator.state", ""},
	{"emulator.admin_token", ""},
	{"log.file", ""},
	{"log.level", "info"},
}

// setDefaults gives v every setting's default.
func setDefaults(v *viper.Viper) {
	for _, s := range settings {
		if s.def != "" {
			v.SetDefault(s.key, s.def)
		}
	}
}

// readConfigFile reads the contents of the configuration file at path, once, into a
// new viper holding nothing else, and refuses a key till does not know. Its file-only
// checks (read floors, paths anchored to the file's directory) are made on it before
// the caller adds the defaults, the environment and the flags, which win over the file.
// Nothing in the file, however malformed, makes it panic.
func readConfigFile(path string, data []byte) (v *viper.Viper, err error) {
	defer func() {
		if r := recover(); r != nil {
			v, err = nil, fmt.Errorf("cannot read the configuration file %s: %v", path, r)
		}
	}()
	ext := strings.ToLower(strings.TrimPrefix(filepath.Ext(path), "."))
	if ext == "" {
		ext = "yaml"
	}
	if !slices.Contains(viper.SupportedExts, ext) {
		return nil, fmt.Errorf("cannot read the configuration file %s: till reads YAML (.yaml), JSON (.json) or TOML (.toml), not .%s", path, ext)
	}
	v = viper.New()
	v.SetConfigFile(path) // what the account settings read back (ConfigFileUsed)
	v.SetConfigType(ext)
	if err := v.ReadConfig(bytes.NewReader(data)); err != nil {
		return nil, fmt.Errorf("cannot read the configuration file %s: %w", path, err)
	}
	if unknown := unknownKeys(v.AllKeys()); len(unknown) > 0 {
		return nil, fmt.Errorf("the configuration file %s has %s; till does not start with a setting it would ignore (every key is in config.example.yaml)",
			path, strings.Join(unknown, ", "))
	}
	if err := checkReadFloors(v, path); err != nil {
		return nil, err
	}
	if err := anchorFilePaths(v, path); err != nil {
		return nil, err
	}
	return v, nil
}

// unknownKeys describes each key that is not a setting, with the nearest one.
func unknownKeys(keys []string) []string {
	var out []string
	for _, k := range keys {
		if slices.ContainsFunc(settings, func(s setting) bool { return s.matches(k) }) {
			continue
		}
		if under := settingsUnder(k); len(under) > 0 {
			out = append(out, fmt.Sprintf("%q given a value, where it is a section (%s)", k, strings.Join(under, ", ")))
			continue
		}
		msg := fmt.Sprintf("an unknown key %q", k)
		if near := nearestSetting(k); near != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", near)
		}
		out = append(out, msg)
	}
	sort.Strings(out)
	return out
}

// settingsUnder lists the settings inside section (catalogue: catalogue.items, …): a
// key that is one was given a plain value where the file needs the keys under it.
func settingsUnder(section string) []string {
	var under []string
	for _, s := range settings {
		if strings.HasPrefix(s.key, section+".") {
			under = append(under, strings.Replace(s.key, "*", "<name>", 1))
		}
	}
	return under
}

// nearestSetting is the setting a mistyped key most likely meant: the fewest edits to
// the whole key or to its last part (api_kye at the top means stripe.api_key), within
// a third of its length; "" when none is that near.
func nearestSetting(key string) string {
	best, bestDist := "", len(key)/3+1
	for _, s := range settings {
		d := min(editDistance(key, s.key), editDistance(lastPart(key), lastPart(s.key)))
		if d < bestDist {
			best, bestDist = s.key, d
		}
	}
	return best
}

func lastPart(key string) string { return key[strings.LastIndex(key, ".")+1:] }

// editDistance counts the insertions, deletions, substitutions and swaps of two
// neighbours that turn a into b (optimal string alignment).
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
