package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/till-pos/till/emulator"
)

// The signing secret of till emulator's --webhook endpoints is never printed nor logged:
// an integrator gives it the way their webhook handler already reads it
// (STRIPE_WEBHOOK_SECRET, as in Stripe's samples and till's own configuration), or
// reads it from a file only they can read, which the emulator creates when need be.

// webhookSecretEnv is where Stripe's samples, stripe-node handlers and till read the
// signing secret from.
const webhookSecretEnv = "STRIPE_WEBHOOK_SECRET"

// defaultWebhookSecretFile is where a generated secret is kept between runs, so that a
// handler configured once keeps working.
func defaultWebhookSecretFile() (string, error) {
	dir, err := tillConfigDir()
	if err != nil {
		return "", fmt.Errorf("no user configuration directory for the webhook secret file (%v); give --webhook-secret-file or %s", err, webhookSecretEnv)
	}
	return filepath.Join(dir, "emulator-webhook.secret"), nil
}

// webhookSecret is the secret the --webhook endpoints are signed with and where it came
// from, for the banner: --webhook-secret, else --webhook-secret-file, else
// $STRIPE_WEBHOOK_SECRET, else the default file, read or, when missing, created (mode
// 0600) with a new secret.
func webhookSecret(flagSecret, file string) (secret, from string, err error) {
	if s := strings.TrimSpace(flagSecret); s != "" {
		if file != "" {
			return "", "", errors.New("give the webhook signing secret once: --webhook-secret or --webhook-secret-file, not both")
		}
		return s, "given by --webhook-secret", nil
	}
	if file == "" {
		if s := strings.TrimSpace(os.Getenv(webhookSecretEnv)); s != "" {
			return s, "in $" + webhookSecretEnv, nil
		}
		if file, err = defaultWebhookSecretFile(); err != nil {
			return "", "", err
		}
	}
	s, err := readSecretFile(file)
	if errors.Is(err, fs.ErrNotExist) {
		s = emulator.NewWebhookSecret()
		if err := writeSecretFile(file, s); err != nil {
			return "", "", fmt.Errorf("cannot write the webhook secret file %s: %w", file, err)
		}
		return s, "in " + file + " (new; mode 0600)", nil
	}
	if err != nil {
		return "", "", fmt.Errorf("the webhook signing secret: %w", err)
	}
	return s, "in " + file, nil
}
