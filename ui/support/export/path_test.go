package export

import (
	"os"
	"path/filepath"
	"testing"
)

// Issue 11 defect 1: an export's file name was built from an order id, so "../" wrote
// outside the export folder. Every export is named by checkout.ExportPath, which
// refuses any part that could leave the folder: nothing is written anywhere.
func TestExportsNeverLeaveTheirFolder(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "exports")
	data := func() ([]byte, error) { return []byte("{}\n"), nil }
	for _, f := range []File{
		{Kind: "timeline", Stamp: "/../../escaped", Ext: "json", Data: data},
		{Kind: "timeline", Stamp: "../x", Ext: "json", Data: data},
		{Kind: "../timeline", Stamp: "20260314-150926", Ext: "json", Data: data},
		{Kind: "timeline", Stamp: "20260314-150926", Ext: "json/../../x", Data: data},
	} {
		if paths, err := Write(dir, f); err == nil || len(paths) != 0 {
			t.Errorf("%+v written to %v", f, paths)
		}
	}
	if entries, _ := os.ReadDir(root); len(entries) != 1 {
		t.Errorf("the temp dir holds %v, want only the (empty) export folder", entries)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("the export folder holds %v", entries)
	}
	paths, err := Write(dir, File{Kind: "shift", Stamp: "20260314-150926", Ext: "csv", Data: data})
	if err != nil || len(paths) != 1 || paths[0] != filepath.Join(dir, "till-shift-20260314-150926.csv") {
		t.Fatalf("a plain export: %v %v", paths, err)
	}
}

// Where files went names the directory once, and a second file of the same name by
// its extension: a shift's report fits a 60-column status line in three lines.
func TestSaid(t *testing.T) {
	dir := filepath.Join("/home", "cashier", ".local", "share", "till", "exports")
	for _, tc := range []struct {
		names []string
		want  string
	}{
		{[]string{"till-timeline-20260314-150926.json"}, "Exported to /home/cashier/.local/share/till/exports/: till-timeline-20260314-150926.json."},
		{[]string{"till-shift-20260314-150926.csv", "till-shift-20260314-150926.json"},
			"Exported to /home/cashier/.local/share/till/exports/: till-shift-20260314-150926.csv and .json."},
		{[]string{"till-shift-20260314-150926.csv", "till-timeline-20260314-150926.json"},
			"Exported to /home/cashier/.local/share/till/exports/: till-shift-20260314-150926.csv and till-timeline-20260314-150926.json."},
	} {
		var paths []string
		for _, n := range tc.names {
			paths = append(paths, filepath.Join(dir, n))
		}
		if got := Said(paths); got != tc.want {
			t.Errorf("Said(%v) = %q, want %q", tc.names, got, tc.want)
		}
	}
	if got := Said(nil); got != "" {
		t.Errorf("Said(nil) = %q", got)
	}
}
