package checkout

import (
	"strings"
	"testing"
)

// Keys live in till setup's key file or the environment now, not in the configuration
// file: a refused key says so, and a key that may not do something says what Stripe
// said and who names the missing permission.
func TestExplainAuthSaysWhereTheKeyComesFrom(t *testing.T) {
	for _, tc := range []struct {
		name    string
		f       Failure
		want    []string
		notWant []string
	}{
		{"refused key (401)", Failure{Kind: KindAuth, HTTPStatus: 401, Message: "Invalid API Key provided: sk_test_****"},
			[]string{"refused the API key", "till setup", "STRIPE_API_KEY", "TILL_STRIPE_API_KEY", "stripe.api_key_file"},
			[]string{"stripe.api_key ", "Invalid API Key provided"}},
		{"no status (a key missing)", Failure{Kind: KindAuth},
			[]string{"till setup", "STRIPE_API_KEY"}, nil},
		{"not allowed (403)", Failure{Kind: KindAuth, HTTPStatus: 403, Message: "The provided key does not have access to this resource."},
			[]string{"does not have access to this resource", "till doctor", "permission"}, []string{"till setup"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Explain(&tc.f)
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("%q lacks %q", got, w)
				}
			}
			for _, w := range tc.notWant {
				if strings.Contains(got, w) {
					t.Errorf("%q says %q", got, w)
				}
			}
		})
	}
}

// A failed read's error line keeps what the network or Stripe said when Stripe did not
// answer or failed, so support can tell a refused connection from a timeout; the other
// kinds read as ExplainRead, their message not said twice.
func TestExplainReadWithDetail(t *testing.T) {
	for _, tc := range []struct {
		name string
		f    *Failure
		want string
	}{
		{"no answer", &Failure{Kind: KindNetwork, Message: "could not reach Stripe to list the readers: dial tcp 127.0.0.1:1: connect: connection refused"},
			"Stripe did not answer (could not reach Stripe to list the readers: dial tcp 127.0.0.1:1: connect: connection refused)"},
		{"Stripe's error", &Failure{Kind: KindServer, HTTPStatus: 500, Message: "An unknown error occurred"}, "Stripe had an error (An unknown error occurred)"},
		{"no answer, nothing said", &Failure{Kind: KindNetwork}, "Stripe did not answer."},
		{"not found", &Failure{Kind: KindNotFound, Message: "No such payment_intent: 'pi_x'"}, "Stripe does not know it: No such payment_intent: 'pi_x'"},
		{"rate limit", &Failure{Kind: KindRateLimit, Message: "Too many requests"}, ExplainRead(&Failure{Kind: KindRateLimit})},
		{"none", nil, ""},
	} {
		if got := ExplainReadWithDetail(tc.f); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}
