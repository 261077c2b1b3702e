// Package fake is the screen's test bed: an in-memory Stripe (readers whose actions
// follow the presented test card, PaymentIntents), store and emulator fault panel, all
// recording into one log so tests can assert the order of saves and calls, a clock
// moved by hand, and a synchronous runner for Cmds. Only tests import it.
package fake

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"sync"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/emulator"
	"github.com/till-pos/till/ui/common"
)

// T0 is the fixed start of every test's clock: Saturday 14 March 2026, 15:09:26 UTC.
var T0 = time.Date(2026, 3, 14, 15, 9, 26, 0, time.UTC)

// Recorder is one log shared by the fake store and gateway.
type Recorder struct {
	mu      sync.Mutex
	entries []Entry
}

// Entry is a save (Save set) or a call (Step and Key set).
type Entry struct {
	Save    *checkout.Session
	Step    string
	Key     string
	Subject string // reader or intent id, or card number
}

func (r *Recorder) add(e Entry) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.entries = append(r.entries, e)
}

// All is every save and call, in order.
func (r *Recorder) All() []Entry {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Entry(nil), r.entries...)
}

// Calls lists the gateway calls as "step key subject" strings.
func (r *Recorder) Calls() []string {
	var out []string
	for _, e := range r.All() {
		if e.Save == nil {
			out = append(out, fmt.Sprintf("%s %s %s", e.Step, e.Key, e.Subject))
		}
	}
	return out
}

// Saves lists the saved sessions.
func (r *Recorder) Saves() []checkout.Session {
	var out []checkout.Session
	for _, e := range r.All() {
		if e.Save != nil {
			out = append(out, *e.Save)
		}
	}
	return out
}

// Clock is a clock tests move by hand.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// NewClock is a clock at t.
func NewClock(t time.Time) *Clock { return &Clock{t: t} }

// Now is the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Advance moves the clock.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// Demo is the emulator's fault panel in memory.
type Demo struct {
	log    *Recorder
	mu     sync.Mutex
	faults map[string][]string
}

// NewDemo is a fault panel with some faults on.
func NewDemo(log *Recorder, faults map[string][]string) *Demo {
	return &Demo{log: log, faults: faults}
}

// ReaderFaults lists the faults on, per reader.
func (d *Demo) ReaderFaults(context.Context) (map[string][]string, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	out := map[string][]string{}
	for k, v := range d.faults {
		out[k] = slices.Clone(v)
	}
	return out, nil
}

// Faults are the emulator's own, so screens show what the real panel shows.
func (d *Demo) Faults() []common.Fault { return EmulatorFaults() }

// EmulatorFaults is the emulator's fault catalog as the panel shows it.
func EmulatorFaults() []common.Fault {
	var out []common.Fault
	for _, f := range emulator.FaultCatalog() {
		out = append(out, common.Fault{Name: f.Name, Does: f.Explanation, Global: f.Global})
	}
	return out
}

// AdminPanel is the real emulator's admin API as the screen's fault panel.
type AdminPanel struct{ emulator.AdminClient }

// Faults are the emulator's.
func (AdminPanel) Faults() []common.Fault { return EmulatorFaults() }

// ToggleReaderFault switches one fault on or off.
func (d *Demo) ToggleReaderFault(_ context.Context, readerID, fault string) error {
	d.log.add(Entry{Step: "toggle_fault", Key: fault, Subject: readerID})
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.faults == nil {
		d.faults = map[string][]string{}
	}
	fs := d.faults[readerID]
	if i := slices.Index(fs, fault); i >= 0 {
		d.faults[readerID] = slices.Delete(slices.Clone(fs), i, i+1)
	} else {
		d.faults[readerID] = append(slices.Clone(fs), fault)
	}
	return nil
}

// Run executes a Cmd and every Cmd of a batch or a sequence, in order, returning their
// messages.
func Run(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	if msg == nil {
		return nil
	}
	var cmds []tea.Cmd
	switch m := msg.(type) {
	case tea.BatchMsg:
		cmds = m
	default:
		// tea.Sequence's message is an unexported []tea.Cmd.
		v := reflect.ValueOf(msg)
		if v.Kind() != reflect.Slice || v.Type().Elem() != reflect.TypeOf(tea.Cmd(nil)) {
			return []tea.Msg{msg}
		}
		for i := range v.Len() {
			cmds = append(cmds, v.Index(i).Interface().(tea.Cmd))
		}
	}
	var out []tea.Msg
	for _, c := range cmds {
		out = append(out, Run(c)...)
	}
	return out
}
