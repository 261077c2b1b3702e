package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// Errors that Open wraps, so callers can tell why a database could not be opened.
var (
	// ErrLocked: another till (or another Open in this process) holds the database.
	ErrLocked = errors.New("database in use by another till")
	// ErrCorrupt: the file is damaged or is not a till database.
	ErrCorrupt = errors.New("damaged or foreign database")
	// ErrNewer: the database was written by a newer till, with a schema this one cannot read.
	ErrNewer = errors.New("database made by a newer till")
)

// Options tune Open.
type Options struct {
	// Timeout bounds the wait for another till to release the database; 0 means 1s.
	Timeout time.Duration
}

// Store is an open till database. Its methods are safe for concurrent use.
type Store struct {
	db      *bbolt.DB
	path    string
	version int
}

// Open opens the database at path, creating it (and its parent directories) when it
// does not exist, and brings its schema up to date.
func Open(path string, opts Options) (*Store, error) {
	if path == "" {
		return nil, errors.New("no database path given")
	}
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	if info, err := os.Stat(path); err == nil && info.IsDir() {
		return nil, fmt.Errorf("%s is a directory; give a file path such as %s", path, filepath.Join(path, "till.db"))
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("cannot create the directory for %s: %w", path, err)
	}
	timeout := opts.Timeout
	if timeout <= 0 {
		timeout = time.Second
	}
	db, err := openBolt(path, timeout)
	if err != nil {
		return nil, openFailure(path, err)
	}
	// Grow the file a little at a time (bbolt's default is 16 MB at once): till's
	// database is small, and its size per order is one of its promises.
	db.AllocSize = allocSize
	s := &Store{db: db, path: path}
	if err := s.migrate(); err != nil {
		_ = db.Close()
		return nil, err
	}
	return s, nil
}

// allocSize is how much the file grows by once it is past that size.
const allocSize = 256 << 10

// damaged remembers, per absolute path, why opening a file made bbolt panic. bbolt
// leaves such a file memory-mapped, and the mapping holds its lock for the life of the
// process, so without this a later Open in the same process would blame another till.
var damaged sync.Map

// openBolt opens the file, turning a panic on a damaged file into an error.
func openBolt(path string, timeout time.Duration) (db *bbolt.DB, err error) {
	var file *os.File
	defer func() {
		if r := recover(); r != nil {
			if file != nil {
				_ = file.Close() // bbolt does not; this at least frees the descriptor
			}
			damaged.Store(path, fmt.Sprint(r))
			db, err = nil, fmt.Errorf("%w: %v", bolterrors.ErrInvalid, r)
		}
	}()
	db, err = bbolt.Open(path, 0o600, &bbolt.Options{
		Timeout: timeout,
		OpenFile: func(name string, flag int, mode os.FileMode) (*os.File, error) {
			f, err := os.OpenFile(name, flag, mode)
			file = f
			return f, err
		},
	})
	if err == nil {
		damaged.Delete(path)
	}
	return db, err
}

// openFailure explains why bbolt could not open path.
func openFailure(path string, err error) error {
	switch {
	case errors.Is(err, bolterrors.ErrTimeout):
		if detail, ok := damaged.Load(path); ok {
			return corrupt(path, fmt.Sprintf("invalid database: %v", detail))
		}
		return &pathError{kind: ErrLocked, msg: fmt.Sprintf("another till is using %s; close it first (or pass --db another path)", path)}
	case errors.Is(err, bolterrors.ErrInvalid), errors.Is(err, bolterrors.ErrChecksum),
		errors.Is(err, bolterrors.ErrVersionMismatch), errors.Is(err, bolterrors.ErrInvalidMapping):
		return corrupt(path, err.Error())
	}
	if diskFull(err) {
		return &diskError{what: "cannot open till's database", path: path, err: err}
	}
	return fmt.Errorf("cannot open till's database %s: %w", path, err)
}

func corrupt(path, detail string) error {
	return &pathError{kind: ErrCorrupt, msg: fmt.Sprintf("%s is damaged or is not a till database (%s); move it aside or pass --db another path", path, detail)}
}

// pathError is an Open failure with a message meant for the cashier.
type pathError struct {
	kind error
	msg  string
}

func (e *pathError) Error() string { return e.msg }
func (e *pathError) Unwrap() error { return e.kind }

// Close releases the database so another till can open it. Closing twice is harmless.
func (s *Store) Close() error { return s.db.Close() }

// Path is the database file's absolute path.
func (s *Store) Path() string { return s.path }

// SchemaVersion is the schema version of the open database.
func (s *Store) SchemaVersion() int { return s.version }
