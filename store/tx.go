package store

import (
	"errors"
	"fmt"

	"go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// view runs fn in a read transaction; what names the operation in errors.
func (s *Store) view(what string, fn func(*bbolt.Tx) error) error {
	return s.describe(what, s.run(false, fn))
}

// update runs fn in a write transaction, committed (fsynced) before it returns.
func (s *Store) update(what string, fn func(*bbolt.Tx) error) error {
	return s.describe(what, s.run(true, fn))
}

// run turns a panic in bbolt, which it raises on a damaged page, into an error;
// bbolt has already rolled the transaction back by then.
func (s *Store) run(write bool, fn func(*bbolt.Tx) error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = corrupt(s.path, fmt.Sprint(r))
		}
	}()
	if write {
		return s.db.Update(fn)
	}
	return s.db.View(fn)
}

func (s *Store) describe(what string, err error) error {
	var pe *pathError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &pe):
		return err
	case errors.Is(err, bolterrors.ErrDatabaseNotOpen):
		return fmt.Errorf("%s: till's database %s is closed", what, s.path)
	case diskFull(err):
		return &diskError{what: what, path: s.path, err: err}
	}
	return fmt.Errorf("%s: %w", what, err)
}
