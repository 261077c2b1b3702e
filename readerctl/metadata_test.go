package readerctl

import (
	"context"
	"strconv"
	"testing"
)

// Issue 11 defect 1: an order id read back from Stripe's metadata reached the export's
// file name. Metadata anyone with the keys can write is trusted only when it is a valid
// order id; control characters never reach the screen.
func TestHostileMetadataIsNotTrusted(t *testing.T) {
	for _, tt := range []struct{ orderID, wantOrder string }{
		{"ord_1", "ord_1"}, {"../../x", ""}, {"a/b", ""}, {"bad\nid", ""}, {"", ""},
	} {
		body := `{"id":"pi_1","object":"payment_intent","status":"requires_capture","amount":100,"currency":"usd",
			"metadata":{"order_id":` + strconv.Quote(tt.orderID) + `,"till_id":"till\u001b[2J","till_reader":"tmr_\u0007"}}`
		in, err := serveRaw(t, body).ReadIntent(context.Background(), "pi_1")
		if err != nil {
			t.Fatal(err)
		}
		if in.OrderID != tt.wantOrder || in.TillID != "" || in.ReaderID != "" {
			t.Errorf("order_id %q read as order %q, till %q, reader %q", tt.orderID, in.OrderID, in.TillID, in.ReaderID)
		}
	}
}
