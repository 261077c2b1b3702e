package common

import (
	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
)

// FieldName is how wide a form field's name is drawn, so the fields line up.
const FieldName = 13

// Input is an empty, focused text field as every form has it: no prompt, no
// placeholder (which looks like a value), no length limit (which silently drops what
// is typed past it: what is wrong is said beside the field instead), and a cursor that
// does not blink (calm, and views stay reproducible).
func Input(width int) textinput.Model {
	in := textinput.New()
	in.Prompt = ""
	in.Width = width
	in.Cursor.SetMode(cursor.CursorStatic)
	in.Focus()
	return in
}

// FieldLine draws a field's name and what is typed in it, marked when it has the keys.
func (st *Styles) FieldLine(name string, in textinput.Model, focused bool) string {
	if focused {
		return st.FieldOn.Render("› "+Cell(name, FieldName, false)) + in.View()
	}
	return st.Field.Render("  "+Cell(name, FieldName, false)) + in.View()
}

// Typed is what a key did to a one-field form.
type Typed int

// What a key does to a one-field form.
const (
	Typing    Typed = iota // the key was typed into the field
	Submitted              // the form's value is to be used
	Dismissed              // the form is to close
)

// Type takes a key on a one-field form (a discount, a tip, an address): submit and back
// are its keys, and any other key is typed into the field.
func Type(msg tea.KeyMsg, submit, back key.Binding, in textinput.Model) (textinput.Model, Typed, tea.Cmd) {
	switch {
	case key.Matches(msg, submit):
		return in, Submitted, nil
	case key.Matches(msg, back):
		return in, Dismissed, nil
	}
	in, cmd := in.Update(msg)
	return in, Typing, cmd
}
