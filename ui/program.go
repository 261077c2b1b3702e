package ui

import (
	"os"
	"os/signal"
	"sync"
	"syscall"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/term"
)

// Run opens the cashier screen on the terminal and returns when the cashier quits.
// main calls it so that no other package needs to know Bubble Tea.
//
// It also returns when the terminal goes away (its window closed, an SSH session
// dropped): left running without a screen, a till would keep the database and the
// emulator's state file to itself until someone found and killed it, and the next
// till would refuse to start. Every payment step is saved before its call, so
// stopping there loses nothing a restart does not pick up.
func Run(deps Deps, opts Options) error {
	hangup := make(chan os.Signal, 1)
	signal.Notify(hangup, syscall.SIGHUP)
	defer signal.Stop(hangup)
	var p *tea.Program
	if term.IsTerminal(os.Stdin.Fd()) {
		p = program(New(deps, opts), os.Stdin, tea.WithAltScreen())
	} else { // Bubble Tea opens the terminal itself
		p = tea.NewProgram(New(deps, opts), tea.WithAltScreen())
	}
	done := make(chan struct{})
	defer close(done)
	go func() {
		select {
		case <-hangup:
			p.Quit()
		case <-done:
		}
	}()
	_, err := p.Run()
	return err
}

// program runs m reading keys from in, and quits once in reaches its end: reading a
// terminal that hung up gives end-of-file, after which Bubble Tea would go on for ever
// without input (a till started through make or a script gets no SIGHUP then).
func program(m tea.Model, in *os.File, opts ...tea.ProgramOption) *tea.Program {
	input := &closingInput{File: in}
	p := tea.NewProgram(m, append(opts, tea.WithInput(input))...)
	input.ended = p.Quit
	return p
}

// closingInput is a terminal (still a file, so Bubble Tea sets it raw and can cancel
// a read) that calls ended once its reads fail.
type closingInput struct {
	*os.File
	ended func()
	once  sync.Once
}

func (c *closingInput) Read(b []byte) (int, error) {
	n, err := c.File.Read(b)
	if err != nil {
		c.once.Do(c.ended)
	}
	return n, err
}
