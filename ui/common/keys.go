package common

import "github.com/charmbracelet/bubbles/key"

// Keys are the bindings every screen shares; each component's own key map starts from
// these, so a key means the same thing wherever it is shown.
type Keys struct {
	Up, Down  key.Binding // move in a list
	Back      key.Binding // close what is open
	Yes, No   key.Binding // answer a question
	ForceQuit key.Binding // ctrl+c: quit, asking first while a payment is live
	Support   key.Binding // open or close the support screen
	Help      key.Binding // the list of every key of the screen
}

// DefaultKeys are till's shared bindings, all disabled: a component enables the ones
// that apply to what it shows now, and only those are drawn and matched.
func DefaultKeys() Keys {
	return Keys{
		Up:        Binding("↑/↓", "select", "up"),
		Down:      Binding("", "", "down"),
		Back:      Binding("esc", "back", "esc"),
		Yes:       Binding("y", "yes", "y"),
		No:        Binding("n", "no", "n", "esc"),
		ForceQuit: Binding("ctrl+c", "quit", "ctrl+c"),
		Support:   Binding("ctrl+s", "support", "ctrl+s", "f2"),
		Help:      Binding("?", "all keys", "?"),
	}
}

// Binding is a disabled binding with its help; On enables it.
func Binding(help, desc string, keys ...string) key.Binding {
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc), key.WithDisabled())
}

// On enables bindings.
func On(bs ...*key.Binding) {
	for _, b := range bs {
		b.SetEnabled(true)
	}
}
