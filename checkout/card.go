package checkout

// brandNames are the card brands as people write them; Stripe writes them in lower case.
var brandNames = map[string]string{
	"visa": "Visa", "mastercard": "Mastercard", "amex": "American Express", "discover": "Discover",
	"diners": "Diners Club", "jcb": "JCB", "unionpay": "UnionPay", "interac": "Interac", "eftpos_au": "eftpos",
}

// BrandName is the card's brand as people write it ("American Express"), or Stripe's
// word for a brand till does not know.
func (c Card) BrandName() string {
	if name, ok := brandNames[c.Brand]; ok {
		return name
	}
	return c.Brand
}
