package main

import (
	"bytes"
	_ "embed"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/spf13/viper"

	"github.com/till-pos/till/checkout"
)

// exampleConfig is config.example.yaml: the small café the demo runs as.
//
//go:embed config.example.yaml
var exampleConfig []byte

// CounterConfig is what the counter sells and how: the catalogue with its tax rules,
// tipping, and who the receipts are from and where they print.
type CounterConfig struct {
	Catalogue    checkout.Catalogue
	Tipping      checkout.TipPolicy
	Shop         checkout.Shop // Name is the `shop` key
	ReceiptWidth int
	Printer      []string // the print command and its arguments; the receipt goes to its stdin
	ReceiptDir   string   // with no Printer, receipts are written here
}

// itemConfig is one catalogue item as the configuration writes it. Prices are text
// ("4.50"), read as money in the shop's currency, never through a float.
type itemConfig struct {
	SKU     string `mapstructure:"sku"`
	Name    string `mapstructure:"name"`
	Price   string `mapstructure:"price"`
	Tax     string `mapstructure:"tax"`
	Barcode string `mapstructure:"barcode"`
}

// readCounter reads the counter's keys into c.Counter. The demo (the built-in emulator,
// no key) takes config.example.yaml's café for every key the user did not set.
func readCounter(v *viper.Viper, c *Config) error {
	ownItems := v.IsSet("catalogue.items")
	if c.Embedded {
		if err := demoDefaults(v); err != nil {
			return err
		}
		c.Shop = v.GetString("shop")
	}
	v.SetDefault("receipt.width", 42)
	pricing, err := checkout.ParsePricing(v.GetString("tax.mode"), v.GetString("tax.rounding"))
	if err != nil {
		return err
	}
	classes := checkout.TaxClasses{}
	for name, text := range v.GetStringMapString("tax.classes") {
		r, err := checkout.ParseRate(text)
		if err != nil {
			return fmt.Errorf("tax.classes.%s: %w", name, err)
		}
		classes[strings.ToLower(name)] = r
	}
	var raw []itemConfig
	if err := v.UnmarshalKey("catalogue.items", &raw); err != nil {
		return fmt.Errorf("catalogue.items: each item needs sku, name, price and tax: %w", err)
	}
	items, err := readItems(raw, c.Currency)
	quickKeys := stringList(v.Get("catalogue.quick_keys"), true)
	if err != nil && c.Embedded && !ownItems {
		// The café's prices are dollars and cents: a demo in a currency they cannot be
		// written in (JPY has no minor unit) sells with free lines only.
		items, quickKeys, err = nil, nil, nil
	}
	if err != nil {
		return err
	}
	cat, err := checkout.NewCatalogue(c.Currency, pricing, classes, items, quickKeys)
	if err != nil {
		return fmt.Errorf("catalogue: %w", err)
	}
	base, err := checkout.ParseTipBase(v.GetString("tipping.eligible"))
	if err != nil {
		return err
	}
	width := v.GetInt("receipt.width")
	if width < checkout.MinReceiptWidth || width > checkout.MaxReceiptWidth {
		return fmt.Errorf("receipt.width: %q is not a width from %d to %d columns (42 and 48 are usual)",
			v.GetString("receipt.width"), checkout.MinReceiptWidth, checkout.MaxReceiptWidth)
	}
	c.Counter = CounterConfig{
		Catalogue: cat,
		Tipping:   checkout.TipPolicy{Enabled: v.GetBool("tipping.enabled"), Base: base},
		Shop: checkout.Shop{Name: c.Shop, Address: stringList(v.Get("receipt.address"), false),
			TaxID: strings.TrimSpace(v.GetString("receipt.tax_id")), Footer: strings.TrimSpace(v.GetString("receipt.footer"))},
		ReceiptWidth: width,
		Printer:      printCommand(v),
		ReceiptDir:   pathSetting(v, "receipt.directory"),
	}
	if c.Embedded && len(c.Counter.Printer) == 0 && c.Counter.ReceiptDir == "" {
		// The demo prints somewhere a newcomer can look: beside its database.
		c.Counter.ReceiptDir = filepath.Join(filepath.Dir(c.DBPath), "receipts")
	}
	return nil
}

// readItems reads the catalogue's items, their prices in the shop's currency.
func readItems(raw []itemConfig, currency string) ([]checkout.Item, error) {
	items := make([]checkout.Item, len(raw))
	for i, it := range raw {
		price, err := checkout.ParseAmount(it.Price, currency)
		if err != nil {
			return nil, fmt.Errorf("catalogue.items: item %d (%s): price: %w", i+1, it.SKU, err)
		}
		items[i] = checkout.Item{SKU: it.SKU, Name: it.Name, Price: price.Amount, TaxClass: strings.ToLower(strings.TrimSpace(it.Tax)), Barcode: it.Barcode}
	}
	return items, nil
}

// demoDefaults makes every key of config.example.yaml a default: the user's own file,
// environment and flags still win.
func demoDefaults(v *viper.Viper) error {
	ex := viper.New()
	ex.SetConfigType("yaml")
	if err := ex.ReadConfig(bytes.NewReader(exampleConfig)); err != nil {
		return fmt.Errorf("the built-in example configuration does not read: %w", err)
	}
	for _, key := range ex.AllKeys() {
		v.SetDefault(key, ex.Get(key))
	}
	return nil
}

// stringList reads a key that is a list of strings, or one string: split at spaces
// when split is set ("lp -d counter"), else one element.
func stringList(val any, split bool) []string {
	var out []string
	switch x := val.(type) {
	case nil:
	case string:
		if split {
			return strings.Fields(x)
		}
		if s := strings.TrimSpace(x); s != "" {
			out = append(out, s)
		}
	case []any:
		for _, e := range x {
			if s := strings.TrimSpace(fmt.Sprint(e)); s != "" {
				out = append(out, s)
			}
		}
	case []string:
		for _, s := range x {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}
