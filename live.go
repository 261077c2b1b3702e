package main

import (
	"errors"
	"fmt"
	"io"
	"strings"
)

// liveBanner opens every command's output in live mode. It goes to stderr, so a
// command's JSON on stdout stays one object.
const liveBanner = "LIVE: till is in Stripe live mode (mode: live in %s). Payments here are real."

// errLiveNotConfirmed: live mode, and nobody said yes.
var errLiveNotConfirmed = errors.New("live mode was not confirmed: pass --confirm-live, or run till at a terminal and type live when asked")

// confirmLive is the start of every command in live mode: the banner, then the
// cashier's confirmation — --confirm-live, or typing "live" at the prompt when a
// terminal is attached. Without a terminal and without the flag it refuses.
func confirmLive(cfg Config, con *console, stderr io.Writer) error {
	if !cfg.Live {
		if cfg.ConfirmLive {
			return errors.New("--confirm-live confirms live mode, but the configuration is in test mode")
		}
		return nil
	}
	fmt.Fprintf(stderr, liveBanner+"\n", cfg.ConfigFile)
	if cfg.ConfirmLive {
		return nil
	}
	if !con.interactive {
		return errLiveNotConfirmed
	}
	answer, err := con.ask("Type live to take real payments, anything else to stop", "")
	if err != nil || !strings.EqualFold(answer, "live") {
		return errLiveNotConfirmed
	}
	return nil
}
