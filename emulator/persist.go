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

// snapshot is the state encoded for the file, numbered so that an older snapshot never
// replaces a newer one on disk.
type snapshot struct {
	seq  int64
	body []byte // nil: nothing to write
	err  error
}

// snapshot encodes the state; write puts it on disk once e.mu is released. Callers
// hold e.mu.
func (e *Emulator) snapshot() snapshot {
	if e.opts.StatePath == "" {
		return snapshot{}
	}
	b, err := json.Marshal(e.st)
	if err != nil {
		return snapshot{err: fmt.Errorf("emulator: encode state: %w", err)}
	}
	e.snapshots++
	return snapshot{seq: e.snapshots, body: b}
}

// write writes a snapshot atomically (temp file + rename), so a crash leaves either the
// old or the new state, never half of one. It runs without e.mu, so requests do not
// wait for the disk, and skips a snapshot older than the one on disk.
func (e *Emulator) write(s snapshot) error {
	if s.err != nil || s.body == nil {
		return s.err
	}
	e.fileMu.Lock()
	defer e.fileMu.Unlock()
	if s.seq <= e.written {
		return nil
	}
	path := e.opts.StatePath
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("emulator: create state directory: %w", err)
	}
	tmp, err := os.CreateTemp(dir, filepath.Base(path)+".tmp*")
	if err != nil {
		return fmt.Errorf("emulator: write state: %w", err)
	}
	_, werr := tmp.Write(s.body)
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
	e.written = s.seq
	return nil
}

// persist writes a snapshot; a failure is logged, not returned: the change has
// happened in memory and the client must see its result.
func (e *Emulator) persist(s snapshot) {
	if err := e.write(s); err != nil {
		e.logf("%v", err)
	}
}
