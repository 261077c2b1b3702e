package main

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/pflag"
	"github.com/spf13/viper"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/readerctl"
)

// emulatorKey is the test key till uses with its own emulator on loopback.
const emulatorKey = "sk_test_till_emulator"

// Config is everything till reads from its file, environment and flags, as plain values.
type Config struct {
	APIKey        string
	APIBase       string // "" = real Stripe, unless Embedded
	Embedded      bool   // no key and no base: run the built-in emulator
	Shop          string
	Currency      string
	CaptureMethod checkout.CaptureMethod
	CashIncrement int64 // the smallest cash amount, minor units (cash.rounding)
	ReaderID      string
	TillID        string // names this till in each PaymentIntent's metadata
	PollEvery     time.Duration
	MaxBackoff    time.Duration
	CallTimeout   time.Duration
	StuckAfter    time.Duration // a reader on one payment longer than this is flagged
	ArchiveAfter  time.Duration // finished orders older than this are archived
	WebhookURL    string        // the shop's webhook endpoint, for the doctor to check
	accountConfig               // mode, key file, Connect and the webhook receiver (config_account.go)
	ExportDir     string        // where the support screen writes exports; made when missing
	DBPath        string
	EmulatorState string
	LogFile       string
	LogLevel      string
	Counter       CounterConfig // catalogue, tax, tipping, receipts (config_counter.go)

	// EmulatorAdminToken is sent to an emulator's admin API (emulator.admin_token,
	// TILL_EMULATOR_ADMIN_TOKEN); a secret, never printed.
	EmulatorAdminToken string
}

// addCommonFlags declares the flags every command shares.
func addCommonFlags(fs *pflag.FlagSet) {
	fs.String("config", "", "configuration file (default: till.yaml in the user config dir)")
	fs.String("api-base", "", "Stripe API base URL, e.g. http://127.0.0.1:12111 for a standalone emulator")
	fs.String("db", "", "till's database file (default: till.db in the user data dir)")
	fs.String("reader", "", "reader id to use")
	fs.String("currency", "", "currency of the cart, e.g. usd")
	fs.String("capture", "", "capture method: manual or automatic")
	fs.String("log-file", "", "log file (default: till.log in the user cache dir)")
	fs.Bool("confirm-live", false, "confirm, in live mode, that till may take real payments (else it asks, or refuses without a terminal)")
}

// loadConfig reads the file (from --config, else till.yaml in the user config dir, else
// none), then TILL_* and STRIPE_API_KEY from the environment, then the flags.
func loadConfig(fs *pflag.FlagSet) (Config, error) {
	v := viper.New()
	path, _ := fs.GetString("config")
	path = expandHome(path)
	required := path != ""
	if dir, err := tillConfigDir(); err == nil && !required {
		path = filepath.Join(dir, "till.yaml")
	}
	if path != "" {
		data, err := os.ReadFile(path)
		switch {
		case err == nil:
			if v, err = readConfigFile(path, data); err != nil {
				return Config{}, err
			}
		case required || !errors.Is(err, os.ErrNotExist):
			return Config{}, fmt.Errorf("cannot read the configuration file %s: %w", path, err)
		}
	}
	setDefaults(v)
	v.SetEnvPrefix("TILL")
	v.SetEnvKeyReplacer(strings.NewReplacer(".", "_"))
	v.AutomaticEnv()
	for key, flag := range map[string]string{
		"stripe.api_base": "api-base", "store.path": "db", "reader": "reader",
		"currency": "currency", "capture_method": "capture", "log.file": "log-file",
	} {
		if f := fs.Lookup(flag); f != nil {
			if err := v.BindPFlag(key, f); err != nil {
				return Config{}, err
			}
		}
	}
	return configFrom(v, fs)
}

// configFrom turns what v holds (and the flags only the account settings read) into a
// checked Config.
func configFrom(v *viper.Viper, fs *pflag.FlagSet) (Config, error) {
	c := Config{
		APIKey:        strings.TrimSpace(v.GetString("stripe.api_key")),
		APIBase:       strings.TrimRight(strings.TrimSpace(v.GetString("stripe.api_base")), "/"),
		Shop:          v.GetString("shop"),
		Currency:      strings.ToLower(strings.TrimSpace(v.GetString("currency"))),
		CaptureMethod: checkout.CaptureMethod(strings.ToLower(v.GetString("capture_method"))),
		ReaderID:      v.GetString("reader"),
		TillID:        strings.TrimSpace(v.GetString("till_id")),
		ExportDir:     pathSetting(v, "support.export_dir"),
		WebhookURL:    strings.TrimSpace(v.GetString("webhook.url")),
		DBPath:        pathSetting(v, "store.path"),
		EmulatorState: pathSetting(v, "emulator.state"),
		LogFile:       pathSetting(v, "log.file"),
		LogLevel:      v.GetString("log.level"),
	}
	if err := c.accountConfig.load(v, fs, &c.APIKey, c.Currency); err != nil {
		return Config{}, err
	}
	c.EmulatorAdminToken = strings.TrimSpace(v.GetString("emulator.admin_token"))
	var err error
	if c.CashIncrement, err = cashIncrement(v.GetString("cash.rounding"), c.Currency); err != nil {
		return Config{}, err
	}
	for key, dst := range map[string]*time.Duration{
		"poll.interval": &c.PollEvery, "poll.max_backoff": &c.MaxBackoff, "poll.call_timeout": &c.CallTimeout,
		"poll.stuck_after": &c.StuckAfter, "store.archive_after": &c.ArchiveAfter,
	} {
		if *dst, err = parseDuration(key, v.GetString(key)); err != nil {
			return Config{}, err
		}
	}
	if err := c.fill(); err != nil {
		return Config{}, err
	}
	if err := readCounter(v, &c); err != nil {
		return Config{}, err
	}
	return c, c.validate()
}

// parseDuration reads key's duration, above zero. The example it gives when refusing is
// the key's default: one to every key's liking (500ms is below webhook.safety_poll's floor).
func parseDuration(key, s string) (time.Duration, error) {
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("%s: %q is not a duration above zero like %s (the default)", key, s, settingDefault(key))
	}
	return d, nil
}

// minPollInterval is the shortest poll.interval a configuration file may set. A lane
// waiting for a card reads Stripe once an interval: at 250ms that is 4 reads a second,
// a sixth of the 25 a second Stripe allows a test-mode account (100 in live mode), and
// about 170 reads for a two-minute wait, within the 500 reads a payment Stripe
// expects on average. Shorter, a few lanes use up the account's limit between them.
const minPollInterval = 250 * time.Millisecond

// minSafetyPoll is the shortest webhook.safety_poll a configuration file may set. While
// webhooks arrive, the safety poll is the only read of a payment waiting for its card:
// the read the webhooks spare, which leaves room for more lanes on the account. At 2s,
// 50 lanes all waiting read at most 25 a second, test mode's limit (the README's "Many
// lanes"); shorter, the webhooks spare next to nothing of the 1s poll.
const minSafetyPoll = 2 * time.Second

// readFloors are the settings that pace the reads of Stripe, with the shortest value a
// configuration file may give each and what one read is.
var readFloors = []struct {
	key  string
	min  time.Duration
	what string
}{
	{"poll.interval", minPollInterval, "each lane waiting for a card reads Stripe once an interval"},
	{"webhook.safety_poll", minSafetyPoll, "while webhooks arrive, each lane waiting for a card reads Stripe once a safety poll"},
}

// checkReadFloors refuses a setting of readFloors in the configuration file (read into
// file, which holds nothing else) below its floor. Only the file's: the environment and test set-ups may read
// faster against an emulator.
func checkReadFloors(file *viper.Viper, path string) error {
	for _, f := range readFloors {
		text := strings.TrimSpace(file.GetString(f.key))
		if d, err := time.ParseDuration(text); err == nil && d > 0 && d < f.min {
			return fmt.Errorf("the configuration file %s sets %s: %s, below %s: %s, and Stripe allows an account 25 requests a second in test mode (100 in live mode); set %s or more (the default is %s)",
				path, f.key, text, f.min, f.what, f.min, settingDefault(f.key))
		}
	}
	return nil
}

// fill derives the defaults that depend on the machine and on other settings.
func (c *Config) fill() error {
	if c.DBPath == "" {
		dir, err := dataDir()
		if err != nil {
			return err
		}
		c.DBPath = filepath.Join(dir, "till.db")
	}
	if c.ExportDir == "" {
		dir, err := dataDir()
		if err != nil {
			return err
		}
		c.ExportDir = filepath.Join(dir, "exports")
	}
	if c.EmulatorState == "" {
		c.EmulatorState = filepath.Join(filepath.Dir(c.DBPath), "till-emulator.json")
	}
	if c.TillID == "" {
		c.TillID, _ = os.Hostname()
	}
	if c.LogFile == "" {
		dir, err := os.UserCacheDir()
		if err != nil {
			dir = os.TempDir()
		}
		c.LogFile = filepath.Join(dir, "till", "till.log")
	}
	switch {
	case c.Live:
		// Live mode never falls back to an emulator's test key.
	case c.APIKey == "" && c.APIBase == "":
		c.Embedded, c.APIKey = true, emulatorKey
	case c.APIKey == "" && isLoopback(c.APIBase):
		c.APIKey = emulatorKey
	}
	return nil
}

// tillConfigDir is where till's per-user files live: <user config dir>/till (till.yaml,
// the emulator's webhook secret). Its error is the system's; each caller says what to
// give instead.
func tillConfigDir() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "till"), nil
}

// dataDir is $XDG_DATA_HOME/till, else ~/.local/share/till.
func dataDir() (string, error) {
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "till"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("cannot find a home directory for till's database; pass --db PATH")
	}
	return filepath.Join(home, ".local", "share", "till"), nil
}

func (c Config) validate() error {
	// The base first: a base that is not a URL is not loopback, so it also leaves the
	// key empty, and "no key" would send the user the wrong way.
	if err := checkBaseURL(c.APIBase); err != nil {
		return err
	}
	switch {
	case c.APIKey == "":
		return errors.New("no Stripe API key: run till setup, or set STRIPE_API_KEY (or TILL_STRIPE_API_KEY) in the environment, or stripe.api_key_file in the configuration (a test key, sk_test_…)")
	case strings.ContainsFunc(c.APIKey, func(r rune) bool { return !isStripeIDChar(r) }):
		// It could not even be sent (Go refuses the header), and every call would be
		// taken for Stripe not answering.
		return errors.New("the Stripe API key holds a character no Stripe key has (a space, a line break or a quote, say): copy it again from the Dashboard")
	case isLiveKey(c.APIKey) && !c.Live:
		return errors.New("the Stripe API key is a live-mode key; till takes one only when its configuration file says mode: live (see the README, Live mode)")
	case c.Live && !isLiveKey(c.APIKey):
		return errors.New("the configuration says mode: live, but the Stripe API key is not a live-mode key (sk_live_… or rk_live_…)")
	case !c.Live && !strings.HasPrefix(c.APIKey, "sk_test_") && !strings.HasPrefix(c.APIKey, "rk_test_"):
		return errors.New("the Stripe API key does not look like a Stripe test key (sk_test_… or rk_test_…)")
	case c.CaptureMethod != checkout.CaptureManual && c.CaptureMethod != checkout.CaptureAutomatic:
		return fmt.Errorf("capture_method: %q is not manual or automatic", c.CaptureMethod)
	}
	if err := checkout.CheckCurrency(c.Currency); err != nil {
		return fmt.Errorf("currency: %w", err)
	}
	return c.accountConfig.validate()
}

// checkBaseURL says what is wrong with a Stripe API base URL, if anything; "" is fine
// (Stripe itself, or the built-in emulator).
func checkBaseURL(base string) error {
	if base == "" {
		return nil
	}
	shown := readerctl.RedactURL(base)
	what := "stripe.api_base (--api-base)"
	u, err := url.Parse(base)
	if !strings.Contains(base, "://") {
		if h, err := url.Parse("http://" + base); err == nil && h.Host != "" && h.Path == "" && !strings.HasSuffix(base, ":") {
			return fmt.Errorf("%s: %q has no scheme; write it as http://%s (or https://)", what, shown, shown)
		}
	}
	switch {
	case err != nil || u.Scheme == "":
		return fmt.Errorf("%s: %q is not a URL; give one like http://127.0.0.1:12111 or https://api.stripe.com", what, shown)
	case u.Scheme != "http" && u.Scheme != "https":
		return fmt.Errorf("%s: %q must start with http:// or https://", what, shown)
	case u.Host == "":
		return fmt.Errorf("%s: %q names no host", what, shown)
	case u.RawQuery != "" || u.Fragment != "" || u.ForceQuery:
		return fmt.Errorf("%s: %q must have no query or fragment: till adds the API's paths to it", what, shown)
	}
	return nil
}

// Mode says in words which Stripe till talks to, for the log and the doctor.
func (c Config) Mode() string {
	switch {
	case c.Embedded:
		return "embedded emulator"
	case c.APIBase != "":
		return "Stripe API at " + readerctl.RedactURL(c.APIBase)
	case c.Live:
		return "Stripe LIVE mode"
	}
	return "Stripe test mode"
}

func isLoopback(base string) bool {
	u, err := url.Parse(base)
	if err != nil {
		return false
	}
	host := u.Hostname()
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
