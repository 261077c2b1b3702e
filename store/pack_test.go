package store

import (
	"bytes"
	"encoding/json"
	"testing"
)

func TestPackRoundTripsAndHalves(t *testing.T) {
	data, _ := json.Marshal(sampleSession("ord_20261130T090002_00000002"))
	packed := pack(data)
	if packed[0] != packMagic || len(packed) > len(data)/2 {
		t.Fatalf("a session of %d bytes packed to %d", len(data), len(packed))
	}
	back, err := unpack(packed)
	if err != nil || !bytes.Equal(back, data) {
		t.Fatalf("unpack: %v, %q", err, back)
	}
	// Small records, and records from before packing, are kept as they are.
	for _, raw := range [][]byte{[]byte(`{"order_id":"o"}`), encodeSummary(sampleSession("o").Summary()), nil} {
		if got, err := unpack(pack(raw)); err != nil || !bytes.Equal(got, raw) {
			t.Errorf("%q: %q, %v", raw, got, err)
		}
	}
	for _, bad := range [][]byte{{packMagic}, {packMagic, 9, 1, 2}, {packMagic, packVersion, 0xff, 0xff}} {
		if _, err := unpack(bad); err == nil {
			t.Errorf("%v unpacked", bad)
		}
	}
}
