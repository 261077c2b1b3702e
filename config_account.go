package main

import (
	"errors"
	"fmt"
	"net"
	"os"
	"regexp"
	"strings"
	"time"

	"github.com/spf13/pflag"
	"github.com/spf13/viper"

	"github.com/till-pos/till/checkout"
)

// accountConfig is the configuration of the Stripe account till works for: its mode,
// where the key comes from, Connect, and the webhook receiver.
type accountConfig struct {
	Live              bool         // mode: live, said in the configuration file itself
	ConfirmLive       bool         // --confirm-live: the cashier's yes, given up front
	ConfigFile        string       // the configuration file read, if any
	KeyFile           string       // stripe.api_key_file, when the key came from it
	ConnectAccount    string       // stripe.account: the connected account every call is made on
	ApplicationFee    checkout.Fee // stripe.application_fee, set before capture
	WebhookListen     string       // webhook.listen: the receiver's address, e.g. 127.0.0.1:4243
	WebhookSecret     string       // the endpoint's signing secret; never printed or logged
	WebhookSecretFile string       // webhook.secret_file, when the secret came from it
	SafetyPoll        time.Duration
	SilentAfter       time.Duration
}

var connectAccount = regexp.MustCompile(`^acct_[A-Za-z0-9]{1,64}$`)

// load reads the account's settings. The key is taken from, in order: stripe.api_key
// (TILL_STRIPE_API_KEY or the file), the key file stripe.api_key_file, STRIPE_API_KEY;
// the webhook secret likewise from webhook.secret (TILL_WEBHOOK_SECRET), the file
// webhook.secret_file, STRIPE_WEBHOOK_SECRET.
func (a *accountConfig) load(v *viper.Viper, fs *pflag.FlagSet, key *string, currency string) error {
	a.ConfigFile = v.ConfigFileUsed()
	if _, err := os.Stat(a.ConfigFile); err != nil {
		a.ConfigFile = ""
	}
	switch mode := strings.ToLower(strings.TrimSpace(v.GetString("mode"))); mode {
	case "test":
	case "live":
		// Never by accident: the file must say so, not only the environment.
		if a.ConfigFile == "" || !v.InConfig("mode") {
			return errors.New("mode: live must be written in the configuration file itself, not only in the environment")
		}
		a.Live = true
	default:
		return fmt.Errorf("mode: %q is not test or live", mode)
	}
	if f := fs.Lookup("confirm-live"); f != nil {
		a.ConfirmLive = f.Value.String() == "true"
	}
	var err error
	a.KeyFile = pathSetting(v, "stripe.api_key_file")
	if *key, err = secretFrom(*key, a.KeyFile, "STRIPE_API_KEY", "stripe.api_key_file"); err != nil {
		return err
	}
	a.WebhookSecretFile = pathSetting(v, "webhook.secret_file")
	a.WebhookSecret, err = secretFrom(strings.TrimSpace(v.GetString("webhook.secret")), a.WebhookSecretFile, "STRIPE_WEBHOOK_SECRET", "webhook.secret_file")
	if err != nil {
		return err
	}
	a.ConnectAccount = strings.TrimSpace(v.GetString("stripe.account"))
	if a.ApplicationFee, err = checkout.ParseFee(v.GetString("stripe.application_fee"), currency); err != nil {
		return fmt.Errorf("stripe.application_fee: %w", err)
	}
	a.WebhookListen = strings.TrimSpace(v.GetString("webhook.listen"))
	for key, dst := range map[string]*time.Duration{"webhook.safety_poll": &a.SafetyPoll, "webhook.silent_after": &a.SilentAfter} {
		if *dst, err = parseDuration(key, v.GetString(key)); err != nil {
			return err
		}
	}
	return nil
}

// secretFrom is the first of: the value already set, the file (which must be 0600),
// the environment variable env.
func secretFrom(set, file, env, fileKey string) (string, error) {
	switch {
	case set != "":
		return set, nil
	case file != "":
		s, err := readSecretFile(file)
		if err != nil {
			return "", fmt.Errorf("%s: %w", fileKey, err)
		}
		return s, nil
	}
	return strings.TrimSpace(os.Getenv(env)), nil
}

func (a accountConfig) validate() error {
	switch {
	case a.ConnectAccount != "" && !connectAccount.MatchString(a.ConnectAccount):
		return fmt.Errorf("stripe.account: %q is not a connected account id like acct_1A2b3C", a.ConnectAccount)
	case !a.ApplicationFee.IsZero() && a.ConnectAccount == "":
		return errors.New("stripe.application_fee needs stripe.account: a fee is what a Connect platform takes from its connected account's payments")
	case a.WebhookSecret != "" && !strings.HasPrefix(a.WebhookSecret, "whsec_"):
		return errors.New("the webhook secret does not look like a Stripe signing secret (whsec_…)")
	}
	if a.WebhookListen == "" {
		return nil
	}
	if _, port, err := net.SplitHostPort(a.WebhookListen); err != nil || port == "" {
		return fmt.Errorf("webhook.listen: %q is not an address like 127.0.0.1:4243", a.WebhookListen)
	}
	if a.WebhookSecret == "" {
		return errors.New("webhook.listen is set but there is no webhook signing secret: set webhook.secret_file (till setup writes it), or TILL_WEBHOOK_SECRET or STRIPE_WEBHOOK_SECRET (stripe listen prints one)")
	}
	return nil
}

func isLiveKey(key string) bool {
	return strings.HasPrefix(key, "sk_live_") || strings.HasPrefix(key, "rk_live_")
}
