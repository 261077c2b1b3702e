// Package export writes the support screen's exports (an order's timeline, the shift
// report) and says where they went.
package export

import (
	"encoding/json"
	"os"
	"slices"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/till-pos/till/ui/common"
)

// File is one file to write: its path and how to make its content.
type File struct {
	Path string
	Data func() ([]byte, error)
}

// Cmd writes each file and flashes where they went, or why they did not. Exports
// hold no secrets, but payments are nobody else's business, so the files are private
// to the user.
func Cmd(files ...File) tea.Cmd {
	return func() tea.Msg {
		var paths []string
		for _, f := range files {
			b, err := f.Data()
			if err == nil {
				err = os.WriteFile(f.Path, b, 0o600)
			}
			if err != nil {
				return common.FlashMsg{Level: common.LevelError, Text: "Could not export: " + err.Error()}
			}
			paths = append(paths, f.Path)
		}
		slices.Sort(paths)
		return common.FlashMsg{Level: common.LevelWarn, Text: "Exported to " + strings.Join(paths, " and ") + "."}
	}
}

// JSON is v as indented JSON with a final newline.
func JSON(v any) ([]byte, error) {
	b, err := json.MarshalIndent(v, "", "  ")
	return append(b, '\n'), err
}
