package emulator

import "sync"

// commitBufs holds the buffers of committed batches once written, for the next commits:
// a batch is a few KiB, grown line by line.
var commitBufs = sync.Pool{New: func() any { return new([]byte) }}

// commit ends a transaction under e.mu: the touched objects are re-indexed, retention
// forgets what is beyond it and, with a state file, the changes become one batch of
// lines ending in a commit line. It returns nil when there is nothing to write.
func (e *Emulator) commit() []byte {
	st := e.st
	w := e.writer()
	st.flushDirty(&w)
	for _, t := range st.tables {
		t.retire(&w, e.retention)
	}
	// A removed object's owner entry goes with it (table.forgetOwner).
	for _, id := range st.forgotten {
		st.Owners.del(id)
	}
	st.forgotten = st.forgotten[:0]
	st.flushDirty(&w)
	return st.seal(&w)
}

// writer is the writer of a transaction's lines: with a state file, on a buffer
// of commitBufs.
func (e *Emulator) writer() recordWriter {
	w := recordWriter{persist: e.file != nil}
	if w.persist {
		w.buf = (*commitBufs.Get().(*[]byte))[:0]
	}
	return w
}

// seal ends w's lines with a commit line carrying the id counter and returns them, nil
// when there is no state file or nothing to write.
func (st *state) seal(w *recordWriter) []byte {
	if !w.persist {
		return nil
	}
	if len(w.buf) == 0 && st.Seq == st.savedSeq && st.Boots == st.savedBoots {
		buf := w.buf // a variable of its own, so that w stays on the stack
		commitBufs.Put(&buf)
		return nil
	}
	st.savedSeq, st.savedBoots = st.Seq, st.Boots
	return appendCommit(w.buf, st.Seq, st.Boots)
}

// flushDirty ends the commit of every table touched since the last one: re-indexed
// and, when w persists, written.
func (st *state) flushDirty(w *recordWriter) {
	for _, t := range st.dirty {
		t.flush(w)
	}
	clear(st.dirty)
	st.dirty = st.dirty[:0]
}

// finish commits x, releases e.mu and writes the batch before returning, so the caller
// answers only once the change is in the file. The file's lock is taken before e.mu is
// released: batches reach the file in commit order while the next request already runs.
func (e *Emulator) finish(x *txn) webhookBatch {
	b := e.commit()
	hooks := x.webhookBatch()
	e.unlockWriting(b)
	return hooks
}

// unlockWriting releases e.mu and appends b, a batch ending in a commit line (nil:
// nothing), to the state file, taking the file's lock first so that batches reach the
// file in commit order.
func (e *Emulator) unlockWriting(b []byte) {
	if b == nil {
		e.mu.Unlock()
		return
	}
	e.file.mu.Lock()
	e.mu.Unlock()
	e.file.appendLocked(b) // keeps no reference to b
	e.file.mu.Unlock()
	if cap(b) <= 1<<20 {
		commitBufs.Put(&b)
	}
}
