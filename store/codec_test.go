package store

import (
	"reflect"
	"testing"
	"time"

	"github.com/till-pos/till/checkout"
)

func TestCodecRoundTrips(t *testing.T) {
	sum := sampleSession("ord_1").Summary()
	sum.Tip = 250
	sum.Cash = &checkout.Cash{Due: checkout.Money{Amount: 1225, Currency: "usd"}, Given: checkout.Money{Amount: 2000, Currency: "usd"},
		Change: checkout.Money{Amount: 775, Currency: "usd"}}
	got, err := decodeSummary(encodeSummary(sum))
	if err != nil || !reflect.DeepEqual(got, sum) {
		t.Fatalf("summary: %+v, %v\nwant %+v", got, err, sum)
	}
	if got, err := decodeSummary(encodeSummary(checkout.Summary{})); err != nil || !reflect.DeepEqual(got, checkout.Summary{}) {
		t.Fatalf("zero summary: %+v, %v", got, err)
	}
	lines := []Entry{
		{OrderID: "o", Seq: 1 << 40, At: time.Date(1969, 1, 1, 0, 0, 0, 1, time.UTC), Stage: StageCall, Method: "GET", Path: "/v1/x",
			RequestID: "req", HTTPStatus: 429, Duration: -time.Second, Outcome: "HTTP 429", Repeats: 3, Until: t0},
		{OrderID: "o", Seq: 2, At: t0, Stage: StageBefore, Step: "capture", IdempotencyKey: "k", PaymentIntentID: "pi", Phase: "capturing",
			Cart: &checkout.Cart{Currency: "usd", Lines: []checkout.Line{{Description: "Tea", UnitPrice: 300, Quantity: 1}}}},
		{OrderID: "o", Seq: 3, Stage: StageNote},
	}
	back, err := decodeJournal(encodeJournal(lines), "o")
	if err != nil || !reflect.DeepEqual(back, lines) {
		t.Fatalf("journal: %+v, %v\nwant %+v", back, err, lines)
	}
}

// A newer till may add fields: an older one skips what it does not know.
func TestCodecSkipsUnknownFields(t *testing.T) {
	var f fields
	f.int(99, 7)
	f.str(98, "later")
	rec := append(f.b, encodeSummary(checkout.Summary{OrderID: "ord_1"})...)
	if got, err := decodeSummary(rec); err != nil || got.OrderID != "ord_1" {
		t.Fatalf("with unknown fields: %+v, %v", got, err)
	}
}

// The decoders read bytes from disk: whatever they hold, they return an error or a
// record, never a panic; and what they return encodes back to something they read the same.
func FuzzDecodeRecords(f *testing.F) {
	f.Add(encodeSummary(sampleSession("ord_1").Summary()))
	f.Add(encodeJournal([]Entry{{Seq: 1, At: t0, Stage: StageCall, Method: "GET", Repeats: 2, Until: t0}}))
	f.Add(encodeArchived(archived{session: []byte(`{"order_id":"o"}`), entries: []Entry{{Seq: 1, Stage: StageAfter}}}))
	f.Add([]byte{0x03, 0xff, 0xff, 0xff, 0xff, 0x0f})
	f.Add([]byte{0x80})
	f.Add(pack(encodeJournal([]Entry{{Seq: 1, At: t0, Stage: StageBefore, Step: "create", IdempotencyKey: "till_ord_1_create"},
		{Seq: 2, At: t0, Stage: StageCall, Method: "POST", Path: "/v1/payment_intents", RequestID: "req_1", HTTPStatus: 200}})))
	f.Fuzz(func(t *testing.T, rec []byte) {
		if s, err := decodeSummary(rec); err == nil {
			if again, err := decodeSummary(encodeSummary(s)); err != nil || !reflect.DeepEqual(again, s) {
				t.Fatalf("summary %+v does not round-trip: %+v, %v", s, again, err)
			}
		}
		if lines, err := decodeJournal(rec, "o"); err == nil {
			if again, err := decodeJournal(encodeJournal(lines), "o"); err != nil || !reflect.DeepEqual(again, lines) {
				t.Fatalf("journal %+v does not round-trip: %+v, %v", lines, again, err)
			}
		}
		_, _ = decodeArchived(rec, "o")
	})
}
