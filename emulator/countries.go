package emulator

import "strings"

// isoCountries are the ISO 3166-1 alpha-2 codes officially assigned, and XK (Kosovo,
// user-assigned, which Stripe lists among its countries): the countries an address can
// name.
const isoCountries = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ " +
	"BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ " +
	"CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ " +
	"DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR " +
	"GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY " +
	"HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP " +
	"KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY " +
	"MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ " +
	"NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY " +
	"QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ " +
	"TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ " +
	"VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW"

// countryCode is the ISO 3166-1 alpha-2 code s names, in capitals (Stripe reads "us"
// as "US"); ok is false for a code that is not a country.
func countryCode(s string) (code string, ok bool) {
	if len(s) != 2 {
		return "", false
	}
	code = strings.ToUpper(s)
	return code, inCodeList(isoCountries, code)
}

// inCodeList reports whether list, two-letter codes separated by spaces, holds code.
func inCodeList(list, code string) bool {
	for i := 0; i+2 <= len(list); i += 3 {
		if list[i:i+2] == code {
			return true
		}
	}
	return false
}

// What a location's address needs besides country and line1, by country, as Stripe's
// Manage locations guide lists it ("The required address properties for a location
// vary by country"). A country it does not list needs line1 only (the API reference).
const (
	needsCityStatePostal = "AU CA ES IT US"
	needsCityPostal      = "AT BE CH CZ DE DK FI FR GB LU MY NL NO NZ PT SE"
	needsPostal          = "IE SG"
)

// needsCity reports whether a location in country code needs address[city].
func needsCity(code string) bool {
	return inCodeList(needsCityStatePostal, code) || inCodeList(needsCityPostal, code)
}

// needsState reports whether a location in country code needs address[state].
func needsState(code string) bool { return inCodeList(needsCityStatePostal, code) }

// needsPostalCode reports whether a location in country code needs address[postal_code].
func needsPostalCode(code string) bool { return needsCity(code) || inCodeList(needsPostal, code) }
