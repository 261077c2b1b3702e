package emulator

import (
	"bufio"
	"cmp"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
)

// maybeCompact starts a compaction once the file has outgrown its live part by half.
// Callers hold sf.mu.
func (sf *stateFile) maybeCompact() {
	if sf.compacting || sf.closed || sf.broken || sf.size < sf.compactAt {
		return
	}
	sf.compacting = true
	sf.wg.Add(1)
	go sf.compact(sf.size)
}

// compact rewrites the file with the newest version of each live record. It reads the
// file's first end bytes (whole transactions) without any lock, so requests go on; only
// the copy of what was appended meanwhile and the swap run under sf.mu.
func (sf *stateFile) compact(end int64) {
	defer sf.wg.Done()
	err := sf.rewrite(end)
	sf.mu.Lock()
	defer sf.mu.Unlock()
	sf.compacting = false
	if err == nil {
		sf.compacted++
	}
	if err != nil {
		sf.compactAt = nextCompaction(sf.size)
		sf.logf("emulator: compacting the state file %s failed (it keeps growing until the next try): %v", sf.path, err)
	}
}

func (sf *stateFile) rewrite(end int64) error {
	src, err := os.Open(sf.path)
	if err != nil {
		return err
	}
	defer src.Close()
	start := int64(len(fileHeader))
	// The newest line of every live record, by kind and id: the file is parsed once,
	// and the lines kept are then copied by their offsets without being parsed again.
	sf.mu.Lock()
	latest := make(map[recordKey]lineSpan, sf.kept+sf.kept/4) // the last compaction's count, to spare the map's growth
	sf.mu.Unlock()
	// sides are the newest side-counter lines (an event's pending_webhooks) after each
	// record's newest line, copied after it.
	sides := map[recordKey]lineSpan{}
	var meta recordHeader
	err = eachLine(io.NewSectionReader(src, start, end-start), func(off int64, line []byte) error {
		h, _, err := parseRecord(line)
		key := recordKey{h.Kind, h.ID}
		switch {
		case err != nil:
			return fmt.Errorf("line at byte %d: %w", off, err)
		case h.Commit:
			meta = h
		case h.Deleted:
			delete(latest, key)
			delete(sides, key)
		case h.PendingSet:
			if _, ok := latest[key]; ok {
				sides[key] = lineSpan{off: off, n: int64(len(line)) + 1}
			}
		default:
			latest[key] = lineSpan{off: off, n: int64(len(line)) + 1}
			delete(sides, key)
		}
		return nil
	})
	if err != nil {
		return err
	}
	kept := make([]lineSpan, 0, len(latest)+len(sides))
	for _, sp := range latest {
		kept = append(kept, sp)
	}
	for _, sp := range sides {
		kept = append(kept, sp)
	}
	slices.SortFunc(kept, func(a, b lineSpan) int { return cmp.Compare(a.off, b.off) })
	tmp, err := createTempBeside(sf.path)
	if err != nil {
		return err
	}
	done := false
	defer func() {
		if !done {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	w := bufio.NewWriterSize(tmp, 1<<20)
	w.Write(fileHeader)
	if err := copySpans(w, io.NewSectionReader(src, start, end-start), kept); err != nil {
		return err
	}
	w.Write(appendCommit(nil, meta.Seq, meta.Boots))
	if err := w.Flush(); err != nil {
		return err
	}
	// The compacted part is the live state; the next compaction is due once the file
	// outgrows it by half, counting what is copied below uncompacted.
	live, err := tmp.Seek(0, io.SeekCurrent)
	if err != nil {
		return err
	}
	// What was appended meanwhile (whole transactions, copied as they are), first
	// without the lock, so requests wait only for the last few.
	for range 3 {
		sf.mu.Lock()
		size := sf.size
		sf.mu.Unlock()
		if size-end < 64<<10 {
			break
		}
		if _, err := io.Copy(tmp, io.NewSectionReader(src, end, size-end)); err != nil {
			return err
		}
		end = size
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	f, err := sf.swap(tmp, src, end, live, len(kept))
	if err != nil {
		return err
	}
	done = true
	// Durable once synced; until then a crash of the machine (not of the process) may
	// lose the last transactions, as between compactions.
	syncDir(filepath.Dir(sf.path))
	_ = f.Sync()
	return nil
}

// swap copies the last transactions, then replaces the state file with tmp and reopens
// it, under sf.mu.
func (sf *stateFile) swap(tmp, src *os.File, end, live int64, kept int) (*os.File, error) {
	sf.mu.Lock()
	defer sf.mu.Unlock()
	if _, err := io.Copy(tmp, io.NewSectionReader(src, end, sf.size-end)); err != nil {
		return nil, err
	}
	size, err := tmp.Seek(0, io.SeekCurrent)
	if err != nil {
		return nil, err
	}
	if err := tmp.Close(); err != nil {
		return nil, err
	}
	// The old file is closed before the rename (Windows cannot replace an open file)
	// and reopened whatever happens.
	sf.f.Close()
	rerr := os.Rename(tmp.Name(), sf.path)
	f, err := os.OpenFile(sf.path, os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		sf.broken = true
		return nil, fmt.Errorf("cannot reopen the state file (changes are kept in memory only from now on): %w", err)
	}
	sf.f = f
	if rerr != nil {
		os.Remove(tmp.Name())
		return nil, rerr
	}
	sf.size, sf.compactAt, sf.kept = size, nextCompaction(live), kept
	return f, nil
}

// recordKey names a record in the state file.
type recordKey struct{ kind, id string }

// lineSpan is where a line (with its newline) is, from the start of the records.
type lineSpan struct{ off, n int64 }

// copySpans copies the spans of r, sorted by offset, to w in one sequential read,
// through r's buffer (w is buffered too: a span is no write of its own).
func copySpans(w io.Writer, r io.Reader, spans []lineSpan) error {
	br := bufio.NewReaderSize(r, 1<<20)
	var pos int64
	for _, sp := range spans {
		if _, err := br.Discard(int(sp.off - pos)); err != nil {
			return err
		}
		for left := int(sp.n); left > 0; {
			chunk, err := br.Peek(min(left, br.Size()))
			if len(chunk) == 0 {
				return err
			}
			w.Write(chunk)
			br.Discard(len(chunk))
			left -= len(chunk)
		}
		pos = sp.off + sp.n
	}
	return nil
}

// eachLine calls fn with each complete line of r (without its newline) and its offset.
func eachLine(r io.Reader, fn func(off int64, line []byte) error) error {
	br := bufio.NewReaderSize(r, 1<<20)
	var off int64
	var long []byte
	for {
		chunk, err := br.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			long = append(long, chunk...)
			continue
		}
		if err == io.EOF {
			return nil // a line without its newline is not a whole transaction's
		}
		if err != nil {
			return err
		}
		line := chunk
		if long != nil {
			line = append(long, chunk...)
			long = nil
		}
		if err := fn(off, line[:len(line)-1]); err != nil {
			return err
		}
		off += int64(len(line))
	}
}
