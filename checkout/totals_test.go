package checkout

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func mustAdd(t *testing.T, c Cart, lines ...Line) Cart {
	t.Helper()
	for _, l := range lines {
		var err error
		if c, err = c.Add(l); err != nil {
			t.Fatalf("Add(%+v): %v", l, err)
		}
	}
	return c
}

// The US café's sale, worked by hand (exclusive tax, rounded per rate):
// croissant 325 less 10% (32.5 → 33) = 292; left 900+292+1299 = 2491; $1.00 off the
// order shared 36/11.7/52.1 → 36, 12, 52; nets 864, 280, 1247; prepared 8.25% of
// 1144 = 94.38 → 94, shared 71/23; grocery 1% of 1247 = 12.47 → 12.
func TestTotalsExclusive(t *testing.T) {
	c := mustAdd(t, Cart{Currency: "usd"},
		Line{Description: "Latte", UnitPrice: 450, Quantity: 2, SKU: "LATTE", TaxClass: "prepared", TaxRate: 82500},
		Line{Description: "Croissant", UnitPrice: 325, Quantity: 1, SKU: "CROISSANT", TaxClass: "prepared", TaxRate: 82500},
		Line{Description: "Beans 250g", UnitPrice: 1299, Quantity: 1, SKU: "BEANS", TaxClass: "grocery", TaxRate: 10000})
	c, err := c.SetLineDiscount(1, &Discount{Percent: 100000})
	if err != nil {
		t.Fatal(err)
	}
	if c, err = c.SetDiscount(&Discount{Amount: 100}); err != nil {
		t.Fatal(err)
	}
	got := c.Totals()
	want := CartTotals{Currency: "usd", Subtotal: 2524, Discount: 133, Tax: 106, Total: 2497,
		Lines: []LineTotals{
			{Gross: 900, OrderDiscount: 36, Net: 864, Tax: 71, Total: 935},
			{Gross: 325, LineDiscount: 33, OrderDiscount: 12, Net: 280, Tax: 23, Total: 303},
			{Gross: 1299, OrderDiscount: 52, Net: 1247, Tax: 12, Total: 1259},
		},
		Taxes: []TaxLine{{Class: "grocery", Rate: 10000, Base: 1247, Tax: 12}, {Class: "prepared", Rate: 82500, Base: 1144, Tax: 94}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("totals\n got %+v\nwant %+v", got, want)
	}
	if c.Total() != (Money{2497, "usd"}) {
		t.Fatalf("Total() = %v", c.Total())
	}
}

// The EU café (inclusive VAT, rounded per rate): 10% off 1250 is 125, shared 36/44/45
// exactly; standard 20% inside 729 = 121.5 → 122, shared 54/68; reduced 10% inside
// 396 = 36.
func TestTotalsInclusive(t *testing.T) {
	c := mustAdd(t, Cart{Currency: "eur", Pricing: Pricing{Mode: TaxInclusive}},
		Line{Description: "Cappuccino", UnitPrice: 360, Quantity: 1, TaxClass: "standard", TaxRate: 200000},
		Line{Description: "Croissant", UnitPrice: 220, Quantity: 2, TaxClass: "reduced", TaxRate: 100000},
		Line{Description: "Orange juice", UnitPrice: 450, Quantity: 1, TaxClass: "standard", TaxRate: 200000})
	c, err := c.SetDiscount(&Discount{Percent: 100000})
	if err != nil {
		t.Fatal(err)
	}
	got := c.Totals()
	want := CartTotals{Currency: "eur", Inclusive: true, Subtotal: 1250, Discount: 125, Tax: 158, Total: 1125,
		Lines: []LineTotals{
			{Gross: 360, OrderDiscount: 36, Net: 324, Tax: 54, Total: 324},
			{Gross: 440, OrderDiscount: 44, Net: 396, Tax: 36, Total: 396},
			{Gross: 450, OrderDiscount: 45, Net: 405, Tax: 68, Total: 405},
		},
		Taxes: []TaxLine{{Class: "reduced", Rate: 100000, Base: 360, Tax: 36}, {Class: "standard", Rate: 200000, Base: 607, Tax: 122}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("totals\n got %+v\nwant %+v", got, want)
	}
}

// Three 10¢ lines at 8.25%: 0.825 each rounds to 1 per line (3), while the exact sum
// 2.475 rounds to 2 on the total. Inclusive: 105 at 5% holds exactly 5.
func TestRoundingPerLineOrOnTotal(t *testing.T) {
	dime := Line{Description: "Mint", UnitPrice: 10, Quantity: 1, TaxClass: "prepared", TaxRate: 82500}
	for _, tc := range []struct {
		pricing  Pricing
		tax, sum int64
	}{
		{Pricing{Rounding: RoundLine}, 3, 33},
		{Pricing{Rounding: RoundTotal}, 2, 32},
		{Pricing{Mode: TaxInclusive, Rounding: RoundLine}, 3, 30},  // 10×0.0825/1.0825 = 0.762 → 1 each
		{Pricing{Mode: TaxInclusive, Rounding: RoundTotal}, 2, 30}, // 30/1.0825×0.0825 = 2.286 → 2
	} {
		c := mustAdd(t, Cart{Currency: "usd", Pricing: tc.pricing}, dime, dime, dime)
		got := c.Totals()
		if got.Tax != tc.tax || got.Total != tc.sum {
			t.Errorf("%+v: tax %d total %d, want %d %d", tc.pricing, got.Tax, got.Total, tc.tax, tc.sum)
		}
	}
	c := mustAdd(t, Cart{Currency: "eur", Pricing: Pricing{Mode: TaxInclusive}}, Line{Description: "x", UnitPrice: 105, Quantity: 1, TaxClass: "r", TaxRate: 50000})
	if got := c.Totals(); got.Tax != 5 || got.Taxes[0].Base != 100 {
		t.Errorf("105 incl. 5%%: %+v", got)
	}
}

// A zero-decimal currency works in whole yen: 8% reduced and 10% standard, inclusive.
func TestTotalsJPY(t *testing.T) {
	c := mustAdd(t, Cart{Currency: "jpy", Pricing: Pricing{Mode: TaxInclusive}},
		Line{Description: "Onigiri", UnitPrice: 180, Quantity: 3, TaxClass: "reduced", TaxRate: 80000},
		Line{Description: "Matcha latte", UnitPrice: 550, Quantity: 1, TaxClass: "standard", TaxRate: 100000})
	got := c.Totals()
	// 540×8/108 = 40 exactly; 550×10/110 = 50 exactly.
	if got.Tax != 90 || got.Total != 1090 || got.Subtotal != 1090 {
		t.Fatalf("%+v", got)
	}
}

// Free lines from before catalogues (no class, no rate) total what they add to, as
// the cart always did.
func TestTotalsFreeLinesUntaxed(t *testing.T) {
	c := mustAdd(t, Cart{Currency: "usd"}, Line{Description: "a", UnitPrice: 250, Quantity: 3}, Line{Description: "b", UnitPrice: 1, Quantity: 1})
	got := c.Totals()
	if got.Total != 751 || got.Tax != 0 || len(got.Taxes) != 0 || got.Subtotal != 751 {
		t.Fatalf("%+v", got)
	}
}

func TestDiscountsRefused(t *testing.T) {
	c := mustAdd(t, Cart{Currency: "usd"}, Line{Description: "a", UnitPrice: 500, Quantity: 1})
	for _, tc := range []struct {
		d    Discount
		line bool
		want string
	}{
		{Discount{Amount: 501}, true, "more than the line"},
		{Discount{Amount: 501}, false, "more than the order"},
		{Discount{}, false, "zero"},
		{Discount{Amount: 1, Percent: 1}, false, "not both"},
		{Discount{Percent: RateScale + 1}, true, "more than 100%"},
		{Discount{Amount: -1}, false, "negative"},
	} {
		var err error
		if tc.line {
			_, err = c.SetLineDiscount(0, &tc.d)
		} else {
			_, err = c.SetDiscount(&tc.d)
		}
		if err == nil || !errors.Is(err, ErrBadDiscount) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v line=%v: err %v, want %q", tc.d, tc.line, err, tc.want)
		}
	}
	if _, err := c.SetLineDiscount(3, &Discount{Amount: 1}); err == nil {
		t.Error("a discount on a line that does not exist was taken")
	}
	full, err := c.SetDiscount(&Discount{Percent: RateScale})
	if err != nil || full.Totals().Total != 0 {
		t.Errorf("100%% off: %v, %+v", err, full.Totals())
	}
	off, _ := c.SetDiscount(&Discount{Amount: 400})
	if got := off.Remove(0).Totals(); got.Total != 0 || got.Discount != 0 {
		t.Errorf("order discount on an empty cart: %+v", got)
	}
	small := mustAdd(t, off, Line{Description: "b", UnitPrice: 100, Quantity: 1}).Remove(0)
	if got := small.Totals(); got.Total != 0 || got.Lines[0].Net != 0 {
		t.Errorf("a fixed discount larger than what is left after a removal: %+v", got)
	}
	if again, _ := off.SetDiscount(nil); again.Totals().Total != 500 || off.Totals().Total != 100 {
		t.Error("taking the discount off changed the cart it came from, or did not take it off")
	}
}

func TestAddItemMergesASecondScan(t *testing.T) {
	latte := Line{Description: "Latte", UnitPrice: 450, Quantity: 1, SKU: "LATTE", TaxClass: "prepared", TaxRate: 82500}
	c, i, err := Cart{Currency: "usd"}.AddItem(latte)
	if err != nil || i != 0 {
		t.Fatal(i, err)
	}
	c2, i, err := c.AddItem(latte)
	if err != nil || i != 0 || len(c2.Lines) != 1 || c2.Lines[0].Quantity != 2 || c.Lines[0].Quantity != 1 {
		t.Fatalf("second scan: %d %v %+v (first cart %+v)", i, err, c2.Lines, c.Lines)
	}
	discounted, _ := c2.SetLineDiscount(0, &Discount{Amount: 50})
	c3, i, err := discounted.AddItem(latte)
	if err != nil || i != 1 || len(c3.Lines) != 2 {
		t.Fatalf("a discounted line took more: %d %v %+v", i, err, c3.Lines)
	}
	if _, _, err := c2.AddItem(Line{Description: "Latte", UnitPrice: 450, Quantity: MaxQuantity, SKU: "LATTE", TaxClass: "prepared", TaxRate: 82500}); err == nil {
		t.Error("a line above the largest quantity was taken")
	}
}

// Exclusive tax counts against the largest amount too.
func TestAddRefusesATotalAboveTheLargestWithTax(t *testing.T) {
	_, err := Cart{Currency: "usd"}.Add(Line{Description: "x", UnitPrice: MaxAmount, Quantity: 1, TaxClass: "t", TaxRate: 100000})
	if err == nil || !errors.Is(err, ErrBadLine) {
		t.Fatalf("err = %v", err)
	}
}

// Whatever the cart, the parts add up: lines to the cart, subtotal − discount (+ tax)
// to the total, and the per-rate taxes to the tax.
func FuzzTotalsAddUp(f *testing.F) {
	f.Add(int64(450), int64(2), int64(82500), int64(325), int64(100000), int64(100), false, true)
	f.Add(int64(10), int64(3), int64(82500), int64(10), int64(0), int64(0), true, false)
	f.Fuzz(func(t *testing.T, p1, q1, r1, p2, pct, off int64, inclusive, perLine bool) {
		pricing := Pricing{}
		if inclusive {
			pricing.Mode = TaxInclusive
		}
		if perLine {
			pricing.Rounding = RoundLine
		}
		c := Cart{Currency: "usd", Pricing: pricing}
		c, err := c.Add(Line{Description: "a", UnitPrice: p1, Quantity: q1, TaxClass: "a", TaxRate: Rate(r1)})
		if err != nil {
			return
		}
		if c2, err := c.Add(Line{Description: "b", UnitPrice: p2, Quantity: 1, TaxClass: "b", TaxRate: 200000}); err == nil {
			c = c2
		}
		if c2, err := c.SetLineDiscount(0, &Discount{Percent: Rate(pct)}); err == nil {
			c = c2
		}
		if c2, err := c.SetDiscount(&Discount{Amount: off}); err == nil {
			c = c2
		}
		got := c.Totals()
		var lineTax, lineTotal, rateTax, discount int64
		for _, l := range got.Lines {
			if l.Net < 0 || l.Tax < 0 || l.Net != l.Gross-l.LineDiscount-l.OrderDiscount {
				t.Fatalf("line %+v in %+v", l, got)
			}
			lineTax, lineTotal, discount = lineTax+l.Tax, lineTotal+l.Total, discount+l.LineDiscount+l.OrderDiscount
		}
		for _, tl := range got.Taxes {
			rateTax += tl.Tax
		}
		want := got.Subtotal - got.Discount
		if !inclusive {
			want += got.Tax
		}
		if lineTax != got.Tax || rateTax != got.Tax || lineTotal != got.Total || discount != got.Discount || want != got.Total || got.Total > MaxAmount {
			t.Fatalf("parts do not add up: %+v", got)
		}
		// The reader adds nothing up itself: its lines (and tax on top) are the total.
		d, _ := DisplayOf(c)
		shown := int64(0)
		for _, l := range d.Lines {
			shown += l.Amount
		}
		if !inclusive {
			shown += d.Tax
		}
		if shown != d.Total || d.Total != got.Total || d.Tax != got.Tax {
			t.Fatalf("the display %+v does not add up to %+v", d, got)
		}
	})
}

func FuzzParseDiscount(f *testing.F) {
	for _, s := range []string{"10%", "1.50", "0%", "100%", "-1", "1.5%", "¥3"} {
		f.Add(s, "usd")
	}
	f.Add("300", "jpy")
	f.Fuzz(func(t *testing.T, s, cur string) {
		d, err := ParseDiscount(s, cur)
		if err != nil {
			if !errors.Is(err, ErrBadDiscount) {
				t.Fatalf("%q: %v does not say it is a bad discount", s, err)
			}
			return
		}
		if d.valid() != nil {
			t.Fatalf("%q → invalid %+v", s, d)
		}
	})
}

// A long order, worked out on every change the cashier makes.
func BenchmarkTotals(b *testing.B) {
	c := Cart{Currency: "usd"}
	for i := range 200 {
		c, _ = c.Add(Line{Description: "item", UnitPrice: int64(100 + i), Quantity: int64(1 + i%3), TaxClass: []string{"a", "b"}[i%2], TaxRate: Rate(50000 + 10000*(i%2))})
	}
	c, _ = c.SetDiscount(&Discount{Percent: 100000})
	b.ReportAllocs()
	for b.Loop() {
		c.Totals()
	}
}
