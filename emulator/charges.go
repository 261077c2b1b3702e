package emulator

import (
	"strings"
	"time"
)

// authWindow is how long a card_present authorization can be captured (reference §3.4).
const authWindow = 48 * time.Hour

func cardCountry(c testCard) string {
	switch c.Network {
	case "interac":
		return "CA"
	case "eftpos_au":
		return "AU"
	}
	return "US"
}

func accountType(funding string) string {
	switch funding {
	case "credit", "prepaid":
		return funding
	case "debit":
		return "checking"
	}
	return "unknown"
}

// dedicatedFileNames are EMV application ids per network, for the receipt.
var dedicatedFileNames = map[string]string{
	"visa": "A0000000031010", "mastercard": "A0000000041010", "amex": "A00000002501", "discover": "A0000001523010",
	"diners": "A0000001523010", "jcb": "A0000000651010", "unionpay": "A000000333010101", "interac": "A0000002771010",
	"eftpos_au": "A00000038410",
}

func (x *txn) newPaymentMethod(c testCard, readMethod string) *paymentMethod {
	id, seq := x.st.newID("pm")
	pm := &paymentMethod{
		ID: id, Object: "payment_method", Created: x.now.Unix(), Metadata: map[string]string{}, Type: c.Type,
	}
	details := &cardPresentPM{
		Brand: c.Brand, Country: cardCountry(c), ExpMonth: 12, ExpYear: int64(x.now.Year() + 3),
		Fingerprint: c.fingerprint(), Funding: c.Funding, Last4: c.Number[len(c.Number)-4:],
		Networks: &networks{Available: []string{c.Network}}, ReadMethod: readMethod,
	}
	if c.Type == "interac_present" {
		pm.InteracPresent = details
	} else {
		pm.CardPresent = details
	}
	x.st.PaymentMethods.put(id, seq, pm)
	return pm
}

// newCharge records the charge of one authorization attempt.
func (x *txn) newCharge(pi *paymentIntent, pm *paymentMethod, c testCard, res authResult, amount int64) *charge {
	id, seq := x.st.newID("ch")
	ch := &charge{
		ID: id, Object: "charge", Amount: amount, Created: x.now.Unix(), Currency: pi.Currency,
		Description: pi.Description, Metadata: copyMap(pi.Metadata), PaymentIntent: idRef(pi.ID),
		PaymentMethod: strPtr(pm.ID), CalculatedStatementDescriptor: "TILL DEMO SHOP",
	}
	rc := &receipt{
		AccountType: accountType(c.Funding), ApplicationCryptogram: strings.ToUpper(digest("ac"+id, 16)),
		ApplicationPreferredName: c.AppName, CardholderVerificationMethod: res.cvm,
		DedicatedFileName: dedicatedFileNames[c.Network], TerminalVerificationResults: "0000008000",
		TransactionStatusInformation: "6800",
	}
	details := &cardPresentDetails{
		Brand: c.Brand, Country: cardCountry(c), EmvAuthData: strings.ToUpper(digest("emv"+id, 24)),
		ExpMonth: 12, ExpYear: int64(x.now.Year() + 3), Fingerprint: c.fingerprint(), Funding: c.Funding,
		Last4: c.Number[len(c.Number)-4:], Network: c.Network, ReadMethod: res.readMethod, Receipt: rc,
	}
	if res.approved {
		code := digestDigits(id, 6)
		rc.AuthorizationCode, rc.AuthorizationResponseCode = &code, "3030"
		ch.Paid, ch.Status = true, "succeeded"
		ch.Outcome = &outcome{NetworkStatus: "approved_by_network", RiskLevel: "normal",
			SellerMessage: "Payment complete.", Type: "authorized"}
	} else {
		rc.AuthorizationResponseCode = "3035"
		ch.Status = "failed"
		ch.FailureCode, ch.FailureMessage = strPtr(res.code), strPtr(res.message)
		ch.Outcome = &outcome{NetworkStatus: "declined_by_network", Reason: strPtr(res.declineCode), RiskLevel: "normal",
			SellerMessage: "The bank did not return any further details with this decline.", Type: "issuer_declined"}
	}
	ch.PaymentMethodDetails.Type = c.Type
	if c.Type == "interac_present" {
		ch.PaymentMethodDetails.InteracPresent = details
	} else {
		details.AmountAuthorized = i64Ptr(0)
		if res.approved {
			details.AmountAuthorized = &amount
		}
		details.IncrementalAuthorizationSupported = boolPtr(false)
		details.OvercaptureSupported = boolPtr(false)
		ch.PaymentMethodDetails.CardPresent = details
	}
	x.st.Charges.put(id, seq, ch)
	return ch
}

// digestDigits is n decimal digits derived from s (authorization codes).
func digestDigits(s string, n int) string {
	h := digest(s, 2*n)
	b := make([]byte, n)
	for i := range b {
		b[i] = '0' + (h[i]%10+h[i+n]%10)%10
	}
	return string(b)
}

func copyMap(m map[string]string) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

func (x *txn) retrieveCharge() (any, error) {
	if err := x.checkExpand("payment_intent"); err != nil {
		return nil, err
	}
	id := x.pathValue("charge")
	ch, ok := x.st.Charges.get(id)
	if !ok {
		return nil, errNoSuch("charge", id, "charge")
	}
	out := *ch
	if x.expands("payment_intent") {
		if rec, ok := x.st.Intents.get(ch.PaymentIntent.ID); ok {
			pi := rec.Obj
			out.PaymentIntent.obj = &pi
		}
	}
	return &out, nil
}
