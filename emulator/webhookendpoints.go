package emulator

import (
	"crypto/rand"
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// /v1/webhook_endpoints: endpoints registered through the API, which the emulator then
// delivers events to (webhooks.go), signed with the secret given at creation and rendered
// at the endpoint's API version.

var (
	webhookCreateParams = []string{"url", "enabled_events", "api_version", "connect", "description", "metadata"}
	webhookUpdateParams = []string{"url", "enabled_events", "description", "metadata", "disabled"}
	webhookListParams   = []string{"limit", "starting_after", "ending_before"}
)

// maxWebhookEndpoints is how many endpoints Stripe lets an account have.
const maxWebhookEndpoints = 16

type webhookEndpoint struct {
	ID            string            `json:"id"`
	Object        string            `json:"object"`
	APIVersion    *string           `json:"api_version"`
	Application   *string           `json:"application"`
	Created       int64             `json:"created"`
	Description   *string           `json:"description"`
	EnabledEvents []string          `json:"enabled_events"`
	Livemode      bool              `json:"livemode"`
	Metadata      map[string]string `json:"metadata"`
	Secret        string            `json:"secret,omitempty"` // shown once, when created
	Status        string            `json:"status"`
	URL           string            `json:"url"`
}

type webhookEndpointRec struct {
	Seq     int64           `json:"seq"`
	Obj     webhookEndpoint `json:"object"`
	Secret  string          `json:"secret"`
	Connect bool            `json:"connect,omitempty"` // takes the events of connected accounts
}

// acceptsEvent reports whether an endpoint's enabled_events take an event type.
func acceptsEvent(enabled []string, typ string) bool {
	return slices.Contains(enabled, "*") || slices.Contains(enabled, typ)
}

func (x *txn) webhookEndpoint(id string) (*webhookEndpointRec, *apiError) {
	rec, ok := x.st.WebhookEndpoints.get(id)
	if !ok || !x.owns(id) {
		return nil, errNoSuch("webhook_endpoint", id, "webhook_endpoint")
	}
	return rec, nil
}

// readWebhookURL reads url: an absolute http or https URL.
func readWebhookURL(p params) (string, bool, *apiError) {
	u, ok := p.str("url")
	if !ok {
		return "", false, nil
	}
	parsed, err := url.Parse(u)
	if err != nil || (parsed.Scheme != "http" && parsed.Scheme != "https") || parsed.Host == "" {
		return "", false, validationError("url_invalid", "url", "Invalid URL: %s. It must be an absolute http or https URL.", u)
	}
	return u, true, nil
}

// readEnabledEvents reads enabled_events: "*" or event types Stripe sends.
func readEnabledEvents(p params) ([]string, bool, *apiError) {
	events, ok := p.list("enabled_events")
	if !ok {
		return nil, false, nil
	}
	if len(events) == 0 {
		return nil, false, validationError("parameter_invalid_empty", "enabled_events", "enabled_events must not be empty.")
	}
	for i, ev := range events {
		if ev != "*" && !slices.Contains(webhookEventTypes, ev) {
			return nil, false, validationError("", "enabled_events", "Invalid enabled_events[%d]: %q is not an event type Stripe sends.", i, ev)
		}
	}
	return events, true, nil
}

// NewWebhookSecret makes a signing secret like Stripe's: whsec_ and 32 random
// alphanumerics. API-created endpoints and till emulator's --webhook endpoints both use it.
func NewWebhookSecret() string {
	return "whsec_" + rand.Text() + strings.ToLower(rand.Text()[:6])
}

func (x *txn) createWebhookEndpoint() (any, error) {
	u, ok, err := readWebhookURL(x.p)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, errMissingParam("url")
	}
	events, ok, err := readEnabledEvents(x.p)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, errMissingParam("enabled_events")
	}
	var version *string
	if v, ok := x.p.str("api_version"); ok && v != "" {
		if !slices.Contains(releasedVersions, v) {
			return nil, errInvalidEnum("api_version", v, "a released API version such as "+DefaultAPIVersion)
		}
		version = &v
	}
	connect, err := x.p.optBool("connect")
	if err != nil {
		return nil, err
	}
	if connect != nil && *connect && x.account != "" {
		return nil, validationError("", "connect", "Only a platform account can create a Connect endpoint (connect=true).")
	}
	md, _, err := readMetadata(x.p)
	if err != nil {
		return nil, err
	}
	desc, err := optString(x.p, "description", 5000)
	if err != nil {
		return nil, err
	}
	if err := x.checkExpand(); err != nil {
		return nil, err
	}
	mine := 0
	x.st.WebhookEndpoints.oldest(func(en *entry[webhookEndpointRec]) bool {
		if x.owns(en.id) {
			mine++
		}
		return true
	})
	if mine >= maxWebhookEndpoints {
		return nil, invalidRequest(http.StatusBadRequest, "", "",
			"You have reached the maximum of %d test webhook endpoints.", maxWebhookEndpoints)
	}
	id, seq := x.newID("we")
	rec := &webhookEndpointRec{Seq: seq, Secret: NewWebhookSecret(), Connect: connect != nil && *connect,
		Obj: webhookEndpoint{ID: id, Object: "webhook_endpoint", APIVersion: version, Created: x.now.Unix(), Description: desc,
			EnabledEvents: events, Metadata: md, Status: "enabled", URL: u}}
	x.st.WebhookEndpoints.put(id, seqOfID(id), rec)
	out := rec.Obj
	out.Secret = rec.Secret
	return &out, nil
}

func (x *txn) retrieveWebhookEndpoint() (any, error) {
	if err := x.checkExpand(); err != nil {
		return nil, err
	}
	rec, err := x.webhookEndpoint(x.pathValue("webhook_endpoint"))
	if err != nil {
		return nil, err
	}
	out := rec.Obj
	return &out, nil
}

func (x *txn) updateWebhookEndpoint() (any, error) {
	rec, err := x.webhookEndpoint(x.pathValue("webhook_endpoint"))
	if err != nil {
		return nil, err
	}
	u, urlSent, err := readWebhookURL(x.p)
	if err != nil {
		return nil, err
	}
	events, eventsSent, err := readEnabledEvents(x.p)
	if err != nil {
		return nil, err
	}
	disabled, err := x.p.optBool("disabled")
	if err != nil {
		return nil, err
	}
	md, err := readMetadataUpdate(x.p)
	if err != nil {
		return nil, err
	}
	if err := x.checkExpand(); err != nil {
		return nil, err
	}
	ep := &rec.Obj
	if urlSent {
		ep.URL = u
	}
	if eventsSent {
		ep.EnabledEvents = events
	}
	if x.p.has("description") {
		ep.Description, _ = optString(x.p, "description", 5000)
	}
	ep.Metadata = md.apply(ep.Metadata)
	if disabled != nil {
		ep.Status = "enabled"
		if *disabled {
			ep.Status = "disabled"
			x.e.hooks.remove(ep.ID) // a disabled endpoint gets nothing, not even retries
		}
	}
	out := *ep
	return &out, nil
}

func (x *txn) deleteWebhookEndpoint() (any, error) {
	rec, err := x.webhookEndpoint(x.pathValue("webhook_endpoint"))
	if err != nil {
		return nil, err
	}
	x.e.hooks.remove(rec.Obj.ID)
	return deleteObject(x.st.WebhookEndpoints, rec.Obj.ID), nil
}

func (x *txn) listWebhookEndpoints() (any, error) {
	if err := x.checkExpand(); err != nil {
		return nil, err
	}
	t := x.st.WebhookEndpoints
	render := func(rec *webhookEndpointRec) any {
		ep := rec.Obj
		return &ep
	}
	return listPage(x, t, t.all(), owned[webhookEndpointRec](x, nil), render, "/v1/webhook_endpoints", "webhook_endpoint")
}
