package common

import (
	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/textinput"
)

// TextField is a focused text field that holds exactly what is typed: no prompt, no
// placeholder (which would look like a value), no length limit (which would silently
// drop what is typed past it), and a cursor that does not blink (calm, and views stay
// reproducible).
func TextField(width int) textinput.Model {
	in := textinput.New()
	in.Prompt = ""
	in.Width = width
	in.Cursor.SetMode(cursor.CursorStatic)
	in.Focus()
	return in
}
