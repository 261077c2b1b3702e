package common

import (
	"testing"

	"github.com/till-pos/till/checkout"
)

func TestReaderName(t *testing.T) {
	rs := []checkout.Reader{{ID: "tmr_1", Label: "Front counter"}, {ID: "tmr_2"}, {ID: ""}}
	for id, want := range map[string]string{"tmr_1": "Front counter", "tmr_2": "tmr_2", "tmr_9": "tmr_9", "": ""} {
		if got := ReaderName(rs, id); got != want {
			t.Errorf("ReaderName(%q) = %q, want %q", id, got, want)
		}
	}
	if _, ok := FindReader(rs, ""); ok {
		t.Error("an empty id found a reader")
	}
	if r, ok := FindReader(rs, "tmr_2"); !ok || r.ID != "tmr_2" {
		t.Errorf("FindReader(tmr_2) = %v, %v", r, ok)
	}
}
