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

// confirmLive is the start of every headless command in live mode: the banner, then
// the cashier's confirmation — --confirm-live, or typing "live" at the prompt when a
// terminal is attached. Without a terminal and without the flag it refuses.
func confirmLive(cfg Config, con *console, stderr io.Writer) error {
	if err := announceLive(cfg, stderr); err != nil || !cfg.Live || cfg.ConfirmLive {
		return err
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

// announceLive is the start of the cashier screen in live mode: the banner only, as
// the screen's first page asks for the confirmation itself (unless --confirm-live gave
// it), where the cashier is looking and with the LIVE banner above it. --confirm-live in
// test mode is a mistake either way.
func announceLive(cfg Config, stderr io.Writer) error {
	if !cfg.Live {
		if cfg.ConfirmLive {
			return errors.New("--confirm-live confirms live mode, but the configuration is in test mode")
		}
		return nil
	}
	fmt.Fprintf(stderr, liveBanner+"\n", cfg.ConfigFile)
	return nil
}
