package checkout

import (
	"slices"
	"strings"
)

// StepPhase is the Step of a journal note saying that the payment moved to a new phase
// (Entry.Phase), with why when a step failed: an order's journal then tells what
// happened to the payment (declined, approved, paid) beside the calls that did it.
const StepPhase = "phase"

// PhaseNote is the journal note for a session saved in a phase other than from, the
// phase it was saved in before (Building for a new order); false when the phase is the
// same, the session is back to its cart, or it is a cash sale (which notes itself:
// RecordCash). The store writes it with the session, in one transaction.
func PhaseNote(from Phase, s Session) (Entry, bool) {
	if s.Phase == from || s.Phase == Building || s.Cash != nil { // a cash sale has its own note
		return Entry{}, false
	}
	e := Entry{OrderID: s.OrderID, At: s.UpdatedAt, Stage: StageNote, Step: StepPhase, Phase: s.Phase.String(),
		PaymentIntentID: s.PaymentIntentID, Outcome: s.Phase.String()}
	if f := s.Failure; f != nil && (s.Phase == Declined || s.Phase == Unknown) {
		// The words support reads elsewhere (PhaseWords: "declined" only for a card
		// decline), then Stripe's codes the words do not already hold.
		e.Outcome = s.PhaseWords()
		if s.Phase == Declined && f.Kind == KindDeclined {
			e.Outcome = "declined"
		}
		var why []string
		for _, w := range []string{f.Code, f.DeclineCode} {
			if w != "" && !strings.Contains(e.Outcome, w) && !slices.Contains(why, w) {
				why = append(why, w)
			}
		}
		if len(why) > 0 {
			e.Outcome += " (" + strings.Join(why, ", ") + ")"
		}
	}
	return e, true
}
