package emulator

import (
	"encoding/json"
	"maps"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Terminal configurations: what readers show and allow (tipping, splash screens, offline
// mode, reboot window). Each account has a default one (is_account_default); a location's
// configuration_overrides names another for the readers there. The emulator acts on
// tipping (the tip screen, and so amount_tip, appears only where the reader's
// configuration has tipping for the payment's currency); the other settings are kept and
// served.

var (
	// tippingCurrencies are the currencies a configuration takes tipping for.
	tippingCurrencies = []string{"aed", "aud", "cad", "chf", "czk", "dkk", "eur", "gbp", "gip", "hkd", "huf", "jpy", "mxn",
		"myr", "nok", "nzd", "pln", "ron", "sek", "sgd", "usd"}
	// deviceConfigs are the device types a configuration sets a splash screen for.
	deviceConfigs = []string{"bbpos_wisepad3", "bbpos_wisepos_e", "stripe_s700", "stripe_s710", "verifone_m425",
		"verifone_p400", "verifone_p630", "verifone_ux700", "verifone_v660p"}
	configurationParams     = append([]string{"name", "offline", "cellular", "reboot_window", "tipping"}, deviceConfigs...)
	configurationListParams = []string{"is_account_default", "limit", "starting_after", "ending_before"}
	// UNCERTAIN: Stripe checks that a splash screen is a File uploaded for
	// terminal_reader_splashscreen; the emulator has no Files API and takes any file_ id.
	fileIDRe = regexp.MustCompile(`^file_[A-Za-z0-9]+$`)
)

type tippingCurrency struct {
	FixedAmounts      []int64 `json:"fixed_amounts,omitempty"`
	Percentages       []int64 `json:"percentages,omitempty"`
	SmartTipThreshold *int64  `json:"smart_tip_threshold,omitempty"`
}

type enabledFlag struct {
	Enabled *bool `json:"enabled"`
}

type rebootWindow struct {
	EndHour   int64 `json:"end_hour"`
	StartHour int64 `json:"start_hour"`
}

type configuration struct {
	ID               string                     `json:"id"`
	Object           string                     `json:"object"`
	Cellular         *enabledFlag               `json:"cellular,omitempty"`
	IsAccountDefault *bool                      `json:"is_account_default"`
	Livemode         bool                       `json:"livemode"`
	Name             *string                    `json:"name"`
	Offline          *enabledFlag               `json:"offline,omitempty"`
	RebootWindow     *rebootWindow              `json:"reboot_window,omitempty"`
	Tipping          map[string]tippingCurrency `json:"tipping,omitempty"`
	// Splashscreens maps a device type (deviceConfigs) to its splash screen file; each is
	// rendered as {"<device>": {"splashscreen": "file_..."}}.
	Splashscreens map[string]string `json:"-"`
}

// configurationRec is a stored configuration, its device settings kept apart.
type configurationRec struct {
	Seq           int64             `json:"seq"`
	Obj           configuration     `json:"object"`
	Splashscreens map[string]string `json:"splashscreens,omitempty"`
}

// MarshalJSON renders the device-specific settings as fields of their own.
func (c configuration) MarshalJSON() ([]byte, error) {
	type plain configuration
	b, err := json.Marshal(plain(c))
	if err != nil || len(c.Splashscreens) == 0 {
		return b, err
	}
	m := map[string]any{}
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	for device, file := range c.Splashscreens {
		m[device] = map[string]string{"splashscreen": file}
	}
	return json.Marshal(m)
}

func (x *txn) configuration(id, param string) (*configurationRec, *apiError) {
	if id == defaultConfigurationID(x.account) {
		return x.st.defaultConfiguration(x.account), nil
	}
	rec, ok := x.st.Configurations.get(id)
	if !ok || !x.owns(id) {
		return nil, errNoSuch("terminal.configuration", id, param)
	}
	return rec, nil
}

// defaultConfigurationID is the id of an account's default configuration. Every account
// has one from the start: until it is first changed it is not stored, and has no tipping.
func defaultConfigurationID(account string) string {
	return "tmc_EmuDefault" + strings.TrimPrefix(account, "acct_")
}

// defaultConfiguration is the account's default configuration, stored or not yet.
func (st *state) defaultConfiguration(account string) *configurationRec {
	id := defaultConfigurationID(account)
	if rec, ok := st.Configurations.peek(id); ok { // read-only: a change is stored by storeConfiguration
		return rec
	}
	return &configurationRec{Obj: configuration{ID: id, Object: "terminal.configuration", IsAccountDefault: boolPtr(true)}}
}

// storeConfiguration keeps a configuration, the account default included once changed.
func (x *txn) storeConfiguration(rec *configurationRec) {
	if _, ok := x.st.Configurations.get(rec.Obj.ID); !ok {
		x.own(rec.Obj.ID)
	}
	x.st.Configurations.put(rec.Obj.ID, rec.Seq, rec)
}

func (x *txn) renderConfiguration(rec *configurationRec) *configuration {
	out := rec.Obj
	out.Splashscreens = rec.Splashscreens
	return &out
}

// demoTipping is the tipping of the seeded account default, in every currency a
// configuration takes: three percentages from 1000 minor units up, three fixed amounts
// below.
func demoTipping() map[string]tippingCurrency {
	out := map[string]tippingCurrency{}
	for _, cur := range tippingCurrencies {
		out[cur] = tippingCurrency{FixedAmounts: []int64{100, 200, 300}, Percentages: []int64{15, 18, 20},
			SmartTipThreshold: i64Ptr(1000)}
	}
	return out
}

// seedTipping gives the platform's default configuration the demo tipping, unless it
// was changed before.
func (st *state) seedTipping() {
	id := defaultConfigurationID("")
	if !st.Configurations.has(id) {
		rec := st.defaultConfiguration("")
		rec.Obj.Tipping = demoTipping()
		st.Configurations.put(id, rec.Seq, rec)
	}
}

// tippingFor is the tipping a reader's configuration offers in a currency: the
// location's configuration_overrides when it sets tipping, else the account default's.
// UNCERTAIN: Stripe's precedence when an override leaves tipping unset.
func (x *txn) tippingFor(rec *readerRec, currency string) (tippingCurrency, bool) {
	if loc, ok := x.st.Locations.peek(rec.Obj.Location.ID); ok && loc.Obj.ConfigurationOverrides != nil {
		if c, ok := x.st.Configurations.peek(*loc.Obj.ConfigurationOverrides); ok && len(c.Obj.Tipping) > 0 {
			t, ok := c.Obj.Tipping[currency]
			return t, ok
		}
	}
	t, ok := x.st.defaultConfiguration(x.st.ownerOf(rec.Obj.ID)).Obj.Tipping[currency]
	return t, ok
}

// tippingOffered reports whether the reader shows the tip screen for the payment of its
// current action: its configuration has tipping in the payment's currency, and the
// command neither skipped tipping nor made nothing eligible for it.
func (x *txn) tippingOffered(rec *readerRec, pi *paymentIntent) bool {
	var cfg *processConfig
	switch a := rec.Obj.Action; {
	case a.ProcessPaymentIntent != nil:
		cfg = a.ProcessPaymentIntent.ProcessConfig
	case a.CollectPaymentMethod != nil:
		cfg = a.CollectPaymentMethod.CollectConfig
	}
	if cfg != nil && (cfg.SkipTipping != nil && *cfg.SkipTipping ||
		cfg.Tipping != nil && cfg.Tipping.AmountEligible != nil && *cfg.Tipping.AmountEligible == 0) {
		return false
	}
	_, ok := x.tippingFor(rec, pi.Currency)
	return ok
}

// readConfiguration applies the configuration parameters to c (create or update).
func (x *txn) readConfiguration(c *configuration, splash map[string]string) *apiError {
	p := x.p
	if p.has("name") {
		c.Name, _ = optString(p, "name", 100)
	}
	for _, flag := range []struct {
		name string
		dst  **enabledFlag
	}{{"offline", &c.Offline}, {"cellular", &c.Cellular}} {
		if v, ok := p.str(flag.name); ok && v == "" {
			*flag.dst = nil
			continue
		}
		if !p.hasPrefix(flag.name + "[") {
			continue
		}
		if err := onlyFields(p, flag.name, "enabled"); err != nil {
			return err
		}
		on, err := p.optBool(flag.name + "[enabled]")
		if err != nil {
			return err
		}
		if on == nil {
			return errMissingParam(flag.name + "[enabled]")
		}
		*flag.dst = &enabledFlag{Enabled: on}
	}
	if p.hasPrefix("reboot_window[") {
		if err := onlyFields(p, "reboot_window", "start_hour", "end_hour"); err != nil {
			return err
		}
		var w rebootWindow
		for _, f := range []struct {
			name string
			dst  *int64
		}{{"start_hour", &w.StartHour}, {"end_hour", &w.EndHour}} {
			n, ok, err := p.integer("reboot_window[" + f.name + "]")
			if err != nil {
				return err
			}
			if !ok {
				return errMissingParam("reboot_window[" + f.name + "]")
			}
			if n < 0 || n > 23 {
				return validationError("", "reboot_window["+f.name+"]", "The hour must be between 0 and 23.")
			}
			*f.dst = n
		}
		c.RebootWindow = &w
	}
	for _, device := range deviceConfigs {
		if !p.hasPrefix(device + "[") {
			continue
		}
		if err := onlyFields(p, device, "splashscreen"); err != nil {
			return err
		}
		file, _ := p.str(device + "[splashscreen]")
		switch {
		case file == "":
			delete(splash, device)
		case !fileIDRe.MatchString(file):
			return errNoSuch("file", file, device+"[splashscreen]")
		default:
			splash[device] = file
		}
	}
	if v, ok := p.str("tipping"); ok && v == "" {
		c.Tipping = nil
	} else if p.hasPrefix("tipping[") {
		t, err := readTipping(p)
		if err != nil {
			return err
		}
		c.Tipping = t
	}
	return nil
}

// readTipping reads tipping[<currency>][fixed_amounts|percentages|smart_tip_threshold].
func readTipping(p params) (map[string]tippingCurrency, *apiError) {
	out := map[string]tippingCurrency{}
	for k := range p {
		if topName(k) != "tipping" {
			continue
		}
		cur := subField(k, "tipping")
		field := subField(strings.TrimPrefix(k, "tipping["+cur+"]"), "")
		if !slices.Contains(tippingCurrencies, cur) || !slices.Contains([]string{"fixed_amounts", "percentages", "smart_tip_threshold"}, field) {
			return nil, errUnknownParam(k)
		}
		if _, done := out[cur]; done {
			continue
		}
		prefix := "tipping[" + cur + "]"
		var t tippingCurrency
		for _, f := range []struct {
			name string
			dst  *[]int64
			max  int64
		}{{"fixed_amounts", &t.FixedAmounts, maxAmount}, {"percentages", &t.Percentages, 100}} {
			vals, _ := p.list(prefix + "[" + f.name + "]")
			if len(vals) > 3 {
				return nil, validationError("", prefix+"["+f.name+"]", "%s takes at most 3 values.", f.name)
			}
			for _, v := range vals {
				n, err := strconv.ParseInt(v, 10, 64)
				if err != nil {
					return nil, errInvalidInteger(prefix+"["+f.name+"]", v)
				}
				if n < 1 || n > f.max {
					return nil, validationError("", prefix+"["+f.name+"]", "Each of %s must be between 1 and %d.", f.name, f.max)
				}
				*f.dst = append(*f.dst, n)
			}
		}
		var err *apiError
		if t.SmartTipThreshold, err = p.optInt(prefix + "[smart_tip_threshold]"); err != nil {
			return nil, err
		}
		out[cur] = t
	}
	return out, nil
}

func (x *txn) createConfiguration() (any, error) {
	if err := x.checkExpand(); err != nil {
		return nil, err
	}
	var c configuration
	splash := map[string]string{}
	if err := x.readConfiguration(&c, splash); err != nil {
		return nil, err
	}
	id, seq := x.st.newID("tmc")
	c.ID, c.Object, c.IsAccountDefault = id, "terminal.configuration", boolPtr(false)
	rec := &configurationRec{Seq: seq, Obj: c, Splashscreens: splash}
	x.storeConfiguration(rec)
	return x.renderConfiguration(rec), nil
}

func (x *txn) retrieveConfiguration() (any, error) {
	if err := x.checkExpand(); err != nil {
		return nil, err
	}
	rec, err := x.configuration(x.pathValue("configuration"), "configuration")
	if err != nil {
		return x.orDeleted(x.pathValue("configuration"), "terminal.configuration", err)
	}
	return x.renderConfiguration(rec), nil
}

func (x *txn) updateConfiguration() (any, error) {
	if err := x.checkExpand(); err != nil {
		return nil, err
	}
	rec, err := x.configuration(x.pathValue("configuration"), "configuration")
	if err != nil {
		return x.orDeleted(x.pathValue("configuration"), "terminal.configuration", err)
	}
	c := rec.Obj
	splash := maps.Clone(rec.Splashscreens)
	if splash == nil {
		splash = map[string]string{}
	}
	if err := x.readConfiguration(&c, splash); err != nil {
		return nil, err
	}
	rec.Obj, rec.Splashscreens = c, splash
	x.storeConfiguration(rec)
	return x.renderConfiguration(rec), nil
}

func (x *txn) deleteConfiguration() (any, error) {
	rec, err := x.configuration(x.pathValue("configuration"), "configuration")
	if err != nil {
		return nil, err
	}
	// UNCERTAIN: Stripe's answer to deleting the account default.
	if rec.Obj.IsAccountDefault != nil && *rec.Obj.IsAccountDefault {
		return nil, invalidRequest(http.StatusBadRequest, "", "configuration", "The account default configuration cannot be deleted.")
	}
	d := deleteObject(x.st.Configurations, rec.Obj.ID)
	x.keepDeleted(rec.Obj.ID, rec.Seq, &deletedRec{Other: d})
	return d, nil
}

func (x *txn) listConfigurations() (any, error) {
	if err := x.checkExpand(); err != nil {
		return nil, err
	}
	def, byDefault, err := x.p.boolean("is_account_default")
	if err != nil {
		return nil, err
	}
	// The account default exists before it is first changed: a list stores it as it is.
	t := x.st.Configurations
	if !t.has(defaultConfigurationID(x.account)) {
		x.storeConfiguration(x.st.defaultConfiguration(x.account))
	}
	keep := func(en *entry[configurationRec]) bool {
		rec := t.objOf(en)
		isDefault := rec != nil && rec.Obj.IsAccountDefault != nil && *rec.Obj.IsAccountDefault
		return rec != nil && (!byDefault || isDefault == def)
	}
	render := func(rec *configurationRec) any { return x.renderConfiguration(rec) }
	return listPage(x, t, t.all(), owned(x, keep), render, "/v1/terminal/configurations", "terminal.configuration")
}
