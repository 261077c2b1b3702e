package common

import (
	"fmt"
	"testing"
)

func TestRecent(t *testing.T) {
	var r Recent
	r = r.With("pi_1").With("").With("pi_2").With("pi_1")
	if !r.Has("pi_1") || !r.Has("pi_2") || r.Has("") || r.Has("pi_3") || len(r) != 2 {
		t.Fatalf("Recent = %v", r)
	}
	before := r
	after := r.With("pi_3")
	if before.Has("pi_3") || !after.Has("pi_3") {
		t.Fatal("with changed the list it was called on")
	}
	for i := 0; i < RecentLimit+10; i++ {
		after = after.With(fmt.Sprintf("pi_x%d", i))
	}
	if len(after) != RecentLimit || after.Has("pi_1") || !after.Has(fmt.Sprintf("pi_x%d", RecentLimit+9)) {
		t.Fatalf("the limit is not kept: %d ids", len(after))
	}
}
