package main

import (
	"net"
	"strings"
	"testing"
)

// Interactive setup with a public URL asks where till's receiver listens (the default
// shown), refuses what is no address to listen on, and says how the URL must reach it.
func TestSetupAsksWhereTheReceiverListens(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0") // a port something else holds
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	r := newSetupRig(t)
	answers := []string{
		"sk_test_typedATtheprompt",
		"n", "Corner shop", "1 Main St", "Springfield", "IL", "62701", "",
		"", // no reader
		"https://till.example.com/stripe",
		"4243",             // not an address: asked again
		"0.0.0.0:99999",    // no such port
		"203.0.113.7:4243", // not this PC's
		"0.0.0.0:4299",
	}
	code, out, errOut := r.setup(t, answers)
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	for _, want := range []string{
		"Address till's receiver listens on [127.0.0.1:4243]",
		`"4243" is not an address to listen on`,
		`"0.0.0.0:99999" is not an address to listen on`,
		"cannot listen on 203.0.113.7:4243",
		"https://till.example.com/stripe must reach http://<this PC's address>:4299",
		"Webhooks section",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if conf := r.config(t); !strings.Contains(conf, "listen: 0.0.0.0:4299") {
		t.Errorf("configuration:\n%s", conf)
	}

	// The default, on loopback: a tunnel on this PC is the way; a port in use is said,
	// not refused (it may be a till already running).
	r = newSetupRig(t)
	answers = append(answers[:len(answers)-5], "https://till.example.com/stripe", busy.Addr().String())
	code, out, errOut = r.setup(t, answers)
	if code != 0 || !strings.Contains(out, "in use") || !strings.Contains(out, "only programs on this PC reach "+busy.Addr().String()) ||
		!strings.Contains(out, "cloudflared tunnel --url http://"+busy.Addr().String()) {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	if conf := r.config(t); !strings.Contains(conf, "listen: "+busy.Addr().String()) {
		t.Errorf("configuration:\n%s", conf)
	}
}

// Against an emulator on this machine, a webhook URL that is till's own receiver needs
// no tunnel: setup says the emulator sends there directly, not how to route a public URL.
func TestSetupWithTheEmulatorsWebhooks(t *testing.T) {
	r := newSetupRig(t)
	code, out, errOut := r.setup(t, []string{"", "1", "", "http://127.0.0.1:4243/"})
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	if !strings.Contains(out, "The emulator on this machine sends its events to http://127.0.0.1:4243/ directly") ||
		strings.Contains(out, "cloudflared") {
		t.Errorf("output:\n%s", out)
	}
	// A URL elsewhere still gets the advice on routing it.
	r = newSetupRig(t)
	code, out, errOut = r.setup(t, []string{"", "1", "", "https://till.example.com/stripe", ""})
	if code != 0 || !strings.Contains(out, "https://till.example.com/stripe must reach http://127.0.0.1:4243") {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
}
