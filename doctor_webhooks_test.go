package main

import (
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
)

// doctor runs till doctor against the setup rig's API with the given configuration.
func (r *setupRig) doctor(t *testing.T, yaml string) (int, map[string]string, string) {
	t.Helper()
	conf := writeFile(t, filepath.Join(filepath.Dir(r.db), "doctor.yaml"), yaml, 0o600)
	var out, errOut strings.Builder
	code := run([]string{"doctor", "--config", conf, "--api-base", r.url, "--db", r.db}, &out, &errOut)
	return code, results(out.String()), out.String() + errOut.String()
}

func TestDoctorChecksTillsWebhookRoute(t *testing.T) {
	r := newSetupRig(t)
	secret := writeFile(t, filepath.Join(filepath.Dir(r.db), "webhook.secret"), "whsec_doctor\n", 0o600)
	listen := freeAddr(t)
	// A reverse proxy in front of till's receiver, as a shop would run one.
	target, _ := url.Parse("http://" + listen)
	proxy := httptest.NewServer(httputil.NewSingleHostReverseProxy(target))
	defer proxy.Close()
	// Something that answers but goes nowhere.
	deadEnd := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusOK) }))
	defer deadEnd.Close()
	r.endpoints = []map[string]any{{"id": "we_1", "object": "webhook_endpoint", "url": proxy.URL + "/stripe", "status": "enabled",
		"api_version": "2023-10-16", "enabled_events": []string{"*"}}}
	base := "webhook:\n  listen: " + listen + "\n  secret_file: " + secret + "\n"

	code, got, out := r.doctor(t, base+"  url: "+proxy.URL+"/stripe\n")
	if code != 0 || got["webhooks"] != "ok" || got["wh-secret"] != "ok" || got["wh-stripe"] != "ok" || !strings.Contains(out, "reaches till's receiver") {
		t.Fatalf("routed: exit %d %v\n%s", code, got, out)
	}
	if strings.Contains(out, "whsec_doctor") {
		t.Fatal("the secret was printed")
	}
	code, got, out = r.doctor(t, base+"  url: "+deadEnd.URL+"/stripe\n")
	if code != 1 || got["webhooks"] != "fail" || got["wh-stripe"] != "fail" || !strings.Contains(out, "never reached till's receiver") || !strings.Contains(out, "till setup --webhook-url") {
		t.Fatalf("not routed: exit %d %v\n%s", code, got, out)
	}
	code, got, out = r.doctor(t, base)
	if code != 0 || got["webhooks"] != "ok" || !strings.Contains(out, "stripe listen --forward-to "+listen) {
		t.Fatalf("stripe listen: exit %d %v\n%s", code, got, out)
	}
	r.endpoints[0]["enabled_events"] = []string{"terminal.reader.action_succeeded"}
	_, got, out = r.doctor(t, base+"  url: "+proxy.URL+"/stripe\n")
	if got["wh-stripe"] != "warn" || !strings.Contains(out, "payment_intent.amount_capturable_updated") {
		t.Fatalf("missing events: %v\n%s", got, out)
	}
}

func TestDoctorNamesARestrictedKeysMissingPermissions(t *testing.T) {
	r := newSetupRig(t)
	r.forbid["GET /v1/charges/"] = "rak_charge_read"
	t.Setenv("STRIPE_API_KEY", "rk_test_restricted1234")
	code, got, out := r.doctor(t, "currency: usd\n")
	if code != 1 || got["perms"] != "fail" || !strings.Contains(out, "lacks Charges: Read") {
		t.Fatalf("exit %d %v\n%s", code, got, out)
	}
}
