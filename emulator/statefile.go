package emulator

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// stateFile is the append-only state file: every commit appends the records it changed
// (one write, before the request is answered), and a background compaction rewrites
// the file with only the newest version of each live record once it has grown by half.
//
// What survives what: a change is in the file (in the kernel's page cache) before its
// response is sent, so every answered change survives the emulator process being
// killed at any moment, SIGKILL included; a write cut short by the kill is dropped at
// the next start (it was never answered). The file is fsynced after each compaction and
// on Close, not per change: after a power loss or OS crash the changes of the last
// seconds may be lost, and a file damaged in the middle is refused rather than guessed.
type stateFile struct {
	path   string
	logf   func(format string, args ...any)
	unlock func() error

	mu         sync.Mutex // orders appends: taken before e.mu is released, so the file follows commit order
	f          *os.File
	size       int64
	pending    []byte // transactions a failed write left out, written before the next
	failing    bool   // the last write failed (logged once until one succeeds)
	broken     bool   // a failed write could not be undone: nothing more is written
	compactAt  int64
	compacting bool
	compacted  int // compactions done, for tests
	kept       int // records the last compaction kept
	closed     bool
	wg         sync.WaitGroup
}

// minCompact is the growth below which the file is never compacted (a variable for
// tests).
var minCompact int64 = 4 << 20

// openStateFile locks the state file, migrates a file of the first format, and loads
// the state into st.
func openStateFile(path string, st *state, logf func(string, ...any)) (*stateFile, error) {
	dir := filepath.Dir(path)
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return nil, fmt.Errorf("emulator: cannot keep the state in %s: the directory %s does not exist (create it first)", path, dir)
	}
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return nil, fmt.Errorf("emulator: the state file %s is a directory", path)
	}
	unlock, err := lockFile(path + ".lock")
	if errors.Is(err, errLocked) {
		return nil, fmt.Errorf("emulator: the state file %s is in use by another emulator (or till); stop it, or choose another state file", path)
	}
	if err != nil {
		return nil, fmt.Errorf("emulator: cannot lock the state file %s: %w", path, err)
	}
	sf := &stateFile{path: path, logf: logf, unlock: unlock}
	if err := sf.open(st); err != nil {
		unlock()
		return nil, err
	}
	return sf, nil
}

func (sf *stateFile) open(st *state) error {
	path := sf.path
	removeCompactionLeftovers(path)
	data, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("emulator: cannot read the state file %s: %w", path, err)
	}
	good := int64(len(data))
	switch {
	case len(data) == 0 || bytes.HasPrefix(fileHeader, data):
		// new, or cut short while its header was written
		if err := writeFileAtomic(path, fileHeader); err != nil {
			return fmt.Errorf("emulator: cannot create the state file %s: %w", path, err)
		}
		good = int64(len(fileHeader))
	case isFirstFormat(data):
		migrated, err := migrateFirstFormat(data, st)
		if err != nil {
			return fmt.Errorf("emulator: the state file %s is corrupt (%v); move it away to start afresh", path, err)
		}
		if err := writeFileAtomic(path, migrated); err != nil {
			return fmt.Errorf("emulator: cannot rewrite the state file %s in the new format: %w", path, err)
		}
		sf.logf("emulator: state file %s converted to the append-only format", path)
		good = int64(len(migrated))
	default:
		n, err := loadRecords(data, st)
		if err != nil {
			return fmt.Errorf("emulator: the state file %s is corrupt (%v); move it away to start afresh", path, err)
		}
		good = n
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return fmt.Errorf("emulator: cannot open the state file %s: %w", path, err)
	}
	if good < int64(len(data)) {
		// The last transaction was cut short: it was never answered, so it is dropped.
		if err := f.Truncate(good); err != nil {
			f.Close()
			return fmt.Errorf("emulator: cannot repair the state file %s: %w", path, err)
		}
		sf.logf("emulator: state file %s: dropped an unfinished write (%d bytes) left by a stop mid-write", path, int64(len(data))-good)
	}
	sf.f, sf.size = f, good
	sf.compactAt = nextCompaction(good)
	return nil
}

func nextCompaction(size int64) int64 { return size + max(minCompact, size/2) }

// loadRecords applies the committed transactions of a state file to st and returns the
// length of the committed part. Damage after the last commit is an unfinished write;
// damage before it is corruption.
func loadRecords(data []byte, st *state) (int64, error) {
	if !bytes.HasPrefix(data, fileHeader) {
		return 0, errors.New("not an emulator state file, or one written by a newer till")
	}
	type pendingRec struct {
		t    anyTable
		h    recordHeader
		body []byte
	}
	var pending []pendingRec
	off, good := len(fileHeader), len(fileHeader)
	for off < len(data) {
		nl := bytes.IndexByte(data[off:], '\n')
		if nl < 0 {
			break
		}
		h, body, err := parseRecord(data[off : off+nl])
		if err == nil && !h.Commit && st.table(h.Kind) == nil {
			err = fmt.Errorf("records of kind %q, unknown to this version", h.Kind)
		}
		if err != nil {
			if committedAfter(data[off+nl+1:]) {
				return 0, fmt.Errorf("line at byte %d: %v", off, err)
			}
			break
		}
		off += nl + 1
		if !h.Commit {
			pending = append(pending, pendingRec{t: st.table(h.Kind), h: h, body: body})
			continue
		}
		for _, p := range pending {
			switch {
			case p.h.Deleted:
				p.t.loadTombstone(p.h.ID)
			case p.h.PendingSet:
				p.t.loadSide(p.h.ID, p.h.Pending)
			default:
				p.t.loadRecord(p.h, p.body)
			}
		}
		pending = pending[:0]
		st.Seq, st.Boots, good = h.Seq, h.Boots, off
	}
	for _, t := range st.tables {
		t.afterLoad()
	}
	st.savedSeq, st.savedBoots = st.Seq, st.Boots
	return int64(good), nil
}

// committedAfter reports a whole commit line in rest: damage before it is corruption.
func committedAfter(rest []byte) bool {
	for len(rest) > 0 {
		nl := bytes.IndexByte(rest, '\n')
		if nl < 0 {
			return false
		}
		if h, _, err := parseRecord(rest[:nl]); err == nil && h.Commit {
			return true
		}
		rest = rest[nl+1:]
	}
	return false
}

// append writes one transaction.
func (sf *stateFile) append(b []byte) {
	sf.mu.Lock()
	defer sf.mu.Unlock()
	sf.appendLocked(b)
}

// appendLocked writes one transaction (and any a failed write left out) in one write.
// A failure is logged, not returned: the change has happened in memory and the client
// must see its result; it is written with the next transaction that gets through.
func (sf *stateFile) appendLocked(b []byte) {
	if sf.broken || len(b) == 0 && len(sf.pending) == 0 {
		return
	}
	if len(sf.pending) > 0 {
		b = append(sf.pending, b...)
	}
	n, err := sf.f.Write(b)
	if err == nil {
		sf.size += int64(n)
		sf.pending = nil
		if sf.failing {
			sf.failing = false
			sf.logf("emulator: the state file %s is written again", sf.path)
		}
		sf.maybeCompact()
		return
	}
	if n > 0 {
		// Cut the partial transaction off, so the file still ends at a commit.
		if terr := sf.f.Truncate(sf.size); terr != nil {
			sf.broken = true
			sf.logf("emulator: cannot write the state file %s (%v) nor undo a partial write (%v); changes are kept in memory only from now on", sf.path, err, terr)
			return
		}
	}
	sf.pending = append([]byte(nil), b...)
	if !sf.failing {
		sf.failing = true
		sf.logf("emulator: cannot write the state file %s: %v; changes are kept in memory and written once it can be written", sf.path, err)
	}
}

// close waits for a running compaction, writes what is pending, syncs and unlocks.
func (sf *stateFile) close() error {
	sf.mu.Lock()
	if sf.closed {
		sf.mu.Unlock()
		return nil
	}
	sf.closed = true
	sf.mu.Unlock()
	sf.wg.Wait()
	sf.mu.Lock()
	defer sf.mu.Unlock()
	sf.appendLocked(nil)
	sf.broken = true // nothing more is written
	err := errors.Join(sf.f.Sync(), sf.f.Close(), sf.unlock())
	if err != nil {
		return fmt.Errorf("emulator: closing the state file %s: %w", sf.path, err)
	}
	return nil
}

// writeFileAtomic writes a whole file through a synced temporary file and a rename, so
// a crash leaves the old file or the new one.
func writeFileAtomic(path string, data []byte) error {
	tmp, err := createTempBeside(path)
	if err != nil {
		return err
	}
	_, werr := tmp.Write(data)
	serr := tmp.Sync()
	cerr := tmp.Close()
	if err := errors.Join(werr, serr, cerr); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	syncDir(filepath.Dir(path))
	return nil
}

// tempInfix names the temporary files written beside a state file (a compaction's, an
// atomic rewrite's): "state.json.compact-123".
const tempInfix = ".compact-"

// createTempBeside creates a temporary file beside the state file at path.
func createTempBeside(path string) (*os.File, error) {
	return os.CreateTemp(filepath.Dir(path), filepath.Base(path)+tempInfix+"*")
}

// removeCompactionLeftovers deletes the temporary files a crash left beside the state file.
func removeCompactionLeftovers(path string) {
	dir, prefix := filepath.Dir(path), filepath.Base(path)+tempInfix
	entries, _ := os.ReadDir(dir)
	for _, en := range entries {
		if strings.HasPrefix(en.Name(), prefix) {
			os.Remove(filepath.Join(dir, en.Name()))
		}
	}
}

// syncDir makes a rename in dir durable where the platform allows it.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}
