package main

import (
	"fmt"
	"strings"

	"github.com/till-pos/till/checkout"
)

// readerPref is the preference key under which the TUI remembers the chosen reader.
const readerPref = "reader"

// chooseReader picks the reader to use: the one asked for (which must exist), else the
// remembered one when it still exists, else the first listed.
func chooseReader(readers []checkout.Reader, wanted, remembered string) (checkout.Reader, error) {
	if len(readers) == 0 {
		return checkout.Reader{}, fmt.Errorf("this account has no readers; register one with till setup (or in the Stripe Dashboard)")
	}
	if wanted != "" {
		for _, r := range readers {
			if r.ID == wanted {
				return r, nil
			}
		}
		return checkout.Reader{}, fmt.Errorf("no reader %q; the readers are:\n%s", wanted, listReaders(readers))
	}
	for _, r := range readers {
		if r.ID == remembered {
			return r, nil
		}
	}
	return readers[0], nil
}

// orderReader is the reader an order works on: a resumed order stays on the reader it
// started on, whatever was chosen for this run.
func orderReader(readers []checkout.Reader, s checkout.Session, chosen checkout.Reader) checkout.Reader {
	for _, r := range readers {
		if r.ID == s.ReaderID {
			return r
		}
	}
	return chosen
}

func listReaders(readers []checkout.Reader) string {
	var b strings.Builder
	for _, r := range readers {
		status := r.Status
		if status == "" {
			status = "status unknown"
		}
		fmt.Fprintf(&b, "  %s  %s (%s, %s)\n", r.ID, r.Name(), r.DeviceType, status)
	}
	return strings.TrimRight(b.String(), "\n")
}
