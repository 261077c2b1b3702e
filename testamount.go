package main

import (
	"fmt"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/emulator"
)

// testAmountHint tells the cashier, before a card is presented, what a simulated reader
// does with an amount: Stripe's simulated readers (and the emulator, which reads the
// same table) decline some amounts whatever card is presented. "" for an amount an
// approving card simply pays. The screen shows it for simulated readers only.
func testAmountHint(m checkout.Money) string {
	rule, ok := emulator.TestAmount(m.Amount)
	if !ok {
		return ""
	}
	ends := fmt.Sprintf("Test amount: ends in %02d, the simulated reader ", rule.Ending)
	switch {
	case rule.DeclineCode != "":
		return ends + "declines it (" + rule.DeclineCode + ") whatever card is presented."
	case rule.CVM == "offline_pin":
		return ends + "asks for the card to be inserted with its PIN (offline_pin), then approves."
	case rule.CVM != "":
		return ends + "asks for the PIN (" + rule.CVM + "), then approves."
	}
	return ""
}
