package store

import (
	"errors"

	"go.etcd.io/bbolt"
)

// Pref returns the preference's value; "" when it is unset.
func (s *Store) Pref(key string) (string, error) {
	if key == "" {
		return "", errors.New("read preference: the key is empty")
	}
	var value string
	err := s.view("read preference "+key, func(tx *bbolt.Tx) error {
		// string() copies the bytes out of bbolt's memory.
		value = string(tx.Bucket(bucketPrefs).Get([]byte(key)))
		return nil
	})
	return value, err
}

// SetPref sets the preference; an empty value unsets it.
func (s *Store) SetPref(key, value string) error {
	if key == "" {
		return errors.New("set preference: the key is empty")
	}
	return s.update("set preference "+key, func(tx *bbolt.Tx) error {
		prefs := tx.Bucket(bucketPrefs)
		if value == "" {
			return prefs.Delete([]byte(key))
		}
		return prefs.Put([]byte(key), []byte(value))
	})
}
