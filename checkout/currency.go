package checkout

import (
	_ "embed"
	"encoding/xml"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Currencies: how many decimals each has (ISO 4217's minor units, then Stripe's own
// rules on top), and which ones Stripe Terminal takes.

// iso4217ListOne is ISO 4217 List One ("current currency & funds"), as the standard's
// maintenance agency publishes it (list_one.xml; the date is in its Pblshd attribute).
// To update: replace the file with the agency's newest list_one.xml; the tests say
// what changed for till. CLDR's digits (golang.org/x/text/currency) are not used: they
// differ from ISO 4217 for IQD, IDR, COP, RSD and others, and lag new codes (MRU).
//
//go:embed iso4217-list-one.xml
var iso4217ListOne []byte

// isoMinorUnits maps each lower-case ISO 4217 code with a minor unit to its number of
// decimals. Codes whose minor unit is "N.A." (gold, SDRs, the testing code) are absent:
// nobody pays in them.
var isoMinorUnits = parseListOne(iso4217ListOne)

func parseListOne(data []byte) map[string]int {
	var doc struct {
		Entries []struct {
			Code  string `xml:"Ccy"`
			Minor string `xml:"CcyMnrUnts"`
		} `xml:"CcyTbl>CcyNtry"`
	}
	if err := xml.Unmarshal(data, &doc); err != nil {
		panic("checkout: the embedded ISO 4217 list cannot be read: " + err.Error())
	}
	out := make(map[string]int, len(doc.Entries))
	for _, e := range doc.Entries {
		if n, err := strconv.Atoi(e.Minor); err == nil && len(e.Code) == 3 {
			out[strings.ToLower(e.Code)] = n
		}
	}
	return out
}

// stripeDecimals are the currencies whose amounts Stripe's API counts with another
// number of decimals than ISO 4217 says (Stripe's currencies guide, "zero-decimal" and
// "special cases").
var stripeDecimals = map[string]int{
	"isk": 2, // ISO 0; Stripe keeps ISK two-decimal for backwards compatibility
	"mga": 0, // ISO 2; Stripe counts the ariary zero-decimal
}

// stripeSteps are the currencies whose amounts Stripe takes only in multiples of a
// step (in minor units), beyond the three-decimal rule in AmountStep.
var stripeSteps = map[string]int64{
	"isk": 100, // whole krónur only since 2023, though the API stays two-decimal
}

// Decimals is the number of digits after the decimal point in the currency's major unit
// as Stripe's API counts them: ISO 4217's minor units, with Stripe's exceptions. A code
// that is not a currency counts as 2, the common case, so odd data still shows.
func Decimals(currency string) int {
	cur := strings.ToLower(currency)
	if d, ok := stripeDecimals[cur]; ok {
		return d
	}
	if d, ok := isoMinorUnits[cur]; ok {
		return d
	}
	return 2
}

// AmountStep is the smallest amount, in minor units, that Stripe takes in the currency: 1
// mostly, 10 for three-decimal currencies (Stripe wants their last digit 0), 100 for ISK.
func AmountStep(currency string) int64 {
	cur := strings.ToLower(currency)
	if s, ok := stripeSteps[cur]; ok {
		return s
	}
	if Decimals(cur) == 3 {
		return 10
	}
	return 1
}

// terminalCurrencies are the currencies of the countries Stripe's Terminal "regional
// considerations" guide covers (smart readers, server-driven): a reader takes only its
// own country's currency. None of them is three-decimal.
var terminalCurrencies = []string{
	"aud", // AU
	"cad", // CA
	"chf", // CH
	"czk", // CZ
	"dkk", // DK
	"eur", // AT, BE, DE, ES, FI, FR, IE, IT, LU, NL, PT
	"gbp", // GB
	"hkd", // HK
	"jpy", // JP
	"mxn", // MX
	"myr", // MY
	"nok", // NO
	"nzd", // NZ
	"sek", // SE
	"sgd", // SG
	"usd", // US
}

// Currency errors: CheckCurrency's errors match one of them (errors.Is).
var (
	ErrUnknownCurrency     = errors.New("not a currency")
	ErrNotTerminalCurrency = errors.New("not a currency Stripe Terminal takes")
)

// KnownCurrency reports an ISO 4217 currency (lower or upper case) that has a minor unit.
func KnownCurrency(currency string) bool {
	_, ok := isoMinorUnits[strings.ToLower(currency)]
	return ok
}

// CheckCurrency refuses what is not an ISO 4217 currency, and a currency no Stripe
// Terminal reader takes, with a sentence that says why.
func CheckCurrency(currency string) error {
	cur := strings.ToLower(strings.TrimSpace(currency))
	if !KnownCurrency(cur) {
		return &currencyError{ErrUnknownCurrency, fmt.Sprintf("%q is not an ISO 4217 currency code such as usd, eur or gbp", currency)}
	}
	if !slices.Contains(terminalCurrencies, cur) {
		return &currencyError{ErrNotTerminalCurrency, fmt.Sprintf("Stripe Terminal cannot take %s: a reader takes only its own country's currency (%s)",
			strings.ToUpper(cur), strings.Join(terminalCurrencies, ", "))}
	}
	return nil
}

// currencyError is a sentence for people that still matches its kind.
type currencyError struct {
	kind error
	msg  string
}

func (e *currencyError) Error() string { return e.msg }
func (e *currencyError) Unwrap() error { return e.kind }
