package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"

	"github.com/charmbracelet/x/term"
)

// console is where a command asks the person at the terminal: plain prompts, no screen.
// The input is shared by every question a command asks, so answers typed ahead (or
// piped in a test) are not lost between them.
type console struct {
	in          *bufio.Reader
	out         io.Writer
	interactive bool                   // a person is there: stdin is a terminal
	hidden      func() (string, error) // reads a line without echo, for a key
	// onInterrupt, at a terminal, makes Ctrl-C restore the terminal (echo may be off
	// at a key question), call said and end the process; the returned func stops that.
	onInterrupt func(said func()) (stop func())
}

// stdinConsole is the process's terminal; tests replace it.
var stdinConsole = func(out io.Writer) *console {
	fd := os.Stdin.Fd()
	c := &console{in: bufio.NewReader(os.Stdin), out: out, interactive: term.IsTerminal(fd)}
	if c.interactive {
		c.hidden = func() (string, error) {
			b, err := term.ReadPassword(fd)
			fmt.Fprintln(out)
			return string(b), err
		}
		c.onInterrupt = func(said func()) func() {
			state, err := term.GetState(fd)
			ch := make(chan os.Signal, 1)
			signal.Notify(ch, os.Interrupt)
			go func() {
				if _, ok := <-ch; !ok {
					return
				}
				if err == nil {
					_ = term.Restore(fd, state)
				}
				said()
				os.Exit(130)
			}()
			return func() { signal.Stop(ch); close(ch) }
		}
	}
	return c
}

// errNoAnswer: the input ended before the question was answered.
var errNoAnswer = errors.New("no answer (the input ended)")

// ask prints the question (and the default in brackets) and returns the answer, or the
// default for an empty one.
func (c *console) ask(question, def string) (string, error) {
	if def != "" {
		fmt.Fprintf(c.out, "%s [%s]: ", question, def)
	} else {
		fmt.Fprintf(c.out, "%s: ", question)
	}
	line, err := c.in.ReadString('\n')
	if err != nil && (line == "" || !errors.Is(err, io.EOF)) {
		fmt.Fprintln(c.out)
		return "", errNoAnswer
	}
	if answer := strings.TrimSpace(line); answer != "" {
		return answer, nil
	}
	return def, nil
}

// askSecret asks for a key without echoing it when a terminal is attached.
func (c *console) askSecret(question string) (string, error) {
	if c.hidden == nil {
		return c.ask(question, "")
	}
	fmt.Fprintf(c.out, "%s: ", question)
	s, err := c.hidden()
	if err != nil {
		return "", errNoAnswer
	}
	return strings.TrimSpace(s), nil
}
