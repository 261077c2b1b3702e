package readers

// Fault is one of the emulator's switchable reader faults and what it does.
type Fault struct{ Name, Does string }

// Faults are the emulator's switchable reader faults (emulator.FaultNames; a test keeps
// the two lists equal, and ui does not import the emulator), each with what it does.
var Faults = []Fault{
	{"offline", "Stripe has not heard from the reader for 2 minutes: every command to it fails as offline."},
	{"timeout", "Commands to the reader time out, and it never gets them."},
	{"timeout_delivered", "Commands to the reader time out, but it gets them all the same."},
	{"connection_error", "The next card fails with connection_error: the reader lost Stripe; nothing is charged."},
	{"connection_error_authorized", "The next card reports connection_error, yet the payment is authorized all the same."},
	{"disconnect", "The reader drops off mid-payment: its action stays in progress and it takes no card."},
	{"customer_cancel", "The customer presses cancel on the reader (when the payment allows it)."},
}
