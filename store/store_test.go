package store

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.etcd.io/bbolt"
)

func TestOpenCreatesParentDirsAndPrivateFile(t *testing.T) {
	root := t.TempDir()
	path := filepath.Join(root, "a", "b", "till.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer s.Close()
	if s.Path() != path {
		t.Errorf("Path() = %q, want %q", s.Path(), path)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := info.Mode().Perm(); got != 0o600 {
		t.Errorf("file mode = %o, want 600", got)
	}
	for _, dir := range []string{filepath.Join(root, "a"), filepath.Join(root, "a", "b")} {
		info, err := os.Stat(dir)
		if err != nil {
			t.Fatal(err)
		}
		if got := info.Mode().Perm(); got != 0o700 {
			t.Errorf("%s mode = %o, want 700", dir, got)
		}
	}
}

func TestOpenRelativePathIsMadeAbsolute(t *testing.T) {
	t.Chdir(t.TempDir())
	s, err := Open("till.db", Options{})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer s.Close()
	if !filepath.IsAbs(s.Path()) || filepath.Base(s.Path()) != "till.db" {
		t.Errorf("Path() = %q, want an absolute path ending in till.db", s.Path())
	}
}

func TestOpenSetsSchemaVersionOnNewDB(t *testing.T) {
	s, _ := openTemp(t)
	if s.SchemaVersion() != schemaVersion || schemaVersion < 1 {
		t.Fatalf("SchemaVersion() = %d, want %d (>= 1)", s.SchemaVersion(), schemaVersion)
	}
	s = reopen(t, s)
	if got := storedVersion(t, s); got != schemaVersion {
		t.Errorf("stored schema version = %d, want %d", got, schemaVersion)
	}
}

func TestOpenMigratesEmptyBoltFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "till.db")
	db, err := bbolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatalf("Open on an empty bbolt file: %v", err)
	}
	defer s.Close()
	if got := storedVersion(t, s); got != schemaVersion {
		t.Errorf("stored schema version = %d, want %d", got, schemaVersion)
	}
}

func storedVersion(t *testing.T, s *Store) int {
	t.Helper()
	var v int
	err := s.view("test", func(tx *bbolt.Tx) error {
		var err error
		v, err = readVersion(tx)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	s, path := openTemp(t)
	s.Close()
	setBolt(t, path, func(tx *bbolt.Tx) error {
		return tx.Bucket(bucketMeta).Put(keySchemaVersion, seqKey(uint64(schemaVersion+1)))
	})
	for range 2 { // the refusal must release the file: the second try is refused the same way
		_, err := Open(path, Options{Timeout: 100 * time.Millisecond})
		if !errors.Is(err, ErrNewer) {
			t.Fatalf("Open = %v, want ErrNewer", err)
		}
		if msg := err.Error(); !strings.Contains(msg, "newer till") || !strings.Contains(msg, path) {
			t.Errorf("message %q should say newer till and name %s", msg, path)
		}
	}
}

func setBolt(t *testing.T, path string, fn func(*bbolt.Tx) error) {
	t.Helper()
	db, err := bbolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Update(fn); err != nil {
		t.Fatal(err)
	}
}

func TestOpenLockedBySecondOpen(t *testing.T) {
	s, path := openTemp(t)
	start := time.Now()
	s2, err := Open(path, Options{Timeout: 100 * time.Millisecond})
	if err == nil {
		s2.Close()
		t.Fatal("second Open of the same file succeeded; want ErrLocked")
	}
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("second Open = %v, want ErrLocked", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("second Open took %v; it should give up after its timeout", d)
	}
	want := "another till is using " + path + "; close it first (or pass --db another path)"
	if err.Error() != want {
		t.Errorf("message = %q, want %q", err.Error(), want)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s3, err := Open(path, Options{Timeout: 100 * time.Millisecond})
	if err != nil {
		t.Fatalf("Open after Close: %v", err)
	}
	s3.Close()
}

func TestOpenCorruptFile(t *testing.T) {
	garbage := bytes.Repeat([]byte("not a till database. "), 1000)
	cases := []struct {
		name  string
		write func(t *testing.T, path string)
	}{
		{"short text file", func(t *testing.T, path string) { writeFile(t, path, []byte("hello")) }},
		{"garbage", func(t *testing.T, path string) { writeFile(t, path, garbage) }},
		{"both meta pages zeroed", func(t *testing.T, path string) {
			makeTillDB(t, path)
			overwrite(t, path, 0, make([]byte, 2*os.Getpagesize()))
		}},
		{"data pages scrambled", func(t *testing.T, path string) {
			makeTillDB(t, path)
			info, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			off := int64(2 * os.Getpagesize())
			overwrite(t, path, off, bytes.Repeat([]byte{0xA5}, int(info.Size()-off)))
		}},
		{"session page scrambled", func(t *testing.T, path string) {
			makeTillDB(t, path)
			var root uint64
			setBolt(t, path, func(tx *bbolt.Tx) error {
				root = uint64(tx.Bucket(bucketSessions).Root())
				return nil
			})
			if root == 0 {
				t.Fatal("the sessions bucket is inline; the test needs bigger records")
			}
			size := os.Getpagesize()
			overwrite(t, path, int64(root)*int64(size), bytes.Repeat([]byte{0xA5}, size))
		}},
		{"foreign bbolt database", func(t *testing.T, path string) {
			setBolt(t, path, func(tx *bbolt.Tx) error {
				_, err := tx.CreateBucket([]byte("someone_else"))
				return err
			})
		}},
		{"unreadable schema version", func(t *testing.T, path string) {
			makeTillDB(t, path)
			setBolt(t, path, func(tx *bbolt.Tx) error {
				return tx.Bucket(bucketMeta).Put(keySchemaVersion, []byte("one"))
			})
		}},
		{"missing bucket", func(t *testing.T, path string) {
			makeTillDB(t, path)
			setBolt(t, path, func(tx *bbolt.Tx) error { return tx.DeleteBucket(bucketJournals) })
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "till.db")
			tc.write(t, path)
			for range 2 { // a failed Open must release the file: the second try fails the same way
				s, err := Open(path, Options{Timeout: 100 * time.Millisecond})
				if err == nil {
					// A scrambled data page shows only when it is read.
					_, err = s.Sessions(time.Time{})
					if cerr := s.Close(); cerr != nil {
						t.Errorf("Close after a damaged read: %v", cerr)
					}
				}
				if !errors.Is(err, ErrCorrupt) {
					t.Fatalf("err = %v, want ErrCorrupt", err)
				}
				if msg := err.Error(); !strings.Contains(msg, path) || !strings.Contains(msg, "damaged") {
					t.Errorf("message %q should name %s and say it is damaged", msg, path)
				}
			}
		})
	}
}

// makeTillDB creates a till database with a few records at path.
func makeTillDB(t *testing.T, path string) {
	t.Helper()
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	// Enough packed sessions that their bucket has pages of its own, not inline.
	for i := range 40 {
		if err := s.SaveSession(sampleSession(fmt.Sprintf("ord_%d", i))); err != nil {
			t.Fatal(err)
		}
	}
}

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

func overwrite(t *testing.T, path string, off int64, data []byte) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteAt(data, off); err != nil {
		t.Fatal(err)
	}
}

func TestOpenBadPaths(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "plain")
	writeFile(t, file, []byte("x"))
	cases := []struct {
		name, path, want string
	}{
		{"empty", "", "no database path"},
		{"directory", dir, "is a directory"},
		{"parent is a file", filepath.Join(file, "till.db"), "cannot create the directory"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Open(tc.path, Options{})
			if err == nil {
				s.Close()
				t.Fatal("Open succeeded; want an error")
			}
			if !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), tc.path) {
				t.Errorf("message %q should contain %q and the path", err.Error(), tc.want)
			}
		})
	}
}

func TestClosedStore(t *testing.T) {
	s, path := openTemp(t)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close = %v, want nil", err)
	}
	err := s.SaveSession(sampleSession("ord_1"))
	if err == nil || !strings.Contains(err.Error(), "closed") || !strings.Contains(err.Error(), path) {
		t.Errorf("SaveSession after Close = %v, want an error saying %s is closed", err, path)
	}
	if _, err := s.Pref("reader"); err == nil {
		t.Error("Pref after Close succeeded; want an error")
	}
}
