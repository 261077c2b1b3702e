package readerctl

import "github.com/till-pos/till/checkout"

// simulatedCards are Stripe's simulated test card numbers that approve, by the brand
// and last four a charge reports, so an in-person refund on a simulated reader can
// present the card that paid (https://docs.stripe.com/terminal/references/testing).
var simulatedCards = map[checkout.Card]string{
	{Brand: "visa", Last4: "4242"}:       "4242424242424242",
	{Brand: "visa", Last4: "5556"}:       "4000056655665556",
	{Brand: "visa", Last4: "5126"}:       "4000000000005126",
	{Brand: "visa", Last4: "7726"}:       "4000000000007726",
	{Brand: "mastercard", Last4: "4444"}: "5555555555554444",
	{Brand: "mastercard", Last4: "8210"}: "5200828282828210",
	{Brand: "mastercard", Last4: "5100"}: "5105105105105100",
	{Brand: "amex", Last4: "0005"}:       "378282246310005",
	{Brand: "amex", Last4: "8431"}:       "371449635398431",
	{Brand: "discover", Last4: "1117"}:   "6011111111111117",
	{Brand: "discover", Last4: "9424"}:   "6011000990139424",
	{Brand: "diners", Last4: "0004"}:     "3056930009020004",
	{Brand: "diners", Last4: "1667"}:     "36227206271667",
	{Brand: "jcb", Last4: "0505"}:        "3566002020360505",
	{Brand: "unionpay", Last4: "0005"}:   "6200000000000005",
	{Brand: "interac", Last4: "1933"}:    "4506445006931933",
}

// TestCardFor is the simulated test card that matches a payment's card, or "" when
// none does (the test helper then picks Stripe's default).
func TestCardFor(card checkout.Card) string { return simulatedCards[card] }

// TestCardFor is the simulated test card that matches a payment's card (see the
// function), for the screen, which knows readerctl only as its Gateway.
func (c *Client) TestCardFor(card checkout.Card) string { return TestCardFor(card) }
