package checkout

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

var cafeItems = []Item{
	{SKU: "LATTE", Name: "Latte", Price: 450, TaxClass: "prepared"},
	{SKU: "FLAT-WHITE", Name: "Flat white", Price: 425, TaxClass: "prepared"},
	{SKU: "CROISSANT", Name: "Croissant", Price: 325, TaxClass: "prepared", Barcode: "2000000000015"},
	{SKU: "CAFE-AU-LAIT", Name: "Café au lait", Price: 375, TaxClass: "prepared"},
	{SKU: "BEANS", Name: "House beans 250g", Price: 1299, TaxClass: "grocery", Barcode: "0012345678905"},
	{SKU: "WATER", Name: "Still water", Price: 175},
}

func cafe(t testing.TB) Catalogue {
	t.Helper()
	c, err := NewCatalogue("USD", Pricing{}, TaxClasses{"prepared": 82500, "grocery": 10000}, cafeItems, []string{"latte", "CROISSANT"})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func skus(items []Item) string {
	var s []string
	for _, it := range items {
		s = append(s, it.SKU)
	}
	return strings.Join(s, " ")
}

func TestFindFiltersAsYouType(t *testing.T) {
	c := cafe(t)
	for _, tc := range []struct{ query, want string }{
		{"", "LATTE FLAT-WHITE CROISSANT CAFE-AU-LAIT BEANS WATER"},
		{"l", "LATTE CAFE-AU-LAIT FLAT-WHITE WATER"}, // SKU prefix, a word starting with l, then inside
		{"la", "LATTE CAFE-AU-LAIT FLAT-WHITE"},      // "lait" is a word; "flat" only contains it
		{"latte", "LATTE"},                           // the SKU typed whole
		{"cafe", "CAFE-AU-LAIT"},                     // accents do not matter
		{"CAFÉ LAIT", "CAFE-AU-LAIT"},                // every word must match
		{"be", "BEANS"},                              //
		{"water still", "WATER"},                     //
		{"250", "BEANS"},                             // inside the name
		{"tea", ""},                                  // nothing
		{"  w  ", "WATER FLAT-WHITE"},                // SKU prefix, then a word
	} {
		if got := skus(c.Find(tc.query)); got != tc.want {
			t.Errorf("Find(%q) = %q, want %q", tc.query, got, tc.want)
		}
	}
}

func TestScanBarcodeOrSKU(t *testing.T) {
	c := cafe(t)
	for code, want := range map[string]string{"2000000000015": "CROISSANT", " 0012345678905\n": "BEANS", "latte": "LATTE", "999": ""} {
		it, ok := c.Scan(code)
		if it.SKU != want || ok != (want != "") {
			t.Errorf("Scan(%q) = %q %v, want %q", code, it.SKU, ok, want)
		}
	}
	if it, ok := c.Quick(2); !ok || it.SKU != "CROISSANT" {
		t.Errorf("quick key 2 = %+v", it)
	}
	if _, ok := c.Quick(3); ok {
		t.Error("quick key 3 has an item")
	}
	if got := skus(c.QuickKeys()); got != "LATTE CROISSANT" {
		t.Errorf("quick keys %q", got)
	}
	l := c.Line(cafeItems[4], 2)
	if l.TaxRate != 10000 || l.TaxClass != "grocery" || l.UnitPrice != 1299 || l.Quantity != 2 || l.SKU != "BEANS" || l.Description != "House beans 250g" {
		t.Errorf("line %+v", l)
	}
	if c.Currency() != "usd" || c.NewCart().Currency != "usd" {
		t.Error("the currency is not lower case")
	}
}

func TestNewCatalogueRefuses(t *testing.T) {
	classes := TaxClasses{"food": 82500}
	for _, tc := range []struct {
		items []Item
		quick []string
		want  string
	}{
		{[]Item{{SKU: "", Name: "x", Price: 1}}, nil, "item 1: the SKU must be 1 to 64"},
		{[]Item{{SKU: "A B", Name: "x", Price: 1}}, nil, "has ' '"},
		{[]Item{{SKU: "A:2", Name: "x", Price: 1}}, nil, "has ':'"},
		{[]Item{{SKU: "A", Name: " ", Price: 1}}, nil, "give it a name"},
		{[]Item{{SKU: "A", Name: "x", Price: 0}}, nil, "price must be above zero"},
		{[]Item{{SKU: "A", Name: "x", Price: MaxAmount + 1}}, nil, "at most"},
		{[]Item{{SKU: "A", Name: "x", Price: 1, TaxClass: "drink"}}, nil, `tax class "drink" is not one of the tax classes (food)`},
		{[]Item{{SKU: "A", Name: "x", Price: 1}, {SKU: "a", Name: "y", Price: 1}}, nil, "item 2 (a): the SKU is also item 1's"},
		{[]Item{{SKU: "A", Name: "x", Price: 1, Barcode: "1"}, {SKU: "B", Name: "y", Price: 1, Barcode: "1"}}, nil, "barcode 1 is also item 1's"},
		{[]Item{{SKU: "A", Name: "x", Price: 1, Barcode: "1 2"}}, nil, "spaces"},
		{[]Item{{SKU: "A", Name: "x", Price: 1}}, []string{"B"}, `quick key "B"`},
		{[]Item{{SKU: "A", Name: "x", Price: 1}}, strings.Split("A A A A A A A A A A", " "), "at most 9"},
	} {
		_, err := NewCatalogue("usd", Pricing{}, classes, tc.items, tc.quick)
		if err == nil || !errors.Is(err, ErrBadCatalogue) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: err %v, want %q", tc.items, err, tc.want)
		}
	}
	if _, err := NewCatalogue("usd", Pricing{}, TaxClasses{"x": RateScale + 1}, nil, nil); err == nil {
		t.Error("a rate above 100% was taken")
	}
}

func TestCartOfItemSpecs(t *testing.T) {
	c := cafe(t)
	cart, err := c.CartOf([]string{"LATTE:2", "croissant", "LATTE"})
	if err != nil {
		t.Fatal(err)
	}
	if len(cart.Lines) != 2 || cart.Lines[0].Quantity != 3 || cart.Lines[1].SKU != "CROISSANT" {
		t.Fatalf("%+v", cart.Lines)
	}
	for spec, want := range map[string]string{
		"TEA":          `no item has the SKU "TEA"`,
		"LATTE:0":      "from 1 to 9999",
		"LATTE:x":      "whole number",
		"LATTE:+2":     "whole number",
		"LATTE:10000":  "from 1 to 9999",
		":2":           "1 to 64",
		"LATTE:2:3":    "whole number",
		"LATTE:9999":   "", // allowed alone…
		"LATTE:5000 ∅": "whole number",
	} {
		_, err := c.CartOf([]string{spec})
		if want == "" {
			if err != nil {
				t.Errorf("%q: %v", spec, err)
			}
			continue
		}
		if err == nil || !errors.Is(err, ErrBadItemSpec) || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: err %v, want %q", spec, err, want)
		}
	}
	if _, err := c.CartOf([]string{"LATTE:9999", "LATTE"}); err == nil || !errors.Is(err, ErrBadLine) {
		t.Errorf("…but not one more: %v", err)
	}
}

func FuzzParseItemSpec(f *testing.F) {
	for _, s := range []string{"LATTE", "LATTE:2", ":", "a:0", "x:9999", "é:1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, spec string) {
		sku, qty, err := ParseItemSpec(spec)
		if err != nil {
			return
		}
		if checkSKU(sku) != nil || qty < 1 || qty > MaxQuantity {
			t.Fatalf("%q → %q %d", spec, sku, qty)
		}
		if back, q2, err := ParseItemSpec(fmt.Sprintf("%s:%d", sku, qty)); err != nil || back != sku || q2 != qty {
			t.Fatalf("%q does not read back: %q %d %v", spec, back, q2, err)
		}
	})
}

func BenchmarkFind(b *testing.B) {
	items := make([]Item, 5000)
	for i := range items {
		items[i] = Item{SKU: fmt.Sprintf("SKU-%05d", i), Name: fmt.Sprintf("Item number %d with a longer café name", i), Price: 100}
	}
	c, err := NewCatalogue("usd", Pricing{}, nil, items, nil)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		c.Find("cafe 12")
	}
}
