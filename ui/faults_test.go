package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/till-pos/till/ui/common"
	"github.com/till-pos/till/ui/internal/fake"
)

// The fault panel always shows the whole explanation of the fault under the cursor and
// the cursor itself, wherever it is: on a short screen (or under a long flash) its
// blank lines go first, then the list scrolls.
func TestFaultPanelFitsShortScreens(t *testing.T) {
	h := newHarnessWith(t, Options{}, map[string][]string{}, stuckFront(), offlineBack())
	h.openSupport(paneReaders)
	h.press("down", "f")
	long := common.Flash{Level: common.LevelError, Text: strings.Repeat("Could not switch the fault: the emulator did not answer. ", 3)}
	for i, f := range fake.EmulatorFaults() {
		if i > 0 {
			h.press("down")
		}
		for _, flash := range []common.Flash{{}, long} {
			m := h.m
			m.flash = flash
			for _, size := range [][2]int{{80, 24}, {60, 20}, {60, 16}} {
				v := ansi.Strip(sized(m, size[0], size[1]).View())
				checkFits(t, v, size[0], size[1])
				if words := strings.Join(strings.Fields(v), " "); !strings.Contains(words, f.Does) || !strings.Contains(v, "> "+f.Name) {
					t.Errorf("%dx%d, flash %v: the explanation of %s or its cursor is cut:\n%s", size[0], size[1], flash.Text != "", f.Name, v)
				}
			}
		}
	}
}
