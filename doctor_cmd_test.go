package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/till-pos/till/emulator"
)

// results reads the doctor's lines into name → result.
func results(out string) map[string]string {
	m := map[string]string{}
	for _, l := range strings.Split(out, "\n") {
		f := strings.Fields(l)
		if len(f) >= 2 && f[0] == strings.ToUpper(f[0]) && f[0] != "→" {
			m[f[1]] = strings.ToLower(f[0])
		}
	}
	return m
}

func TestDoctorHealthyOnTheEmbeddedEmulator(t *testing.T) {
	db := payEnv(t)
	var out, errOut strings.Builder
	code := run([]string{"doctor", "--db", db}, &out, &errOut)
	got := results(out.String())
	want := map[string]string{"key": "ok", "api": "ok", "clock": "ok", "locations": "ok", "readers": "ok", "journal": "ok", "webhooks": "skip",
		"outbox": "ok", "outage": "ok"}
	if code != 0 || len(got) != len(want) {
		t.Fatalf("exit %d, %v\n%s%s", code, got, out.String(), errOut.String())
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: %s, want %s", k, got[k], v)
		}
	}
	for _, words := range []string{"test key", "embedded emulator", "2 online, 0 offline", "schema v", "not configured"} {
		if !strings.Contains(out.String(), words) {
			t.Errorf("no %q in\n%s", words, out.String())
		}
	}
}

func TestDoctorFindsProblems(t *testing.T) {
	tests := []struct {
		name   string
		setup  func(t *testing.T, e *supportEnv)
		check  string
		result string
		code   int
		words  string
	}{
		{"one reader offline", func(t *testing.T, e *supportEnv) { e.emu.SetFault(e.readers[0], emulator.Fault{Offline: true}) },
			"readers", "warn", 0, "1 online, 1 offline"},
		{"every reader offline", func(t *testing.T, e *supportEnv) { e.emu.SetFault("", emulator.Fault{Offline: true}) },
			"readers", "fail", 1, "no reader can take a payment"},
		{"an unfinished payment", func(t *testing.T, e *supportEnv) { e.openPayment(t, "D-1") },
			"journal", "warn", 0, "till payments --unfinished"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newSupportEnv(t, emulator.Options{})
			tt.setup(t, e)
			code, out, errOut := e.till(t, "doctor")
			if got := results(out)[tt.check]; got != tt.result || code != tt.code || !strings.Contains(out, tt.words) {
				t.Fatalf("%s is %s, exit %d:\n%s%s", tt.check, got, code, out, errOut)
			}
		})
	}
}

func TestDoctorWithoutStripe(t *testing.T) {
	payEnv(t)
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close() // nothing listens there any more
	var out, errOut strings.Builder
	code := run([]string{"doctor", "--api-base", url, "--db", filepath.Join(t.TempDir(), "t.db")}, &out, &errOut)
	got := results(out.String())
	if code != 1 || got["api"] != "fail" || got["readers"] != "skip" || got["journal"] != "ok" || !strings.Contains(out.String(), "check the network") {
		t.Fatalf("exit %d, %v\n%s%s", code, got, out.String(), errOut.String())
	}
}

func TestDoctorWarnsOfClockSkew(t *testing.T) {
	db := payEnv(t)
	emu, err := emulator.New(emulator.Options{Seed: true})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Date", time.Now().Add(-time.Minute).UTC().Format(http.TimeFormat))
		emu.ServeHTTP(w, r)
	}))
	defer srv.Close()
	var out, errOut strings.Builder
	code := run([]string{"doctor", "--api-base", srv.URL, "--db", db}, &out, &errOut)
	if got := results(out.String()); code != 0 || got["clock"] != "warn" || !strings.Contains(out.String(), "skew 1m0s") || !strings.Contains(out.String(), "NTP") {
		t.Fatalf("exit %d, %v\n%s", code, got, out.String())
	}
}

func TestClockCheck(t *testing.T) {
	server := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		local  time.Duration // local clock minus server's
		result string
	}{
		{0, checkOK}, {900 * time.Millisecond, checkOK}, {5 * time.Second, checkOK},
		{6 * time.Second, checkWarn}, {-6 * time.Second, checkWarn}, {time.Hour, checkWarn},
	}
	for _, tt := range tests {
		if got := clockCheck(server, server.Add(tt.local)); got.Result != tt.result {
			t.Errorf("local %v off: %s (%s)", tt.local, got.Result, got.Detail)
		}
	}
	if got := clockCheck(time.Time{}, server); got.Result != checkWarn {
		t.Errorf("no Date header: %s", got.Result)
	}
}

func TestDoctorBundleIsRedacted(t *testing.T) {
	const key = "sk_test_TopSecretKeyValue42"
	e := newSupportEnv(t, emulator.Options{})
	t.Setenv("STRIPE_API_KEY", key)
	e.openPayment(t, "B-1")
	path := filepath.Join(t.TempDir(), "bundle.json")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := e.till(t, "doctor", "--bundle", path)
	if code != 0 || !strings.Contains(out, "Support bundle written") {
		t.Fatalf("exit %d, %q %q", code, out, errOut)
	}
	info, err := os.Stat(path)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("bundle mode %v, %v", info.Mode(), err)
	}
	data, _ := os.ReadFile(path)
	if strings.Contains(string(data), key) || strings.Contains(string(data), "TopSecret") || strings.Contains(out+errOut, "TopSecret") {
		t.Fatal("the key is in the bundle or the output")
	}
	var b bundle
	if err := json.Unmarshal(data, &b); err != nil {
		t.Fatalf("bundle is not JSON: %v", err)
	}
	if b.Config.KeyMode != "test" || len(b.Doctor) != 9 || len(b.Readers) != 2 || len(b.Unfinished) != 1 || len(b.Journal) == 0 || len(b.Journal) > bundleJournal {
		t.Fatalf("bundle: key mode %q, %d checks, %d readers, %d unfinished, %d journal entries",
			b.Config.KeyMode, len(b.Doctor), len(b.Readers), len(b.Unfinished), len(b.Journal))
	}
	if b.Unfinished[0].OrderID != "B-1" || b.Journal[0].OrderID != "B-1" {
		t.Fatalf("bundle content: %+v / %+v", b.Unfinished[0], b.Journal[0])
	}
}

func TestDoctorChecksTheWebhookEndpoint(t *testing.T) {
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusMethodNotAllowed) // a receiver wants signed POSTs; it answers all the same
	}))
	defer up.Close()
	down := httptest.NewServer(http.NotFoundHandler())
	downURL := down.URL
	down.Close()
	tests := []struct {
		url, want, fix string
		code           int
	}{
		{"", "skip", "", 0},
		{up.URL + "/stripe", "ok", "", 0},
		{downURL + "/stripe", "fail", "start the webhook receiver", 1},
		{"http://shop.example/stripe", "fail", "only to https", 1},
	}
	for _, tt := range tests {
		db := payEnv(t)
		t.Setenv("TILL_WEBHOOK_URL", tt.url)
		var out, errOut strings.Builder
		code := run([]string{"doctor", "--db", db}, &out, &errOut)
		if got := results(out.String())["webhooks"]; got != tt.want || code != tt.code || !strings.Contains(out.String(), tt.fix) {
			t.Errorf("webhook.url %q: %s, exit %d, want %s and %d\n%s", tt.url, got, code, tt.want, tt.code, out.String())
		}
	}
}
