package readers

import "github.com/till-pos/till/ui/common"

// faultList lists the emulator's faults (Demo.Faults); none without an emulator.
func (m Model) faultList() []common.Fault {
	if m.deps.Demo == nil {
		return nil
	}
	return m.deps.Demo.Faults()
}
