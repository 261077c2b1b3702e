package checkout

import (
	"fmt"
	"strconv"
)

// Decimal writes the amount in the currency's major unit with no symbol and no
// grouping ("12.34", "-0.50", "1200" for JPY): the form spreadsheets read as a number.
func (m Money) Decimal() string {
	d := Decimals(m.Currency)
	if d == 0 {
		return strconv.FormatInt(m.Amount, 10)
	}
	sign, n := "", m.Amount
	if n < 0 {
		sign, n = "-", -n
	}
	unit := int64(1)
	for i := 0; i < d; i++ {
		unit *= 10
	}
	return fmt.Sprintf("%s%d.%0*d", sign, n/unit, d, n%unit)
}
