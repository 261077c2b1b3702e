package readerctl

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/till-pos/till/checkout"
)

func TestCheckTestCard(t *testing.T) {
	for _, ok := range []string{"", "4242424242424242", "4000000000009995", "5555555555554444", "4506445006931933", "4000000000000002", "378282246310005"} {
		if err := CheckTestCard(ok); err != nil {
			t.Errorf("%q: %v", ok, err)
		}
	}
	for _, bad := range []string{"123", "4242424242424241", "4242 4242 4242 4242", "42424242424242424242", "abc", "-4242424242424242", "４２４２"} {
		if err := CheckTestCard(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

// A card that cannot be one is refused without a request: the reader is not left
// waiting on a present that was never going to work.
func TestPresentCardRefusesANonCardBeforeSending(t *testing.T) {
	calls := 0
	c := newFake(t, func(w http.ResponseWriter, r *http.Request) { calls++ })
	_, err := c.PresentCard(context.Background(), "tmr_1", "123")
	var f *checkout.Failure
	if !errors.As(err, &f) || f.Kind != checkout.KindInvalidRequest || f.Ambiguous() {
		t.Fatalf("err = %v, want a plain invalid request", err)
	}
	if calls != 0 {
		t.Fatalf("%d requests sent", calls)
	}
}
