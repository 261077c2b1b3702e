package checkout

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// Item is something the shop sells, from its configuration.
type Item struct {
	SKU      string `json:"sku"`
	Name     string `json:"name"`
	Price    int64  `json:"price"`               // minor units of the shop's currency
	TaxClass string `json:"tax_class,omitempty"` // "" is untaxed
	Barcode  string `json:"barcode,omitempty"`
}

// MaxQuickKeys is how many items a shop can put on quick keys (1 to 9).
const MaxQuickKeys = 9

// Catalogue is the shop's items, tax classes and pricing, checked once when the
// configuration is read; a value that passed NewCatalogue is always consistent.
type Catalogue struct {
	currency  string
	pricing   Pricing
	classes   TaxClasses
	items     []Item
	search    []searchKey // each item as Find compares it
	bySKU     map[string]int
	byBarcode map[string]int
	quick     []int
}

// ErrBadCatalogue is wrapped by every NewCatalogue error.
var ErrBadCatalogue = errors.New("bad catalogue")

// NewCatalogue checks the shop's items and builds the catalogue: SKUs and barcodes
// unique (SKUs ignoring case), prices above zero, tax classes known, quick keys naming
// items. Its errors name the item at fault.
func NewCatalogue(currency string, pricing Pricing, classes TaxClasses, items []Item, quick []string) (Catalogue, error) {
	c := Catalogue{currency: strings.ToLower(currency), pricing: pricing, classes: TaxClasses{},
		bySKU: map[string]int{}, byBarcode: map[string]int{}}
	bad := func(format string, args ...any) (Catalogue, error) {
		return Catalogue{}, fmt.Errorf("%w: %s", ErrBadCatalogue, fmt.Sprintf(format, args...))
	}
	for name, r := range classes {
		if r < 0 || r > RateScale {
			return bad("tax class %q: the rate must be between 0%% and 100%%", name)
		}
		c.classes[name] = r
	}
	for i, it := range items {
		it.SKU, it.Name, it.Barcode, it.TaxClass = strings.TrimSpace(it.SKU), strings.TrimSpace(it.Name), strings.TrimSpace(it.Barcode), strings.TrimSpace(it.TaxClass)
		where := fmt.Sprintf("item %d (%s)", i+1, it.SKU)
		if err := checkSKU(it.SKU); err != nil {
			return bad("item %d: %v", i+1, err)
		}
		switch {
		case it.Name == "" || !printable(it.Name):
			return bad("%s: give it a name of printable characters", where)
		case it.Price <= 0 || it.Price > MaxAmount:
			return bad("%s: the price must be above zero and at most %s", where, Money{MaxAmount, c.currency})
		case it.Barcode != "" && (!printable(it.Barcode) || strings.ContainsRune(it.Barcode, ' ')):
			return bad("%s: the barcode %q has spaces or characters a scanner does not type", where, it.Barcode)
		}
		if _, ok := c.classes[it.TaxClass]; it.TaxClass != "" && !ok {
			return bad("%s: tax class %q is not one of the tax classes (%s)", where, it.TaxClass, strings.Join(c.classes.Names(), ", "))
		}
		key := strings.ToLower(it.SKU)
		if j, dup := c.bySKU[key]; dup {
			return bad("%s: the SKU is also item %d's", where, j+1)
		}
		if j, dup := c.byBarcode[it.Barcode]; it.Barcode != "" && dup {
			return bad("%s: the barcode %s is also item %d's", where, it.Barcode, j+1)
		}
		c.bySKU[key] = i
		if it.Barcode != "" {
			c.byBarcode[it.Barcode] = i
		}
		c.items = append(c.items, it)
		c.search = append(c.search, newSearchKey(it))
	}
	if len(quick) > MaxQuickKeys {
		return bad("%d quick keys; a shop has at most %d", len(quick), MaxQuickKeys)
	}
	for _, sku := range quick {
		i, ok := c.bySKU[strings.ToLower(strings.TrimSpace(sku))]
		if !ok {
			return bad("quick key %q is not the SKU of an item", sku)
		}
		c.quick = append(c.quick, i)
	}
	return c, nil
}

// checkSKU allows letters, digits and . _ - (no spaces, and no colon, which
// separates the quantity in SKU:QTY), up to 64 characters.
func checkSKU(sku string) error {
	if sku == "" || len(sku) > 64 {
		return errors.New("the SKU must be 1 to 64 characters")
	}
	for _, r := range sku {
		if !(r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r))) && r != '.' && r != '_' && r != '-' {
			return fmt.Errorf("SKU %q has %q; use letters, digits, '.', '_' and '-'", sku, r)
		}
	}
	return nil
}

func printable(s string) bool {
	for _, r := range s {
		if !unicode.IsPrint(r) {
			return false
		}
	}
	return true
}

// Currency is the currency of the prices.
func (c Catalogue) Currency() string { return c.currency }

// Pricing is the shop's tax mode and rounding.
func (c Catalogue) Pricing() Pricing { return c.pricing }

// Items are every item, in the configuration's order.
func (c Catalogue) Items() []Item { return append([]Item(nil), c.items...) }

// NewCart is an empty cart priced by the shop's rules.
func (c Catalogue) NewCart() Cart { return Cart{Currency: c.currency, Pricing: c.pricing} }

// BySKU finds an item by its SKU, ignoring case.
func (c Catalogue) BySKU(sku string) (Item, bool) {
	i, ok := c.bySKU[strings.ToLower(strings.TrimSpace(sku))]
	if !ok {
		return Item{}, false
	}
	return c.items[i], true
}

// ByBarcode finds an item by its barcode, exactly.
func (c Catalogue) ByBarcode(code string) (Item, bool) {
	i, ok := c.byBarcode[strings.TrimSpace(code)]
	if !ok {
		return Item{}, false
	}
	return c.items[i], true
}

// Scan is what a barcode scanner's Enter looks up: a barcode, else a SKU typed whole.
func (c Catalogue) Scan(code string) (Item, bool) {
	if it, ok := c.ByBarcode(code); ok {
		return it, true
	}
	return c.BySKU(code)
}

// Quick is the item on quick key n (1 to 9).
func (c Catalogue) Quick(n int) (Item, bool) {
	if n < 1 || n > len(c.quick) {
		return Item{}, false
	}
	return c.items[c.quick[n-1]], true
}

// QuickKeys are the items on quick keys, key 1 first.
func (c Catalogue) QuickKeys() []Item {
	out := make([]Item, len(c.quick))
	for k, i := range c.quick {
		out[k] = c.items[i]
	}
	return out
}

// Line is the cart line for qty of an item, with its tax class's rate.
func (c Catalogue) Line(it Item, qty int64) Line {
	return Line{Description: it.Name, UnitPrice: it.Price, Quantity: qty, SKU: it.SKU,
		TaxClass: it.TaxClass, TaxRate: c.classes[it.TaxClass]}
}

// TaxClasses are the shop's tax classes and their rates.
func (c Catalogue) TaxClasses() TaxClasses {
	out := make(TaxClasses, len(c.classes))
	for n, r := range c.classes {
		out[n] = r
	}
	return out
}

// Class is the rate of a tax class, for a free line the cashier puts in a class.
func (c Catalogue) Class(name string) (Rate, bool) {
	r, ok := c.classes[name]
	return r, ok
}

// ErrBadItemSpec is wrapped by every ParseItemSpec error.
var ErrBadItemSpec = errors.New("bad item")

// ParseItemSpec reads "SKU" or "SKU:QTY" (till pay --item).
func ParseItemSpec(spec string) (sku string, qty int64, err error) {
	sku, q, hasQty := strings.Cut(strings.TrimSpace(spec), ":")
	if err := checkSKU(sku); err != nil {
		return "", 0, fmt.Errorf("%w: %q: %v", ErrBadItemSpec, spec, err)
	}
	if !hasQty {
		return sku, 1, nil
	}
	n, perr := strconv.ParseInt(q, 10, 64)
	if perr != nil || !digitsOnly(q) || n < 1 || n > MaxQuantity {
		return "", 0, fmt.Errorf("%w: %q: the quantity after ':' must be a whole number from 1 to %d", ErrBadItemSpec, spec, MaxQuantity)
	}
	return sku, n, nil
}

// CartOf builds a cart from item specs ("LATTE", "CROISSANT:2"); the same SKU twice
// adds to one line.
func (c Catalogue) CartOf(specs []string) (Cart, error) {
	cart := c.NewCart()
	for _, spec := range specs {
		sku, qty, err := ParseItemSpec(spec)
		if err != nil {
			return cart, err
		}
		it, ok := c.BySKU(sku)
		if !ok {
			return cart, fmt.Errorf("%w: no item has the SKU %q", ErrBadItemSpec, sku)
		}
		if cart, _, err = cart.AddItem(c.Line(it, qty)); err != nil {
			return cart, err
		}
	}
	return cart, nil
}
