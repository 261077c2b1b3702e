package emulator

import (
	"fmt"
	"slices"
)

// FaultNames are the reader faults a demo panel can switch on and off, one switch each.
// "timeout" and "timeout_delivered" share Fault.Timeout, as do the two connection_error
// names Fault.ConnectionError: switching one on replaces the other.
var FaultNames = []string{
	"offline",                     // Fault.Offline
	"timeout",                     // Fault.Timeout = TimeoutLost
	"timeout_delivered",           // Fault.Timeout = TimeoutDelivered
	"connection_error",            // Fault.ConnectionError = ConnectionNotAuthorized
	"connection_error_authorized", // Fault.ConnectionError = ConnectionAuthorized
	"disconnect",                  // Fault.Disconnect
	"customer_cancel",             // Fault.CustomerCancel
}

// Names lists the named faults that f has on, in FaultNames order.
func (f Fault) Names() []string {
	var out []string
	for _, n := range FaultNames {
		if on, _ := f.has(n); on {
			out = append(out, n)
		}
	}
	return out
}

// has reports whether the named fault is on; ok is false for an unknown name.
func (f Fault) has(name string) (on, ok bool) {
	switch name {
	case "offline":
		return f.Offline, true
	case "timeout":
		return f.Timeout == TimeoutLost, true
	case "timeout_delivered":
		return f.Timeout == TimeoutDelivered, true
	case "connection_error":
		return f.ConnectionError == ConnectionNotAuthorized, true
	case "connection_error_authorized":
		return f.ConnectionError == ConnectionAuthorized, true
	case "disconnect":
		return f.Disconnect, true
	case "customer_cancel":
		return f.CustomerCancel, true
	}
	return false, false
}

// with returns f with the named fault switched on or off, leaving the rest as it was.
func (f Fault) with(name string, on bool) (Fault, error) {
	if !slices.Contains(FaultNames, name) {
		return f, fmt.Errorf("unknown fault %q (known: %v)", name, FaultNames)
	}
	if was, _ := f.has(name); was == on {
		return f, nil
	}
	switch name {
	case "offline":
		f.Offline = on
	case "timeout", "timeout_delivered":
		f.Timeout = ""
		if on {
			f.Timeout = map[string]string{"timeout": TimeoutLost, "timeout_delivered": TimeoutDelivered}[name]
		}
	case "connection_error", "connection_error_authorized":
		f.ConnectionError = ""
		if on {
			f.ConnectionError = map[string]string{"connection_error": ConnectionNotAuthorized,
				"connection_error_authorized": ConnectionAuthorized}[name]
		}
	case "disconnect":
		f.Disconnect = on
	case "customer_cancel":
		f.CustomerCancel = on
	}
	return f, nil
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
	f, err := e.faults[readerID].Fault.with(name, on)
	if err != nil {
		return err
	}
	e.setFaultLocked(readerID, f)
	return nil
}
