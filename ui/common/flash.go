package common

import (
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/till-pos/till/checkout"
)

// Level says how much a flash message matters.
type Level int

// Flash levels.
const (
	LevelWarn Level = iota
	LevelError
)

// Flash is a message about the last key press or result; the next key clears it.
type Flash struct {
	Level Level
	Text  string
}

// FlashMsg asks the root to show a flash.
type FlashMsg Flash

// Say is a Cmd that shows a flash. Components say things through it, so the root alone
// draws the status line.
func Say(level Level, text string) tea.Cmd {
	return func() tea.Msg { return FlashMsg{Level: level, Text: text} }
}

// Emit is a Cmd that hands msg to the root: how a component asks for something outside
// itself (open the picker, start a payment, close the support screen).
func Emit(msg tea.Msg) tea.Cmd {
	return func() tea.Msg { return msg }
}

// Question is a y/n question a component asks in the status line; Yes carries out
// what was asked on the component's model.
type Question[M any] struct {
	Text string
	Yes  func(M) (M, tea.Cmd)
}

// Answer takes a key while q is open: yes carries it out, no (or esc) drops it, and any
// other key leaves it open. closed is m without the question.
func Answer[M any](msg tea.KeyMsg, yes, no key.Binding, m M, q *Question[M], closed func(M) M) (M, tea.Cmd) {
	switch {
	case key.Matches(msg, yes):
		return q.Yes(closed(m))
	case key.Matches(msg, no):
		return closed(m), nil
	}
	return m, nil
}

// Checked is whether a check with Stripe the cashier asked for (s) is still awaited
// after ev, an event of the page's lane, and what the status line says of it. Once the
// check's read comes back (checkout.StatusRead, checkout.RefundRead) and the page looks
// the same (same), the key's effect is said; a page that changed, or a step that failed,
// says more by itself. what is "payment" or "refund".
func Checked(asked bool, ev checkout.Event, same bool, at time.Time, what string) (bool, tea.Cmd) {
	switch ev.(type) {
	case checkout.StatusRead, checkout.RefundRead:
		if asked && same {
			return false, Say(LevelWarn, "Checked with Stripe at "+at.Format("15:04:05")+": the screen shows where the "+what+" is.")
		}
		return false, nil
	case checkout.StepFailed:
		return false, nil
	}
	return asked, nil
}
