package ui

import (
	"os"
	"path/filepath"
	"testing"
)

// Issue 11 defect 1: the timeline export built its file name from the order id, so an
// id with "../" wrote outside the export folder. It names files through
// checkout.ExportPath now, which refuses such an id: nothing is written anywhere.
func TestTimelineExportNeverLeavesItsFolder(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "exports")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	m := Model{opts: Options{ExportDir: dir}.withDefaults()}
	m.sup.order = "/../../escaped" // joined, it named root/escaped.json
	msg, ok := m.exportTimeline()().(exportedMsg)
	if !ok || msg.err == nil || len(msg.paths) != 0 {
		t.Fatalf("export of %q: %+v", m.sup.order, msg)
	}
	for _, d := range []string{root, dir} {
		if entries, _ := os.ReadDir(d); len(entries) > 1 || (d == dir && len(entries) > 0) {
			t.Errorf("%s holds %v", d, entries)
		}
	}
}
