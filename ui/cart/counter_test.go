package cart

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/common"
	"github.com/till-pos/till/ui/internal/fake"
)

// Issue 9: the cart sells the catalogue — found by typing, scanned, on quick keys —
// with discounts, and shows the subtotal, discounts, tax per rate and total.

func cafeCart() Model { return newCartWith(fake.Cafe(), fake.NewStore(&fake.Recorder{})) }

// skus lists the cart's lines as SKU×quantity.
func skus(c checkout.Cart) string {
	var out []string
	for _, l := range c.Lines {
		out = append(out, l.SKU+"×"+string(rune('0'+l.Quantity)))
	}
	return strings.Join(out, " ")
}

// burst is what the terminal hands over when a scanner types a whole code at once.
func burst(code string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(code)} }

func TestFindFiltersAsYouTypeAndEnterAdds(t *testing.T) {
	m, _ := press(cafeCart(), "/")
	if m.mode != modeFind || len(m.find.hits) != len(fake.Cafe().Items()) {
		t.Fatalf("/ opens the field listing every item: mode %d, %d hits", m.mode, len(m.find.hits))
	}
	m = typeText(m, "la")
	if got := names(m.find.hits); got != "Latte, Flat white" {
		t.Errorf("\"la\" finds %s, want the latte first, then the flat white", got)
	}
	m = typeText(m, "t")
	if got := names(m.find.hits); got != "Latte, Flat white" {
		t.Errorf("\"lat\" finds %s", got)
	}
	m, _ = press(m, "down", "enter")
	if m.mode != modeCart || skus(m.cart) != "FLAT-WHITE×1" || m.cursor != 0 {
		t.Errorf("enter on the second hit: mode %d, cart %s", m.mode, skus(m.cart))
	}
	m, _ = press(m, "/")
	m = typeText(m, "muffin")
	m, _ = press(m, "enter")
	if skus(m.cart) != "FLAT-WHITE×1 MUFFIN×1" || m.cursor != 1 {
		t.Errorf("by name: %s, cursor %d", skus(m.cart), m.cursor)
	}
	// esc closes the field and adds nothing.
	m, _ = press(m, "/")
	m = typeText(m, "tea")
	m, _ = press(m, "esc")
	if m.mode != modeCart || len(m.cart.Lines) != 2 {
		t.Errorf("esc: mode %d, %d lines", m.mode, len(m.cart.Lines))
	}
}

func names(items []checkout.Item) string {
	var out []string
	for _, it := range items {
		out = append(out, it.Name)
	}
	return strings.Join(out, ", ")
}

// A scanner types the code and enter: the first digit opens the field, the item is
// added on enter, with no key before it. Scanned twice, its line counts two.
func TestScannedBarcodeIsAdded(t *testing.T) {
	m := typeText(cafeCart(), "0012345678905")
	if m.mode != modeFind || m.find.input.Value() != "0012345678905" {
		t.Fatalf("the digits went to %d, field %q", m.mode, m.find.input.Value())
	}
	m, _ = press(m, "enter")
	if skus(m.cart) != "BEANS×1" || m.mode != modeCart {
		t.Fatalf("after the scan: %s, mode %d", skus(m.cart), m.mode)
	}
	// A terminal often hands a scanner's code over in one piece.
	m, _ = m.Update(burst("2000000000015"))
	m, _ = press(m, "enter")
	m, _ = m.Update(burst("0012345678905"))
	m, _ = press(m, "enter")
	if skus(m.cart) != "BEANS×2 CROISSANT×1" || m.cursor != 0 {
		t.Errorf("after three scans: %s, cursor %d (on the line scanned last)", skus(m.cart), m.cursor)
	}
	// The SKU typed whole adds it too.
	m, _ = press(m, "/")
	m = typeText(m, "water")
	m, _ = press(m, "enter")
	if skus(m.cart) != "BEANS×2 CROISSANT×1 WATER×1" {
		t.Errorf("by SKU: %s", skus(m.cart))
	}
}

func TestQuickKeyIsItsNumberThenEnter(t *testing.T) {
	m, _ := press(cafeCart(), "2")
	if v := view(m); !strings.Contains(v, "enter adds Latte (quick key 2)") {
		t.Errorf("the field does not say what enter adds:\n%s", v)
	}
	m, _ = press(m, "enter", "4", "enter", "2", "enter")
	if skus(m.cart) != "LATTE×2 CROISSANT×1" {
		t.Errorf("after 2, 4, 2: %s", skus(m.cart))
	}
	// A number with no quick key, and a code nobody has: said, kept, nothing added. The
	// lone digit was a quick key pressed, so the message names the keys there are.
	for code, want := range map[string]string{
		"9":             "There is no quick key 9: they are 1 to 5.",
		"4006381333931": `No item has the barcode or SKU "4006381333931"`,
	} {
		m2 := typeText(m, code)
		m2, _ = press(m2, "enter")
		if m2.mode != modeFind || m2.find.input.Value() != code || len(m2.cart.Lines) != 2 {
			t.Errorf("%s: mode %d, field %q, %d lines", code, m2.mode, m2.find.input.Value(), len(m2.cart.Lines))
		}
		if v := view(m2); !strings.Contains(v, want) {
			t.Errorf("%s: the field does not say why:\n%s", code, v)
		}
	}
}

func TestQuantityKeys(t *testing.T) {
	m, _ := press(cafeCart(), "2", "enter", "+", "+", "=", "-")
	if skus(m.cart) != "LATTE×3" {
		t.Errorf("after + + = -: %s", skus(m.cart))
	}
	m, _ = press(m, "-", "-")
	_, msgs := press(m, "-")
	if skus(m.cart) != "LATTE×1" || len(msgs) != 1 || !strings.Contains(msgs[0].(common.FlashMsg).Text, "Press d to remove the line") {
		t.Errorf("- at 1: %s, said %v", skus(m.cart), msgs)
	}
}

func TestDiscounts(t *testing.T) {
	m, _ := press(cafeCart(), "2", "enter", "+", "4", "enter", "0", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "5", "enter")
	if skus(m.cart) != "LATTE×2 CROISSANT×1 BEANS×1" {
		t.Fatalf("cart %s", skus(m.cart))
	}
	// A line's: on the selected line.
	m, _ = press(m, "up", "%")
	if v := view(m); !strings.Contains(v, "Discount on line 2, Croissant") {
		t.Errorf("the form does not name the line:\n%s", v)
	}
	m = typeText(m, "10%")
	m, _ = press(m, "enter")
	if d := m.cart.Lines[1].Discount; d == nil || d.Percent.String() != "10%" {
		t.Fatalf("line 2's discount %+v", d)
	}
	// The order's.
	m, _ = press(m, "o")
	m = typeText(m, "1.00")
	m, _ = press(m, "enter")
	if d := m.cart.Discount; d == nil || d.Amount != 100 {
		t.Fatalf("the order's discount %+v", d)
	}
	want := m.cart.Totals()
	v := view(m)
	for _, s := range []string{"10% off -$0.33", "Order discount, $1.00 off -$1.00", "Subtotal $25.24", "Discounts -$1.33",
		"Tax (grocery) 1% $0.12", "Tax (prepared food) 8.25% $0.94", "Total " + m.cart.Total().String()} {
		if !strings.Contains(v, s) {
			t.Errorf("the cart does not show %q:\n%s", s, v)
		}
	}
	if want.Total != 2497 {
		t.Errorf("total %d, want 2497 (the receipt's example)", want.Total)
	}
	// Wrong input is said beside the field and kept; nothing changes.
	for _, bad := range []struct{ text, says string }{
		{"ten", `Discount: "ten" is not a number`},
		{"100.00", "is more than the order"},
		{"150%", "more than 100%"},
	} {
		m2, _ := press(m, "o", "backspace", "backspace", "backspace", "backspace")
		m2 = typeText(m2, bad.text)
		m2, _ = press(m2, "enter")
		if m2.mode != modeDiscount || m2.discount.input.Value() != bad.text || m2.cart.Discount.Amount != 100 {
			t.Errorf("%s: mode %d, field %q, discount %+v", bad.text, m2.mode, m2.discount.input.Value(), m2.cart.Discount)
		}
		if v := view(m2); !strings.Contains(v, bad.says) {
			t.Errorf("%s: the form does not say %q:\n%s", bad.text, bad.says, v)
		}
	}
	// Empty takes it off.
	m, _ = press(m, "o", "backspace", "backspace", "backspace", "backspace", "enter")
	if m.cart.Discount != nil {
		t.Errorf("an empty discount left %+v", m.cart.Discount)
	}
}

// A free line can be taxed in one of the shop's classes; an edit keeps what the form
// does not show (the SKU, the discount).
func TestFreeLineTaxAndEdit(t *testing.T) {
	m, _ := press(cafeCart(), "a")
	m = typeText(m, "Cake slice")
	m, _ = press(m, "tab")
	m = typeText(m, "4.00")
	m, _ = press(m, "tab", "tab")
	m = typeText(m, "bakery")
	m, _ = press(m, "enter")
	if v := view(m); !strings.Contains(v, `Tax class: "bakery" is not a tax class: grocery 1%, prepared food 8.25%.`) || m.form.focus != fieldTax {
		t.Fatalf("an unknown class is not said at its field:\n%s", v)
	}
	m, _ = press(m, "backspace", "backspace", "backspace", "backspace", "backspace", "backspace")
	if v := view(m); strings.Contains(v, "bakery") {
		t.Fatalf("the error about \"bakery\" stays once it is erased:\n%s", v)
	}
	m = typeText(m, "Prepared")
	m, _ = press(m, "enter")
	if l := m.cart.Lines; len(l) != 1 || l[0].TaxClass != "prepared food" || l[0].TaxRate.String() != "8.25%" {
		t.Fatalf("the free line: %+v", l)
	}
	m, _ = press(m, "2", "enter", "%")
	m = typeText(m, "0.50")
	m, _ = press(m, "enter", "e", "backspace")
	m = typeText(m, "3")
	m, _ = press(m, "enter")
	l := m.cart.Lines[1]
	if l.SKU != "LATTE" || l.Quantity != 3 || l.Discount == nil || l.Discount.Amount != 50 || l.TaxClass != "prepared food" {
		t.Errorf("the edited line lost what the form does not show: %+v", l)
	}
}

func TestInclusiveTaxIsShownAsIncluded(t *testing.T) {
	r, _ := checkout.ParseRate("20%")
	cat, err := checkout.NewCatalogue("eur", checkout.Pricing{Mode: checkout.TaxInclusive}, checkout.TaxClasses{"standard": r},
		[]checkout.Item{{SKU: "CAKE", Name: "Gâteau", Price: 600, TaxClass: "standard"}}, []string{"CAKE"})
	if err != nil {
		t.Fatal(err)
	}
	m, _ := press(newCartWith(cat, fake.NewStore(&fake.Recorder{})), "1", "enter")
	v := view(m)
	for _, s := range []string{"Subtotal €6.00", "Includes tax (standard) 20% €1.00", "Total €6.00"} {
		if !strings.Contains(v, s) {
			t.Errorf("no %q:\n%s", s, v)
		}
	}
	if m.cart.Pricing.Mode != checkout.TaxInclusive {
		t.Errorf("the cart is not priced by the shop's rules: %+v", m.cart.Pricing)
	}
}

// The empty cart says how to add, and what the quick keys are.
func TestEmptyCartNamesTheQuickKeys(t *testing.T) {
	v := view(cafeCart())
	for _, s := range []string{"Scan an item", "find it with /", "press a for a free line",
		"1 Espresso · 2 Latte · 3 Flat white · 4 Croissant · 5 Blueberry muffin"} {
		if !strings.Contains(v, s) {
			t.Errorf("no %q:\n%s", s, v)
		}
	}
}

// The quick keys wrap between keys: at 80 columns "4" ended a line and "Croissant"
// began the next, a number with no item beside it.
func TestQuickKeysWrapBetweenKeys(t *testing.T) {
	for _, w := range []int{60, 80, 120} {
		v := ansi.Strip(cafeCart().View(common.Screen{Width: w, Height: 24}))
		for _, l := range strings.Split(v, "\n") {
			l = strings.TrimSpace(l)
			if n := len(l); n > 0 && l[n-1] >= '1' && l[n-1] <= '9' {
				t.Errorf("at %d columns a line ends with a quick key's number: %q", w, l)
			}
		}
	}
}

// A shop with no catalogue has nothing to find or scan: digits and / do nothing, and
// the cart says how to add a line.
func TestNoCatalogueNoFind(t *testing.T) {
	m, _ := press(newCart(), "/", "1")
	m, _ = m.Update(burst("0012345678905"))
	if m.mode != modeCart {
		t.Errorf("mode %d: an empty catalogue opened the find field", m.mode)
	}
	if k := m.keys(); k.Find.Enabled() || k.Scan.Enabled() {
		t.Error("find and scan keys offered with no catalogue")
	}
	if v := view(m); !strings.Contains(v, "The cart is empty. Press a to add a line.") {
		t.Errorf("the empty cart says:\n%s", v)
	}
}
