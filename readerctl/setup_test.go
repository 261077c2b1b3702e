package readerctl

import (
	"context"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"sync"
	"testing"
)

// Against the emulator: a location, then a simulated reader registered at it; the same
// answers again return the same objects (the idempotency key is made from them).
func TestCreateLocationAndRegisterReaders(t *testing.T) {
	m := newEmu(t)
	ctx := context.Background()
	addr := Address{Line1: "1 Main St", City: "Springfield", State: "IL", PostalCode: "62701", Country: "us"}
	loc, err := m.c.CreateLocation(ctx, "Corner shop", addr)
	if err != nil || loc.DisplayName != "Corner shop" || loc.ID == "" {
		t.Fatalf("%+v %v", loc, err)
	}
	again, err := m.c.CreateLocation(ctx, "Corner shop", addr)
	if err != nil || again.ID != loc.ID {
		t.Fatalf("a second location: %+v %v", again, err)
	}
	r, err := m.c.RegisterReader(ctx, "simulated-s700", "Counter 2", loc.ID)
	if err != nil || r.DeviceType != "simulated_stripe_s700" || r.Label != "Counter 2" || r.Location != loc.ID || !r.Simulated() {
		t.Fatalf("%+v %v", r, err)
	}
	if _, err := m.c.RegisterReader(ctx, "sepia-cerulean-aardvark", "", loc.ID); err == nil {
		t.Fatal("the emulator registered a physical reader's code")
	}
}

func TestCreateWebhookEndpoint(t *testing.T) {
	var mu sync.Mutex
	var form url.Values
	c := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		mu.Lock()
		form = r.Form
		mu.Unlock()
		writeJSON(w, 200, "req_1", map[string]any{"id": "we_1", "object": "webhook_endpoint", "url": r.Form.Get("url"),
			"status": "enabled", "api_version": r.Form.Get("api_version"), "enabled_events": r.Form["enabled_events[]"], "secret": "whsec_new"})
	})
	we, err := c.CreateWebhookEndpoint(context.Background(), "https://till.example.com/stripe", true)
	if err != nil || we.Secret != "whsec_new" || we.ID != "we_1" {
		t.Fatalf("%+v %v", we, err)
	}
	if form.Get("connect") != "true" || form.Get("api_version") != "2023-10-16" || form.Get("url") != "https://till.example.com/stripe" {
		t.Fatalf("form %v", form)
	}
	var events []string
	for i := 0; form.Get("enabled_events["+strconv.Itoa(i)+"]") != ""; i++ {
		events = append(events, form.Get("enabled_events["+strconv.Itoa(i)+"]"))
	}
	if !reflect.DeepEqual(events, WebhookEvents) {
		t.Fatalf("events %v", events)
	}
	if m := (WebhookEndpoint{Events: []string{"terminal.reader.action_succeeded"}}).MissingEvents(); len(m) != len(WebhookEvents)-1 {
		t.Fatalf("missing %v", m)
	}
	if m := (WebhookEndpoint{Events: []string{"*"}}).MissingEvents(); m != nil {
		t.Fatalf("* misses %v", m)
	}
}
