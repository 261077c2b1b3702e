// Package export writes the support screen's exports (an order's timeline, the shift
// report) into the configured export directory, creating it when it is missing, and
// says where they went, in full.
package export

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/common"
)

// Stamp names an export for a moment, in UTC: "20260314-150926".
func Stamp(t time.Time) string { return t.UTC().Format("20060102-150405") }

// File is one file to write, named till-KIND-STAMP.EXT by checkout.ExportPath (which
// refuses anything but a plain name), and how to make its content.
type File struct {
	Kind, Stamp, Ext string // e.g. "shift", "20260314-150926", "csv"
	Data             func() ([]byte, error)
}

// Write writes each file into dir, made if missing; exports hold no secrets, but
// payments are nobody else's business, so the files and the directory are private to
// the user. It returns the full paths written.
func Write(dir string, files ...File) ([]string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	var paths []string
	for _, f := range files {
		b, err := f.Data()
		if err != nil {
			return paths, err
		}
		path, err := checkout.ExportPath(dir, f.Kind, f.Stamp, f.Ext)
		if err != nil {
			return paths, err
		}
		if err := os.WriteFile(path, b, 0o600); err != nil {
			return paths, err
		}
		paths = append(paths, path)
	}
	return paths, nil
}

// Said is where files went, in words, the directory once: "Exported to /dir/: a.csv
// and .json." A file named as the one before it but for its extension is named by its
// extension, so a shift's two files fit a narrow screen's status line.
func Said(paths []string) string {
	if len(paths) == 0 {
		return ""
	}
	names := []string{filepath.Base(paths[0])}
	for i, p := range paths[1:] {
		name, before := filepath.Base(p), filepath.Base(paths[i])
		if ext := filepath.Ext(name); ext != "" && strings.TrimSuffix(name, ext) == strings.TrimSuffix(before, filepath.Ext(before)) {
			name = ext
		}
		names = append(names, name)
	}
	return "Exported to " + Dir(paths) + ": " + strings.Join(names, " and ") + "."
}

// Dir is the directory files were written to, with its final separator: "/dir/".
func Dir(paths []string) string {
	return filepath.Dir(paths[0]) + string(filepath.Separator)
}

// Lines are where files went, for a pane, in lines of at most w cells: the directory,
// broken after a separator where it is longer than a line (and a name longer than a
// line where it must), then each file's name,
// indented.
func Lines(paths []string, w int) []string {
	if len(paths) == 0 {
		return nil
	}
	var lines []string
	line := ""
	for _, part := range strings.SplitAfter(Dir(paths), string(filepath.Separator)) {
		if line != "" && ansi.StringWidth(line+part) > w {
			lines, line = append(lines, common.Wrap(line, w)...), ""
		}
		line += part
	}
	lines = append(lines, common.Wrap(line, w)...)
	for _, p := range paths {
		lines = append(lines, "  "+filepath.Base(p))
	}
	return lines
}

// Cmd writes the files and flashes where they went, or why they did not.
func Cmd(dir string, files ...File) tea.Cmd {
	return func() tea.Msg {
		paths, err := Write(dir, files...)
		if err != nil {
			return common.FlashMsg{Level: common.LevelError, Text: Failed(err)}
		}
		return common.FlashMsg{Level: common.LevelWarn, Text: Said(paths)}
	}
}

// Failed says why files were not exported.
func Failed(err error) string { return "Could not export: " + err.Error() }

// JSON is v as indented JSON with a final newline.
func JSON(v any) ([]byte, error) {
	b, err := json.MarshalIndent(v, "", "  ")
	return append(b, '\n'), err
}

// Encoded is what write writes.
func Encoded(write func(io.Writer) error) ([]byte, error) {
	var b bytes.Buffer
	err := write(&b)
	return b.Bytes(), err
}
