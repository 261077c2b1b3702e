package emulator

import (
	"fmt"
	"slices"
)

// FaultInfo is one switch of a demo fault panel: its name and a one-line explanation a
// person can read beside it. A global switch acts on the whole emulator, not on one
// reader.
type FaultInfo struct {
	Name        string `json:"name"`
	Explanation string `json:"explanation"`
	Global      bool   `json:"global,omitempty"`
}

// faultSwitch is a named fault: how to read it from a Fault and how to set it.
type faultSwitch struct {
	FaultInfo
	on  func(Fault) bool
	set func(f *Fault, on bool)
}

// boolFault is a named fault that is one boolean of Fault.
func boolFault(name, explanation string, field func(*Fault) *bool) faultSwitch {
	return faultSwitch{FaultInfo: FaultInfo{Name: name, Explanation: explanation},
		on: func(f Fault) bool { return *field(&f) }, set: func(f *Fault, on bool) { *field(f) = on }}
}

// variantFault is a named fault that is one value of a string field of Fault.
func variantFault(name, explanation string, field func(*Fault) *string, variant string) faultSwitch {
	return faultSwitch{FaultInfo: FaultInfo{Name: name, Explanation: explanation},
		on: func(f Fault) bool { return *field(&f) == variant },
		set: func(f *Fault, on bool) {
			*field(f) = ""
			if on {
				*field(f) = variant
			}
		}}
}

func timeoutField(f *Fault) *string    { return &f.Timeout }
func connectionField(f *Fault) *string { return &f.ConnectionError }

// faultSwitches are the reader faults a demo panel can switch on and off, one switch
// each. "timeout" and "timeout_delivered" share Fault.Timeout, as do the two
// connection_error names Fault.ConnectionError: switching one on replaces the other.
var faultSwitches = []faultSwitch{
	boolFault("offline", "Reader offline: Stripe has not heard from it for 2 minutes, so every command is refused (terminal_reader_offline).",
		func(f *Fault) *bool { return &f.Offline }),
	variantFault("timeout", "Command lost: each command times out (terminal_reader_timeout) and the reader never gets it.",
		timeoutField, TimeoutLost),
	variantFault("timeout_delivered", "Timeout after delivery: the reader runs each command, but the answer is terminal_reader_timeout.",
		timeoutField, TimeoutDelivered),
	variantFault("connection_error", "Reader loses Stripe while authorizing: the payment fails with connection_error, nothing is charged.",
		connectionField, ConnectionNotAuthorized),
	variantFault("connection_error_authorized", "Reader loses Stripe after the bank approved: the action fails with connection_error, but the payment went through.",
		connectionField, ConnectionAuthorized),
	boolFault("disconnect", "Reader drops off mid-payment: its action stays in progress with no webhook; commands time out, then it is offline.",
		func(f *Fault) *bool { return &f.Disconnect }),
	boolFault("customer_cancel", "Customer presses cancel on the reader (only offered when the payment allows customer cancellation).",
		func(f *Fault) *bool { return &f.CustomerCancel }),
	boolFault("reader_busy", "Reader busy: every command is refused with terminal_reader_busy, as if another request were running on it.",
		func(f *Fault) *bool { return &f.Busy }),
	boolFault("lost_capture", "Capture answer lost: captures of payments taken on this reader go through, but the answer never arrives.",
		func(f *Fault) *bool { return &f.LostCapture }),
	unreachableFault,
}

// unreachableFault is an outage for demos: every API request's connection is dropped
// (DropRate 1), for every reader and every client; the admin API still answers, so the
// panel that switched it on can switch it off.
var unreachableFault = faultSwitch{
	FaultInfo: FaultInfo{Name: "unreachable", Global: true,
		Explanation: "Stripe unreachable, for every reader and this till: each API request's connection drops unanswered, as when the shop's internet is down."},
	on: func(f Fault) bool { return f.DropRate >= 1 && !f.AfterMutation },
	set: func(f *Fault, on bool) {
		f.DropRate, f.AfterMutation = 0, false
		if on {
			f.DropRate = 1
		}
	},
}

// FaultNames are the names of the switchable faults, in panel order: the reader faults,
// then the global ones (FaultInfo.Global).
var FaultNames = func() []string {
	out := make([]string, len(faultSwitches))
	for i, s := range faultSwitches {
		out[i] = s.Name
	}
	return out
}()

// FaultCatalog lists the switchable faults with their explanations, in panel order.
func FaultCatalog() []FaultInfo {
	out := make([]FaultInfo, len(faultSwitches))
	for i, s := range faultSwitches {
		out[i] = s.FaultInfo
	}
	return out
}

func faultSwitchNamed(name string) (faultSwitch, bool) {
	i := slices.IndexFunc(faultSwitches, func(s faultSwitch) bool { return s.Name == name })
	if i < 0 {
		return faultSwitch{}, false
	}
	return faultSwitches[i], true
}

// Names lists the named faults that f has on, in FaultNames order.
func (f Fault) Names() []string {
	var out []string
	for _, s := range faultSwitches {
		if s.on(f) {
			out = append(out, s.Name)
		}
	}
	return out
}

// with returns f with the named fault switched on or off, leaving the rest as it was.
func (f Fault) with(name string, on bool) (Fault, error) {
	s, ok := faultSwitchNamed(name)
	if !ok {
		return f, fmt.Errorf("unknown fault %q (known: %v)", name, FaultNames)
	}
	if s.on(f) != on {
		s.set(&f, on)
	}
	return f, nil
}

// errGlobalOnReader refuses a global switch (FaultInfo.Global) named for one reader.
func errGlobalOnReader(name string) error {
	return fmt.Errorf("%s is switched for the whole emulator, not for one reader", name)
}

// SetNamedFault switches one named fault (see FaultNames) on or off on one reader, or
// globally with readerID "", keeping the scope's other faults. It fails for an unknown
// name or reader.
func (e *Emulator) SetNamedFault(readerID, name string, on bool) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if readerID != "" && !e.st.Readers.has(readerID) {
		return fmt.Errorf("no such reader: %s", readerID)
	}
	if s, ok := faultSwitchNamed(name); ok && s.Global && readerID != "" {
		return errGlobalOnReader(name)
	}
	f, err := e.faults[readerID].Fault.with(name, on)
	if err != nil {
		return err
	}
	e.setFaultLocked(readerID, f)
	return nil
}
