package ui

import (
	"io"
	"os"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// keysSeen is a model that counts the keys it is sent.
type keysSeen struct{ keys chan string }

func (m keysSeen) Init() tea.Cmd { return nil }
func (m keysSeen) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyMsg); ok {
		m.keys <- k.String()
	}
	return m, nil
}
func (m keysSeen) View() string { return "" }

// TestProgramQuitsWhenItsTerminalGoesAway: keys are read as usual, and once the input
// ends (a terminal that hung up reads as end-of-file) the program returns by itself
// instead of running on without input.
func TestProgramQuitsWhenItsTerminalGoesAway(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	m := keysSeen{keys: make(chan string, 8)}
	p := program(m, r, tea.WithOutput(io.Discard), tea.WithoutSignalHandler())
	ran := make(chan error, 1)
	go func() { _, err := p.Run(); ran <- err }()
	w.Write([]byte("a"))
	select {
	case k := <-m.keys:
		if k != "a" {
			t.Fatalf("read key %q, want a", k)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the key typed was never read")
	}
	select {
	case err := <-ran:
		t.Fatalf("the program stopped before its input ended: %v", err)
	case <-time.After(100 * time.Millisecond):
	}
	w.Close() // the terminal goes away
	select {
	case err := <-ran:
		if err != nil {
			t.Fatalf("the program ended with %v, want a clean quit", err)
		}
	case <-time.After(5 * time.Second):
		p.Kill()
		t.Fatal("the program ran on after its input ended")
	}
}
