package checkout

import "testing"

func TestPhaseNote(t *testing.T) {
	declined := &Failure{Kind: KindDeclined, Code: "card_declined", DeclineCode: "generic_decline"}
	lost := &Failure{Kind: KindNetwork}
	busy := &Failure{Kind: KindReaderBusy, Code: "terminal_reader_busy"}
	for _, tc := range []struct {
		name string
		from Phase
		s    Session
		want string // the note's outcome; "" for none
	}{
		{"a new order's first charge", Building, Session{Phase: Creating}, "creating"},
		{"the same phase saved again", Awaiting, Session{Phase: Awaiting}, ""},
		{"back to the cart", Declined, Session{Phase: Building}, ""},
		{"a decline, with its codes", Awaiting, Session{Phase: Declined, Failure: declined}, "declined (card_declined, generic_decline)"},
		{"a busy reader is no decline", Sending, Session{Phase: Declined, Failure: busy}, "not completed: reader busy (terminal_reader_busy)"},
		{"an answer lost", Capturing, Session{Phase: Unknown, Failure: lost}, "checking with Stripe after: no answer from Stripe"},
		{"a failure kept past the phase it explained", Declined, Session{Phase: Awaiting, Failure: declined}, "awaiting"},
		{"a cash sale notes itself", Building, Session{Phase: Paid, Cash: &Cash{}}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.s.OrderID, tc.s.UpdatedAt = "ord_1", t0
			e, ok := PhaseNote(tc.from, tc.s)
			switch {
			case ok != (tc.want != ""):
				t.Fatalf("noted %v, want %q", ok, tc.want)
			case ok && (e.Outcome != tc.want || e.Stage != StageNote || e.Step != StepPhase || e.Phase != tc.s.Phase.String() || e.At != t0 || e.OrderID != "ord_1"):
				t.Errorf("note %+v, want outcome %q", e, tc.want)
			}
		})
	}
}
