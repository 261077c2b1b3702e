package ui

import tea "github.com/charmbracelet/bubbletea"

// Run opens the cashier screen on the terminal and returns when the cashier quits.
// main calls it so that no other package needs to know Bubble Tea.
func Run(deps Deps, opts Options) error {
	_, err := tea.NewProgram(New(deps, opts), tea.WithAltScreen()).Run()
	return err
}
