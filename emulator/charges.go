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

// newPaymentMethod records the payment method of a card read on a reader (or keyed on
// it, for type card).
func (x *txn) newPaymentMethod(c testCard, readMethod string) *paymentMethod {
	id, _ := x.newID("pm")
	pm := &paymentMethod{
		ID: id, Object: "payment_method", Created: x.now.Unix(), Metadata: map[string]string{}, Type: c.Type,
	}
	last4, expYear := c.Number[len(c.Number)-4:], int64(x.now.Year()+3)
	switch c.Type {
	case "card":
		pm.Card = &cardPM{Brand: c.Brand, Country: cardCountry(c), ExpMonth: 12, ExpYear: expYear, Fingerprint: c.fingerprint(),
			Funding: c.Funding, Last4: last4, Networks: &networks{Available: []string{c.Network}}}
	default:
		details := &cardPresentPM{
			Brand: c.Brand, Country: cardCountry(c), ExpMonth: 12, ExpYear: expYear,
			Fingerprint: c.fingerprint(), Funding: c.Funding, Last4: last4,
			Networks: &networks{Available: []string{c.Network}}, ReadMethod: readMethod,
		}
		if c.Type == "interac_present" {
			pm.InteracPresent = details
		} else {
			details.BrandProduct, details.Offline = true, true
			pm.CardPresent = details
		}
	}
	x.st.PaymentMethods.put(id, seqOfID(id), pm)
	return pm
}

// generatedCard saves the card behind a card_present payment or setup as a reusable
// card payment method (generated_card), attached to the customer.
func (x *txn) generatedCard(c testCard, customer *string, allowRedisplay string, from generatedFrom) *paymentMethod {
	card := c
	card.Type = "card"
	pm := x.newPaymentMethod(card, "")
	pm.Card.GeneratedFrom = &from
	pm.Customer, pm.AllowRedisplay = customer, allowRedisplay
	return pm
}

// terminalPlace is the reader (and its location) a card was read on.
type terminalPlace struct{ reader, location string }

// newCharge records the charge of one authorization attempt.
func (x *txn) newCharge(pi *paymentIntent, pm *paymentMethod, c testCard, res authResult, amount int64, at terminalPlace) *charge {
	id, _ := x.newID("ch")
	ch := &charge{
		ID: id, Object: "charge", Amount: amount, ApplicationFeeAmount: pi.ApplicationFeeAmount, Created: x.now.Unix(),
		Currency: pi.Currency, Customer: pi.Customer, Description: pi.Description, Invoice: x.e.keptForm.invoice, Metadata: copyMap(pi.Metadata),
		OnBehalfOf: pi.OnBehalfOf, PaymentIntent: idRef(pi.ID), PaymentMethod: strPtr(pm.ID),
		CalculatedStatementDescriptor: "TILL DEMO SHOP", TransferData: pi.TransferData.ofCharge(), TransferGroup: pi.TransferGroup,
		ReceiptEmail: pi.ReceiptEmail, StatementDescriptor: pi.StatementDescriptor, StatementDescriptorSuffix: pi.StatementDescriptorSuffix,
	}
	var code *string
	if res.approved {
		code = strPtr(digestDigits(id, 6))
		ch.Paid, ch.Status = true, "succeeded"
		ch.Outcome = &outcome{NetworkStatus: "approved_by_network", RiskLevel: "normal",
			SellerMessage: "Payment complete.", Type: "authorized"}
	} else {
		ch.Status = "failed"
		ch.FailureCode, ch.FailureMessage = strPtr(res.code), strPtr(res.message)
		ch.Outcome = &outcome{NetworkStatus: "declined_by_network", Reason: strPtr(res.declineCode), RiskLevel: "normal",
			SellerMessage: "The bank did not return any further details with this decline.", Type: "issuer_declined"}
	}
	authorized := i64Ptr(0)
	if res.approved {
		authorized = &amount
	}
	ch.PaymentMethodDetails.Type = c.Type
	last4, expYear := c.Number[len(c.Number)-4:], int64(x.now.Year()+3)
	if c.Type == "card" {
		ch.PaymentMethodDetails.Card = &cardDetails{AmountAuthorized: authorized, AuthorizationCode: code, Brand: c.Brand,
			Checks: &cardChecks{CvcCheck: strPtr("pass")}, Country: cardCountry(c), ExpMonth: 12, ExpYear: expYear,
			Fingerprint: c.fingerprint(), Funding: c.Funding, Last4: last4, Network: c.Network}
		x.st.Charges.put(id, seqOfID(id), ch)
		return ch
	}
	rc := &receipt{
		AccountType: accountType(c.Funding), ApplicationCryptogram: strings.ToUpper(digest("ac"+id, 16)),
		ApplicationPreferredName: c.AppName, AuthorizationCode: code, AuthorizationResponseCode: "3035",
		CardholderVerificationMethod: res.cvm, DedicatedFileName: dedicatedFileNames[c.Network],
		TerminalVerificationResults: "0000008000", TransactionStatusInformation: "6800",
	}
	if res.approved {
		rc.AuthorizationResponseCode = "3030"
	}
	details := &cardPresentDetails{
		Brand: c.Brand, Country: cardCountry(c), EmvAuthData: strings.ToUpper(digest("emv"+id, 24)),
		ExpMonth: 12, ExpYear: expYear, Fingerprint: c.fingerprint(), Funding: c.Funding,
		Last4: last4, Location: at.location, Network: c.Network, ReadMethod: res.readMethod, Reader: at.reader, Receipt: rc,
	}
	if c.Type == "interac_present" {
		ch.PaymentMethodDetails.InteracPresent = details
	} else {
		details.AmountAuthorized = authorized
		details.IncrementalAuthorizationSupported = boolPtr(res.approved && incrementable(pi, c))
		details.OvercaptureSupported = boolPtr(false)
		details.BrandProduct, details.Offline = true, true
		ch.PaymentMethodDetails.CardPresent = details
	}
	x.st.Charges.put(id, seqOfID(id), ch)
	return ch
}

// captureCharge captures amount of an authorized charge (the rest is released) and
// records its balance transaction, fee included.
func (x *txn) captureCharge(ch *charge, amount int64) {
	ch.Captured, ch.AmountCaptured = true, amount
	ch.AmountRefunded = ch.Amount - amount
	ch.Refunded = ch.AmountRefunded == ch.Amount
	ch.BalanceTransaction = idRef(x.newBalanceTransaction(ch.ID, "charge", ch.Currency, amount,
		processingFee(ch.Currency, ch.PaymentMethodDetails.Type, amount), ch.Description))
}

// refundable is what a refund may still take back: the captured amount less the refunds.
// amount_refunded counts, besides the refunds, what a partial capture released (as on
// Stripe), so the captured amount less amount_refunded would count that release twice.
func (ch *charge) refundable() int64 { return ch.Amount - ch.AmountRefunded }

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
