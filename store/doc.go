// Package store keeps till's checkout sessions, a per-order journal of API calls and
// small preferences in a bbolt file.
//
// Every write is committed (fsynced) before the method returns, so a driver that saves a
// session or appends a journal entry before a call to Stripe knows the idempotency key
// of that call is on disk before the call leaves. Only one till can open a database at a
// time: a second Open fails at once with an error wrapping ErrLocked.
//
// Layout (schema version 3; Open upgrades an older database in place):
//
//	meta                    schema_version → 8-byte big-endian version
//	sessions                order id → JSON of checkout.Session (orders not archived)
//	sessions_open           order id → "" for sessions neither Building nor finished
//	sessions_by_start       StartedAt key + order id → checkout.Summary (every order, archived too)
//	sessions_live           StartedAt key + order id → "" for orders not archived
//	journals                order id → the order's journal lines, one compact record
//	journals_by_activity    latest line's time key + order id → ""
//	archive                 order id → archived order: its session and its outcome lines
//	prefs                   key → value
//	webhook_events          event id → arrival time key          (version 2)
//	webhook_events_by_time  arrival time key + event id → ""  (version 2)
//	outbox                  order id → JSON of checkout.HeldCall, for sessions holding a
//	                        capture or cancel (made on first use, outbox.go)
//	refunds…                made on the first refund (see refunds.go)
//
// Summaries, journal lines and archived orders use a tagged binary encoding (codec.go)
// that newer tills may extend. A step is one journal line, and a run of identical polls
// one line with a count.
//
// The store never sees the API key; sessions carry only a card's brand and last four
// digits.
package store
