package ui

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/till-pos/till/checkout"
)

// usd is a shorthand for US dollar amounts in cents.
func usd(cents int64) checkout.Money { return checkout.Money{Amount: cents, Currency: "usd"} }

func threeLines() checkout.Cart {
	return checkout.Cart{Currency: "usd", Lines: []checkout.Line{
		{Description: "Flat white", UnitPrice: 450, Quantity: 2},
		{Description: "Almond croissant", UnitPrice: 375, Quantity: 1},
		{Description: "Bag of house-roasted beans, Ethiopia Yirgacheffe, 250 g", UnitPrice: 1699, Quantity: 1},
	}}
}

// live is a payment of $29.74 on the front counter at the given phase.
func live(p checkout.Phase) checkout.Session {
	return checkout.Session{
		OrderID: "ord_20260314150926_a1b2c3", Phase: p, Cart: threeLines(), Amount: usd(2974),
		ReaderID: frontCounter.ID, CaptureMethod: checkout.CaptureManual,
		StartedAt: t0.Add(-2 * time.Minute), UpdatedAt: t0, Attempts: 1,
	}
}

func withIntent(s checkout.Session, status checkout.IntentStatus) checkout.Session {
	s.PaymentIntentID, s.IntentStatus = "pi_3Emu0000000001", status
	return s
}

func awaiting() checkout.Session {
	s := withIntent(live(checkout.Awaiting), checkout.IntentRequiresPaymentMethod)
	s.Action = &checkout.ReaderAction{Type: "process_payment_intent", Status: checkout.ActionInProgress, PaymentIntentID: s.PaymentIntentID}
	s.ActionSince = t0.Add(-83 * time.Second)
	return s
}

func approved() checkout.Session {
	s := withIntent(live(checkout.Approved), checkout.IntentRequiresCapture)
	s.Card = checkout.Card{Brand: "visa", Last4: "4242"}
	s.CaptureBefore = t0.Add(48 * time.Hour)
	return s
}

func declined(f checkout.Failure) checkout.Session {
	s := withIntent(live(checkout.Declined), checkout.IntentRequiresPaymentMethod)
	s.Failure = &f
	s.Action = &checkout.ReaderAction{Type: "process_payment_intent", Status: checkout.ActionFailed, FailureCode: f.Code, PaymentIntentID: s.PaymentIntentID}
	return s
}

// storybook is every screen in a representative state.
func storybook(t testing.TB) map[string]Model {
	base := func(s checkout.Session) *harness {
		h := newHarness(t, Options{ReaderID: frontCounter.ID}, frontCounter, backCounter)
		h.m.readers = []checkout.Reader{frontCounter, backCounter}
		h.m.loadingReaders = false
		h.m.session = s
		return h
	}
	model := func(s checkout.Session, edit func(m *Model)) Model {
		h := base(s)
		if edit != nil {
			edit(&h.m)
		}
		return h.m
	}
	cart := emptySession("usd")
	cart.Cart = threeLines()
	failedCharge := cart
	failedCharge.Failure = &checkout.Failure{Kind: checkout.KindAuth, Code: "api_key_expired", HTTPStatus: 401}
	readError := awaiting()
	readError.ReadFailures, readError.ReadError = 2, &checkout.Failure{Kind: checkout.KindNetwork, Message: "dial tcp: connection refused"}
	paid := withIntent(live(checkout.Paid), checkout.IntentSucceeded)
	paid.Card = checkout.Card{Brand: "mastercard", Last4: "4444"}
	unknown := withIntent(live(checkout.Unknown), checkout.IntentRequiresPaymentMethod)
	unknown.Failure = &checkout.Failure{Kind: checkout.KindReaderTimeout, Code: "terminal_reader_timeout"}
	unknownNoIntent := live(checkout.Unknown)
	unknownNoIntent.Attempts = 0
	unknownNoIntent.Failure = &checkout.Failure{Kind: checkout.KindNetwork, Message: "context deadline exceeded"}
	canceled := withIntent(live(checkout.Canceled), checkout.IntentCanceled)
	canceled.CancelReason = "abandoned"
	capturing := approved()
	capturing.Phase = checkout.Capturing

	return map[string]Model{
		"cart_empty":         model(emptySession("usd"), nil),
		"cart_lines":         model(cart, func(m *Model) { m.cursor = 1 }),
		"cart_no_reader":     model(emptySession("usd"), func(m *Model) { m.readerID = "" }),
		"cart_charge_failed": model(failedCharge, nil),
		"cart_add_line": model(cart, func(m *Model) {
			m.overlay, m.form = overlayForm, newLineForm()
			m.form.inputs[fieldDescription].SetValue("Oat milk")
			m.form.inputs[fieldPrice].SetValue("0.555")
			*m = m.addLine()
			m.form = m.form.move(1)
		}),
		"picker": model(emptySession("usd"), func(m *Model) {
			off := backCounter
			off.Status = "offline"
			m.readers = []checkout.Reader{frontCounter, off, realReader}
			m.overlay, m.pick = overlayPicker, 2
		}),
		"picker_retry": model(declined(checkout.Failure{Kind: checkout.KindReaderOffline, Code: "terminal_reader_offline"}), func(m *Model) {
			m.overlay, m.pickRetry, m.pick = overlayPicker, true, 1
		}),
		"creating": model(live(checkout.Creating), nil),
		"sending":  model(withIntent(live(checkout.Sending), checkout.IntentRequiresPaymentMethod), nil),
		"awaiting": model(awaiting(), nil),
		"awaiting_real_reader": model(awaiting(), func(m *Model) {
			m.readers = []checkout.Reader{realReader}
			m.session.ReaderID = realReader.ID
		}),
		"awaiting_presenting": model(awaiting(), func(m *Model) { m.presenting = cardApproves }),
		"awaiting_stuck":      model(awaiting(), func(m *Model) { m.session.ActionSince = t0.Add(-185 * time.Second) }),
		"awaiting_read_error": model(readError, nil),
		"awaiting_resumed": model(awaiting(), func(m *Model) {
			m.resumed = true
			for i, amount := range []int64{450, 1200, 99} {
				m.pending = append(m.pending, checkout.Session{OrderID: fmt.Sprintf("ord_2026031415%02d00_c%d", i, i), Amount: usd(amount)})
			}
		}),
		"awaiting_quit":   model(awaiting(), func(m *Model) { m.confirmQuit = true }),
		"test_cards":      model(awaiting(), func(m *Model) { m.overlay, m.card = overlayCards, 22 }),
		"approved":        model(approved(), nil),
		"approved_cancel": model(approved(), func(m *Model) { m.overlay = overlayConfirmCancel }),
		"capturing":       model(capturing, nil),
		"capturing_stalled": model(capturing, func(m *Model) {
			m.stalled = true
			m.flash = flash{level: levelError, text: "Could not save: disk full."}
		}),
		"paid": model(paid, nil),
		"declined": model(declined(checkout.Failure{Kind: checkout.KindDeclined, Code: "card_declined",
			DeclineCode: "insufficient_funds", Message: "Your card has insufficient funds."}), nil),
		"declined_customer_canceled": model(declined(checkout.Failure{Kind: checkout.KindCustomerCanceled, Code: "customer_canceled"}), nil),
		"declined_reader_in_use":     model(inUse(), nil),
		"declined_take_over":         model(inUse(), func(m *Model) { m.overlay = overlayConfirmTakeOver }),
		"unknown":                    model(unknown, nil),
		"unknown_no_intent":          model(unknownNoIntent, nil),
		"canceling":                  model(withIntent(live(checkout.Canceling), checkout.IntentRequiresPaymentMethod), nil),
		"canceled":                   model(canceled, nil),
	}
}

// TestViews renders every screen at 80×24 (go test ./ui -update rewrites the goldens).
func TestViews(t *testing.T) { requireViews(t, storybook(t)) }

// requireViews renders each model as a subtest: 24 lines of at most 80 cells, equal to
// its golden file. SHOW=1 logs each view.
func requireViews(t *testing.T, book map[string]Model) {
	for name, m := range book {
		t.Run(name, func(t *testing.T) {
			v := ansi.Strip(m.View())
			lines := strings.Split(v, "\n")
			if len(lines) != 24 {
				t.Errorf("%d lines, want 24", len(lines))
			}
			for i, l := range lines {
				if w := ansi.StringWidth(l); w > 80 {
					t.Errorf("line %d is %d cells wide: %q", i+1, w, l)
				}
			}
			if os.Getenv("SHOW") != "" {
				t.Log("\n" + v)
			}
			golden.RequireEqual(t, []byte(v))
		})
	}
}
