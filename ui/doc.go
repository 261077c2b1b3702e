// Package ui is till's cashier screen: a Bubble Tea program that builds a cart, sends it
// to a Stripe Terminal reader and follows the payment to the end.
//
// The screen is derived from the checkout session's phase. The session changes only
// through checkout.Apply; every effect it returns becomes a Cmd that first saves the new
// session and only then (after the poll wait, for polls) calls Stripe through
// checkout.Perform, whose event comes back as a message and goes through Apply again.
// Status reads carry a generation number so that at most one poll loop runs: whenever
// the cashier acts, the generation moves on and older reads are dropped.
//
// ctrl+s (or F2) opens the support screen over the checkout, which keeps running: its
// panes show every reader (refreshed with backoff, stuck actions flagged), the unfinished
// payments (settled as checkout.Advise says, or after a y/n), an order's journal and the
// shift. A payment support settles that this till's journal knows is driven in a second
// lane through the same driving code as the cashier's (lane.go).
//
// ui is the only package that imports Bubble Tea. It talks to Stripe through the Gateway
// interface and to the disk through the Store interface.
package ui
