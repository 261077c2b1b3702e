// Package store keeps till's checkout sessions, a per-order journal of API calls and
// small preferences in a bbolt file.
//
// Every write is committed (fsynced) before the method returns, so a driver that saves a
// session or appends a journal entry before a call to Stripe knows the idempotency key
// of that call is on disk before the call leaves. Only one till can open a database at a
// time: a second Open fails at once with an error wrapping ErrLocked.
//
// Layout (schema version 2):
//
//	meta               schema_version → 8-byte big-endian version
//	sessions           order id → JSON of checkout.Session
//	sessions_open      order id → "" for sessions neither Building nor finished
//	sessions_by_start  StartedAt key + order id → "" (history by time)
//	journal            big-endian seq → JSON of Entry
//	journal_by_order   order id + 0x00 + big-endian seq → ""
//	journal_by_time    At key + big-endian seq → ""
//	prefs              key → value
//	webhook_events     event id → arrival time key          (version 2)
//	webhook_events_by_time  arrival time key + event id → ""  (version 2)
//	refunds…           made on the first refund (see refunds.go)
//
// The store never sees the API key; sessions carry only a card's brand and last four
// digits.
package store
