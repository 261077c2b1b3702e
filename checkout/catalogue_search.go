package checkout

import (
	"sort"
	"strings"
)

// Find is the filter the cart's search box calls on every keystroke: the items whose
// SKU or name match what was typed so far, best first. Every word typed must match, as
// the start of the SKU or anywhere in the name, ignoring case and accents ("cafe"
// finds "Café au lait"). The order: the SKU typed whole, then SKUs that start with
// it, then names with a word that starts with it, then the rest; the configuration's
// order within each. An empty query lists every item.
func (c Catalogue) Find(query string) []Item {
	words := strings.Fields(fold(query))
	type hit struct{ rank, i int }
	var hits []hit
	for i := range c.items {
		rank, ok := c.search[i].match(words)
		if ok {
			hits = append(hits, hit{rank, i})
		}
	}
	sort.SliceStable(hits, func(a, b int) bool { return hits[a].rank < hits[b].rank })
	out := make([]Item, len(hits))
	for k, h := range hits {
		out[k] = c.items[h.i]
	}
	return out
}

// Ranks of a match, best first.
const (
	rankSKU = iota
	rankSKUPrefix
	rankWordPrefix
	rankAnywhere
)

// searchKey is an item as Find compares it, worked out once when the catalogue is built.
type searchKey struct {
	sku   string   // lower case
	name  string   // folded
	words []string // the folded name's words
}

func newSearchKey(it Item) searchKey {
	name := fold(it.Name)
	return searchKey{sku: strings.ToLower(it.SKU), name: name,
		words: strings.FieldsFunc(name, func(r rune) bool { return r == ' ' || r == '-' || r == '/' })}
}

// match reports whether the item matches every word, and how well its best word did.
func (k searchKey) match(words []string) (int, bool) {
	best := rankAnywhere
	for _, w := range words {
		switch {
		case k.sku == w:
			best = min(best, rankSKU)
		case strings.HasPrefix(k.sku, w):
			best = min(best, rankSKUPrefix)
		case k.wordPrefix(w):
			best = min(best, rankWordPrefix)
		case strings.Contains(k.name, w):
		default:
			return 0, false
		}
	}
	return best, true
}

// wordPrefix reports whether a word of the name starts with w.
func (k searchKey) wordPrefix(w string) bool {
	for _, word := range k.words {
		if strings.HasPrefix(word, w) {
			return true
		}
	}
	return false
}

// accents maps the accented Latin letters shops write in item names to the letter a
// cashier types on a plain keyboard.
var accents = strings.NewReplacer(
	"à", "a", "á", "a", "â", "a", "ã", "a", "ä", "a", "å", "a", "æ", "ae",
	"ç", "c", "è", "e", "é", "e", "ê", "e", "ë", "e",
	"ì", "i", "í", "i", "î", "i", "ï", "i", "ñ", "n",
	"ò", "o", "ó", "o", "ô", "o", "õ", "o", "ö", "o", "ø", "o", "œ", "oe",
	"ù", "u", "ú", "u", "û", "u", "ü", "u", "ý", "y", "ÿ", "y", "ß", "ss",
)

// fold lower-cases s and takes the accents off its letters, for matching.
func fold(s string) string { return accents.Replace(strings.ToLower(s)) }
