package emulator

// testCard is one of Stripe's simulated test cards (reference §2.3).
type testCard struct {
	Number     string
	Brand      string // payment_method_details brand
	Network    string
	Funding    string
	Type       string // card_present or interac_present
	AppName    string // receipt.application_preferred_name
	CVM        string // cardholder_verification_method on approval
	ReadMethod string
	// A declining card has a code (and, for card_declined, a decline code).
	Code        string
	DeclineCode string
	Message     string
	// RefundFail: the charge succeeds; a later refund fails (expired_or_canceled_card).
	// RefundPending: the charge succeeds; a refund is pending at first, then succeeds.
	RefundFail, RefundPending bool
}

const (
	defaultCard        = "4242424242424242"
	defaultInteracCard = "4506445006931933"
	msgDeclined        = "Your card was declined."
)

func approving(number, brand, network, funding, app string) testCard {
	return testCard{Number: number, Brand: brand, Network: network, Funding: funding, Type: "card_present",
		AppName: app, CVM: "none", ReadMethod: "contactless_emv"}
}

func declining(number, code, declineCode, message string) testCard {
	c := approving(number, "visa", "visa", "credit", "Visa Credit")
	c.Code, c.DeclineCode, c.Message = code, declineCode, message
	return c
}

func withCVM(c testCard, cvm, readMethod string) testCard {
	c.CVM, c.ReadMethod = cvm, readMethod
	return c
}

var testCards = func() map[string]testCard {
	list := []testCard{
		approving("4242424242424242", "visa", "visa", "credit", "Visa Credit"),
		approving("4000056655665556", "visa", "visa", "debit", "Visa Debit"),
		approving("5555555555554444", "mastercard", "mastercard", "credit", "Mastercard"),
		approving("5200828282828210", "mastercard", "mastercard", "debit", "Debit Mastercard"),
		approving("5105105105105100", "mastercard", "mastercard", "prepaid", "Mastercard Prepaid"),
		approving("378282246310005", "amex", "amex", "credit", "American Express"),
		approving("371449635398431", "amex", "amex", "credit", "American Express"),
		approving("6011111111111117", "discover", "discover", "credit", "Discover"),
		approving("6011000990139424", "discover", "discover", "credit", "Discover"),
		approving("3056930009020004", "diners", "diners", "credit", "Diners Club"),
		approving("36227206271667", "diners", "diners", "credit", "Diners Club"),
		approving("3566002020360505", "jcb", "jcb", "credit", "JCB"),
		approving("6200000000000005", "unionpay", "unionpay", "credit", "UnionPay"),
		approving("6280000360000978", "eftpos_au", "eftpos_au", "debit", "EFTPOS"),
		approving("4000050360000001", "visa", "eftpos_au", "debit", "Visa Debit"),
		approving("5555050360000080", "mastercard", "eftpos_au", "debit", "Debit Mastercard"),
		withCVM(approving("4001007020000002", "visa", "visa", "credit", "Visa Credit"), "offline_pin", "contact_emv"),
		withCVM(approving("4000008260000075", "visa", "visa", "credit", "Visa Credit"), "offline_pin", "contact_emv"),
		withCVM(approving("4001000360000005", "visa", "visa", "credit", "Visa Credit"), "online_pin", "contactless_emv"),
		withCVM(approving("4000002760000008", "visa", "visa", "credit", "Visa Credit"), "online_pin", "contact_emv"),
		declining("4000000000000002", "card_declined", "generic_decline", msgDeclined),
		declining("4000000000009995", "card_declined", "insufficient_funds", "Your card has insufficient funds."),
		declining("4000000000009987", "card_declined", "lost_card", msgDeclined),
		declining("4000000000009979", "card_declined", "stolen_card", msgDeclined),
		declining("4000000000000069", "expired_card", "expired_card", "Your card has expired."),
		declining("4000000000000119", "processing_error", "processing_error",
			"An error occurred while processing your card. Try again in a little bit."),
	}
	interac := approving("4506445006931933", "interac", "interac", "debit", "Interac")
	interac.Type, interac.ReadMethod = "interac_present", "contact_emv"
	refundFail := approving("4000000000005126", "visa", "visa", "credit", "Visa Credit")
	refundFail.RefundFail = true
	refundPending := approving("4000000000007726", "visa", "visa", "credit", "Visa Credit")
	refundPending.RefundPending = true
	list = append(list, interac, refundFail, refundPending)
	m := make(map[string]testCard, len(list))
	for _, c := range list {
		m[c.Number] = c
	}
	return m
}()

// fingerprint is the payment method fingerprint of the card: one card, one value.
func (c testCard) fingerprint() string { return digest("fp"+c.Number, 16) }

// cardByFingerprint is the test card with this payment method fingerprint.
func cardByFingerprint(fingerprint string) (testCard, bool) {
	for _, c := range testCards {
		if c.fingerprint() == fingerprint {
			return c, true
		}
	}
	return testCard{}, false
}

// amountOutcomes are the test amounts (reference §2.4): the last two digits of the
// total, tip included, decide the outcome of an otherwise approving card.
var amountOutcomes = map[int64]struct{ declineCode, message, cvm, explanation string }{
	1: {declineCode: "call_issuer", message: "Your card was declined. You can call your bank for details.",
		explanation: "Declined: the bank asks the customer to call it (call_issuer)."},
	// The simulated readers have a screen: insert and PIN, approved.
	2: {cvm: "offline_pin", explanation: "Approved after the customer inserts the card and enters the PIN (offline PIN)."},
	3: {cvm: "online_pin", explanation: "Approved after the customer enters the PIN (online PIN)."},
	5: {declineCode: "generic_decline", message: msgDeclined, explanation: "Declined without a reason (generic_decline)."},
	55: {declineCode: "incorrect_pin", message: "Your card's PIN is incorrect.",
		explanation: "Declined: the customer enters a wrong PIN (incorrect_pin)."},
	60: {declineCode: "online_or_offline_pin_required", message: msgDeclined,
		explanation: "Declined: the card needs a PIN the reader did not ask for (online_or_offline_pin_required)."},
	65: {declineCode: "withdrawal_count_limit_exceeded", message: "Your card has exceeded its withdrawal limit.",
		explanation: "Declined: the card is over its withdrawal limit (withdrawal_count_limit_exceeded)."},
	75: {declineCode: "pin_try_exceeded", message: "The allowable number of PIN tries has been exceeded.",
		explanation: "Declined: too many wrong PINs (pin_try_exceeded)."},
}

// AmountRule is what Stripe's simulated readers do when an approving test card pays an
// amount whose last two digits (in minor units) are Ending.
type AmountRule struct {
	Ending      int64  // the amount's last two digits
	DeclineCode string // set: the card is declined with this decline code
	CVM         string // set: approved after this cardholder verification (offline_pin, online_pin)
}

// TestAmount says what a simulated reader does with a total (minor units, tip
// included): ok is false for an amount an approving card simply pays. It reads the
// same table the emulator authorizes with, so the two cannot disagree.
func TestAmount(total int64) (AmountRule, bool) {
	o, ok := amountOutcomes[total%100]
	if !ok {
		return AmountRule{}, false
	}
	return AmountRule{Ending: total % 100, DeclineCode: o.declineCode, CVM: o.cvm}, true
}

// authResult is how an authorization ends.
type authResult struct {
	approved    bool
	code        string
	declineCode string
	message     string
	cvm         string
	readMethod  string
}

// authorizeCard decides the outcome of presenting card for total (minor units).
func authorizeCard(c testCard, total int64) authResult {
	res := authResult{cvm: c.CVM, readMethod: c.ReadMethod}
	if c.Code != "" {
		res.code, res.declineCode, res.message = c.Code, c.DeclineCode, c.Message
		res.cvm = "failure"
		return res
	}
	if o, ok := amountOutcomes[total%100]; ok {
		if o.declineCode != "" {
			res.code, res.declineCode, res.message = "card_declined", o.declineCode, o.message
			res.cvm = "failure"
			return res
		}
		res.cvm, res.readMethod = o.cvm, "contact_emv"
	}
	res.approved = true
	return res
}
