package ui

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/till-pos/till/checkout"
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

// The screen's own order ids pass checkout's rule, so a charge never starts with one
// ChargeRequested would refuse.
func TestGeneratedOrderIDsAreValid(t *testing.T) {
	gen := orderIDs(time.Now)
	for i := 0; i < 50; i++ {
		if id := gen(); checkout.ValidOrderID(id) != nil {
			t.Fatalf("generated %q", id)
		}
	}
}
