package emulator

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// loadState reads the state file; a missing file (or no path) is an empty state.
func loadState(path string) (*state, error) {
	if path == "" {
		return newState(), nil
	}
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return newState(), nil
	}
	if err != nil {
		return nil, fmt.Errorf("emulator: cannot read state file %s: %w", path, err)
	}
	st := newState()
	if err := json.Unmarshal(b, st); err != nil {
		return nil, fmt.Errorf("emulator: state file %s is corrupt (%v); move it away to start afresh", path, err)
	}
	if st.Version != stateVersion {
		return nil, fmt.Errorf("emulator: state file %s has version %d, this emulator reads version %d; move it away to start afresh",
			path, st.Version, stateVersion)
	}
	st.fillMaps()
	return st, nil
}

// save writes the state atomically (temp file + rename), so a crash leaves either the
// old or the new state, never half of one. Callers hold e.mu.
func (e *Emulator) save() error {
	path := e.opts.StatePath
	if path == "" {
		return nil
	}
	b, err := json.Marshal(e.st)
	if err != nil {
		return fmt.Errorf("emulator: encode state: %w", err)
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("emulator: create state directory: %w", err)
	}
	tmp, err := os.CreateTemp(dir, filepath.Base(path)+".tmp*")
	if err != nil {
		return fmt.Errorf("emulator: write state: %w", err)
	}
	_, werr := tmp.Write(b)
	serr := tmp.Sync()
	cerr := tmp.Close()
	if err := errors.Join(werr, serr, cerr); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("emulator: write state: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("emulator: write state: %w", err)
	}
	return nil
}
