package checkout

import (
	"errors"
	"reflect"
	"testing"
)

func TestCartReplaceAndInsert(t *testing.T) {
	a := Line{Description: "A", UnitPrice: 100, Quantity: 1}
	b := Line{Description: "B", UnitPrice: 200, Quantity: 2}
	c := Line{Description: "C", UnitPrice: 300, Quantity: 3}
	cart := Cart{Currency: "usd", Lines: []Line{a, b, c}}
	b5 := Line{Description: "B", UnitPrice: 200, Quantity: 5}
	cheaper := Line{Description: "C", UnitPrice: 250, Quantity: 3}
	huge := Line{Description: "B", UnitPrice: MaxAmount, Quantity: 1}
	tests := []struct {
		name    string
		do      func(Cart) (Cart, error)
		want    []Line
		wantErr bool
	}{
		{"edit a quantity in place", func(c Cart) (Cart, error) { return c.Replace(1, b5) }, []Line{a, b5, c}, false},
		{"edit a price in place", func(c Cart) (Cart, error) { return c.Replace(2, cheaper) }, []Line{a, b, cheaper}, false},
		{"edit the first line", func(c Cart) (Cart, error) { return c.Replace(0, b5) }, []Line{b5, b, c}, false},
		{"an edit is checked like a new line", func(c Cart) (Cart, error) { return c.Replace(1, Line{Description: "B", UnitPrice: 200}) }, nil, true},
		{"an edit may not push the total over the limit", func(c Cart) (Cart, error) { return c.Replace(1, huge) }, nil, true},
		{"an edit replaces, so the old line does not count", func(c Cart) (Cart, error) {
			return Cart{Currency: "usd", Lines: []Line{huge}}.Replace(0, huge)
		}, []Line{huge}, false},
		{"no such line", func(c Cart) (Cart, error) { return c.Replace(3, b5) }, nil, true},
		{"undo a removal in the middle", func(c Cart) (Cart, error) { return c.Remove(1).Insert(1, b) }, []Line{a, b, c}, false},
		{"undo a removal at the start", func(c Cart) (Cart, error) { return c.Remove(0).Insert(0, a) }, []Line{a, b, c}, false},
		{"undo a removal at the end", func(k Cart) (Cart, error) { return k.Remove(2).Insert(2, c) }, []Line{a, b, c}, false},
		{"a position past the end adds last", func(c Cart) (Cart, error) { return c.Remove(0).Insert(9, a) }, []Line{b, c, a}, false},
		{"an insert is checked like a new line", func(c Cart) (Cart, error) { return c.Insert(0, Line{UnitPrice: 1, Quantity: 1}) }, nil, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := append([]Line(nil), cart.Lines...)
			got, err := tc.do(cart)
			if tc.wantErr {
				if !errors.Is(err, ErrBadLine) {
					t.Fatalf("err %v, want a bad line", err)
				}
				return
			}
			if err != nil || !reflect.DeepEqual(got.Lines, tc.want) {
				t.Fatalf("lines %+v, %v; want %+v", got.Lines, err, tc.want)
			}
			if !reflect.DeepEqual(cart.Lines, before) {
				t.Errorf("the original cart changed: %+v", cart.Lines)
			}
		})
	}
}
