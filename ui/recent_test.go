package ui

import (
	"fmt"
	"testing"
)

func TestRecent(t *testing.T) {
	var r recent
	r = r.with("pi_1").with("").with("pi_2").with("pi_1")
	if !r.has("pi_1") || !r.has("pi_2") || r.has("") || r.has("pi_3") || len(r) != 2 {
		t.Fatalf("recent = %v", r)
	}
	before := r
	after := r.with("pi_3")
	if before.has("pi_3") || !after.has("pi_3") {
		t.Fatal("with changed the list it was called on")
	}
	for i := 0; i < recentLimit+10; i++ {
		after = after.with(fmt.Sprintf("pi_x%d", i))
	}
	if len(after) != recentLimit || after.has("pi_1") || !after.has(fmt.Sprintf("pi_x%d", recentLimit+9)) {
		t.Fatalf("the limit is not kept: %d ids", len(after))
	}
}
