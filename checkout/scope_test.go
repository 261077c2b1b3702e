package checkout

import "testing"

func TestScope(t *testing.T) {
	readers := []Reader{{ID: "r_front", Location: "shop_a"}, {ID: "r_back", Location: "shop_a"}, {ID: "r_far", Location: "shop_b"}}
	tests := []struct {
		name  string
		scope Scope
		in    Intent
		want  bool
	}{
		{"made by this till", NewScope("till-1", []string{"r_front"}, readers), Intent{TillID: "till-1", ReaderID: "r_far"}, true},
		{"another till at this location", NewScope("till-1", []string{"r_front"}, readers), Intent{TillID: "till-2", ReaderID: "r_back"}, true},
		{"another shop", NewScope("till-1", []string{"r_front"}, readers), Intent{TillID: "till-9", ReaderID: "r_far"}, false},
		{"no reader in the metadata", NewScope("till-1", []string{"r_front"}, readers), Intent{}, false},
		{"own reader unknown: everything", NewScope("till-1", []string{"r_gone"}, readers), Intent{TillID: "till-9", ReaderID: "r_far"}, true},
		{"no readers known: everything", NewScope("till-1", nil, nil), Intent{ReaderID: "r_far"}, true},
		{"another till at the location of this till's order", NewScope("till-1", []string{"r_far"}, readers).WithReadersOf([]Summary{{ReaderID: "r_front"}}),
			Intent{TillID: "till-2", ReaderID: "r_back"}, true},
		{"an order's reader the account does not list", NewScope("till-1", []string{"r_far"}, readers).WithReadersOf([]Summary{{ReaderID: "r_gone"}}),
			Intent{TillID: "till-2", ReaderID: "r_back"}, false},
		{"orders with no reader", NewScope("till-1", []string{"r_far"}, readers).WithReadersOf([]Summary{{}}), Intent{TillID: "till-2", ReaderID: "r_back"}, false},
	}
	for _, tt := range tests {
		if got := tt.scope.Has(tt.in); got != tt.want {
			t.Errorf("%s: Has = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// Widening a scope by some orders' readers leaves the scope it came from as it was, so
// one till's base scope serves every list.
func TestScopeWithReadersOfLeavesTheScopeAsItWas(t *testing.T) {
	readers := []Reader{{ID: "r_front", Location: "shop_a"}, {ID: "r_far", Location: "shop_b"}}
	base := NewScope("till-1", []string{"r_far"}, readers)
	wide := base.WithReadersOf([]Summary{{ReaderID: "r_front"}})
	neighbour := Intent{TillID: "till-2", ReaderID: "r_front"}
	if !wide.Has(neighbour) || base.Has(neighbour) {
		t.Fatalf("widened: %v, base: %v; want true, false", wide.Has(neighbour), base.Has(neighbour))
	}
}
