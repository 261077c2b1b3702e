package checkout

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

// cafeCart is config.example.yaml's sale: 2 lattes and a croissant (8.25%), beans (1%),
// 10% off the order, tax on top rounded per class. Worked by hand: gross 900+325+1299;
// the discount shared 90/32/130; prepared tax 8.25% of 810+293 = 90.9975 → 91, shared
// 67/24; grocery 1% of 1169 = 11.69 → 12. Lines cost 877, 317 and 1181: 2375 in all.
func cafeCart(t *testing.T) Cart {
	t.Helper()
	prepared, _ := ParseRate("8.25%")
	grocery, _ := ParseRate("1%")
	c := Cart{Currency: "usd"}
	var err error
	for _, l := range []Line{
		{Description: "Latte", UnitPrice: 450, Quantity: 2, SKU: "LATTE", TaxClass: "prepared", TaxRate: prepared},
		{Description: "Croissant", UnitPrice: 325, Quantity: 1, SKU: "CROISSANT", TaxClass: "prepared", TaxRate: prepared},
		{Description: "Beans", UnitPrice: 1299, Quantity: 1, SKU: "BEANS", TaxClass: "grocery", TaxRate: grocery},
	} {
		if c, err = c.Add(l); err != nil {
			t.Fatal(err)
		}
	}
	if c, err = c.SetDiscount(&Discount{Percent: 100000}); err != nil {
		t.Fatal(err)
	}
	if c.Total() != usd(2375) {
		t.Fatalf("the café's cart comes to %v", c.Total())
	}
	return c
}

func TestLinesAmountIncludesTheirTaxAndDiscounts(t *testing.T) {
	cart := cafeCart(t)
	tests := []struct {
		specs   []string
		already []RefundLine
		want    int64
		lines   []RefundLine
	}{
		{[]string{"LATTE:2", "BEANS"}, nil, 877 + 1181, []RefundLine{{0, "LATTE", 2}, {2, "BEANS", 1}}},
		{[]string{"CROISSANT"}, nil, 317, []RefundLine{{1, "CROISSANT", 1}}},
		// One latte, then the other: half up, then the rest, 877 in all.
		{[]string{"LATTE"}, nil, 439, []RefundLine{{0, "LATTE", 1}}},
		{[]string{"LATTE"}, []RefundLine{{0, "LATTE", 1}}, 438, []RefundLine{{0, "LATTE", 1}}},
	}
	for _, tt := range tests {
		lines, err := LinesToRefund(cart, tt.specs, tt.already)
		if err != nil || !reflect.DeepEqual(lines, tt.lines) {
			t.Fatalf("%q: lines %+v, %v", tt.specs, lines, err)
		}
		got, err := LinesAmount(cart, lines, tt.already)
		if err != nil || got != usd(tt.want) {
			t.Errorf("%q after %v: %v, %v; want %d", tt.specs, tt.already, got, err, tt.want)
		}
	}
}

// Giving back every unit, however split, gives back exactly the cart's total.
func TestLinesAmountAddsUpToTheCart(t *testing.T) {
	cart := cafeCart(t)
	for _, steps := range [][]string{
		{"LATTE", "BEANS", "LATTE", "CROISSANT"},
		{"CROISSANT", "LATTE:2", "BEANS"},
		{"LATTE:2", "CROISSANT", "BEANS"},
	} {
		var already []RefundLine
		var sum int64
		for _, spec := range steps {
			lines, err := LinesToRefund(cart, []string{spec}, already)
			if err != nil {
				t.Fatal(err)
			}
			m, err := LinesAmount(cart, lines, already)
			if err != nil {
				t.Fatal(err)
			}
			sum += m.Amount
			already = append(already, lines...)
		}
		if sum != cart.Total().Amount {
			t.Errorf("%q gave back %d of %d", steps, sum, cart.Total().Amount)
		}
	}
}

func TestLinesToRefundRefusals(t *testing.T) {
	cart := cafeCart(t)
	tests := []struct {
		specs   []string
		already []RefundLine
		want    string
	}{
		{[]string{"MUFFIN"}, nil, "the order sold no MUFFIN"},
		{[]string{"LATTE:3"}, nil, "2 of LATTE were sold and 2 are left to refund, not 3"},
		{[]string{"LATTE"}, []RefundLine{{0, "LATTE", 2}}, "0 are left to refund, not 1"},
		{[]string{"LATTE", "LATTE:2"}, nil, "1 are left to refund, not 2"},
		{[]string{"LATTE:x"}, nil, "quantity after ':'"},
	}
	for _, tt := range tests {
		if _, err := LinesToRefund(cart, tt.specs, tt.already); !errors.Is(err, ErrBadRefundLines) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: %v, want %q", tt.specs, err, tt.want)
		}
	}
	if _, err := LinesAmount(cart, []RefundLine{{Line: 7, Quantity: 1}}, nil); !errors.Is(err, ErrBadRefundLines) {
		t.Errorf("a line the cart does not have: %v", err)
	}
	refunds := []Refund{
		{Phase: RefundSucceeded, Lines: []RefundLine{{0, "LATTE", 1}}},
		{Phase: RefundUnknown, Lines: []RefundLine{{2, "BEANS", 1}}},
		{Phase: RefundFailed, Lines: []RefundLine{{1, "CROISSANT", 1}}},
		{Phase: RefundCanceled, Lines: []RefundLine{{0, "LATTE", 1}}},
	}
	if got := RefundedLines(refunds); !reflect.DeepEqual(got, []RefundLine{{0, "LATTE", 1}, {2, "BEANS", 1}}) {
		t.Errorf("RefundedLines = %+v", got)
	}
}
