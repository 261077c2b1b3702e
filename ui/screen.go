package ui

import "github.com/till-pos/till/checkout"

// screen is what the cashier sees: the session's phase, or an overlay on top of it.
type screen int

const (
	screenCart screen = iota
	screenForm
	screenPicker
	screenCards
	screenCreating
	screenSending
	screenAwaiting
	screenApproved
	screenCapturing
	screenPaid
	screenDeclined
	screenUnknown
	screenCanceling
	screenCanceled
)

var phaseScreens = map[checkout.Phase]screen{
	checkout.Building:  screenCart,
	checkout.Creating:  screenCreating,
	checkout.Sending:   screenSending,
	checkout.Awaiting:  screenAwaiting,
	checkout.Approved:  screenApproved,
	checkout.Capturing: screenCapturing,
	checkout.Paid:      screenPaid,
	checkout.Declined:  screenDeclined,
	checkout.Unknown:   screenUnknown,
	checkout.Canceling: screenCanceling,
	checkout.Canceled:  screenCanceled,
}

func (m Model) screen() screen {
	switch m.overlay {
	case overlayForm:
		return screenForm
	case overlayPicker:
		return screenPicker
	case overlayCards:
		return screenCards
	}
	if s, ok := phaseScreens[m.session.Phase]; ok {
		return s
	}
	return screenUnknown
}

// fit closes an overlay that no longer belongs to the session's phase: a poll can move
// the payment on while the cashier is looking at a list.
func (m Model) fit() Model {
	p := m.session.Phase
	ok := true
	switch m.overlay {
	case overlayForm:
		ok = p == checkout.Building
	case overlayPicker:
		ok = (p == checkout.Building && !m.pickRetry) || (p == checkout.Declined && m.pickRetry)
	case overlayCards:
		ok = p == checkout.Awaiting && m.simulated()
	case overlayConfirmCancel:
		ok = p == checkout.Approved
	case overlayConfirmTakeOver:
		ok = m.readerInUse()
	}
	if !ok {
		m.overlay = overlayNone
	}
	if !m.live() {
		m.confirmQuit = false
	}
	return m
}
