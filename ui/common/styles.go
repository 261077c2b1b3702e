package common

import "github.com/charmbracelet/lipgloss"

// Styles are the screen's looks, named for what they mean. Views use these and never
// build colours of their own.
type Styles struct {
	Shop         lipgloss.Style // the shop's name in the header
	Header       lipgloss.Style // the rest of the header
	Rule         lipgloss.Style // the line under the header
	Title        lipgloss.Style // a screen's title
	Label        lipgloss.Style // the left column of a label/value table
	Muted        lipgloss.Style // secondary text
	Key          lipgloss.Style // a key in the help line
	Amount       lipgloss.Style // the big amount the customer pays
	Selected     lipgloss.Style // the selected row of a list
	Success      lipgloss.Style // paid, approved, online
	Warning      lipgloss.Style // retrying, prompts that need an answer
	Error        lipgloss.Style // declined, failed
	SpinnerStyle lipgloss.Style
	Field        lipgloss.Style // a form field's name
	FieldOn      lipgloss.Style // the focused form field's name
	FormError    lipgloss.Style // what is wrong with the form
	Live         lipgloss.Style // the LIVE banner: real cards, real money
}

// DefaultStyles are till's looks, readable on light and dark terminals.
func DefaultStyles() *Styles {
	var (
		accent  = lipgloss.AdaptiveColor{Light: "#5A3FC0", Dark: "#A18CFF"}
		muted   = lipgloss.AdaptiveColor{Light: "#6C6C6C", Dark: "#8A8A8A"}
		rule    = lipgloss.AdaptiveColor{Light: "#D0D0D0", Dark: "#3A3A3A"}
		success = lipgloss.AdaptiveColor{Light: "#1B7F3B", Dark: "#4CD07D"}
		warning = lipgloss.AdaptiveColor{Light: "#9A6100", Dark: "#F2B84B"}
		danger  = lipgloss.AdaptiveColor{Light: "#C0262D", Dark: "#FF6B6B"}
	)
	return &Styles{
		Shop:         lipgloss.NewStyle().Bold(true).Foreground(accent),
		Header:       lipgloss.NewStyle(),
		Rule:         lipgloss.NewStyle().Foreground(rule),
		Title:        lipgloss.NewStyle().Bold(true),
		Label:        lipgloss.NewStyle().Foreground(muted),
		Muted:        lipgloss.NewStyle().Foreground(muted),
		Key:          lipgloss.NewStyle().Bold(true),
		Amount:       lipgloss.NewStyle().Bold(true).Border(lipgloss.RoundedBorder()).BorderForeground(accent).Padding(0, 4),
		Selected:     lipgloss.NewStyle().Bold(true).Foreground(accent),
		Success:      lipgloss.NewStyle().Bold(true).Foreground(success),
		Warning:      lipgloss.NewStyle().Foreground(warning),
		Error:        lipgloss.NewStyle().Bold(true).Foreground(danger),
		SpinnerStyle: lipgloss.NewStyle().Foreground(accent),
		Field:        lipgloss.NewStyle().Foreground(muted),
		FieldOn:      lipgloss.NewStyle().Bold(true).Foreground(accent),
		FormError:    lipgloss.NewStyle().Foreground(danger),
		Live:         lipgloss.NewStyle().Bold(true).Reverse(true).Foreground(danger),
	}
}
