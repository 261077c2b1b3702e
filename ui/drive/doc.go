// Package drive moves one checkout session through the payment machine on the screen:
// every event goes through checkout.Apply, every effect it returns becomes a Cmd that
// first saves the new session and only then (after the poll wait, for polls) makes the
// call through checkout.Carry, whose event comes back as a message and is applied in
// turn.
//
// A Lane is one such session and its bookkeeping. The cashier's payment is a lane; the
// support screen has its own for a payment of this till's journal it settles. Each
// message names its lane, so each owner takes only its own. Status reads carry a
// generation number: whenever someone acts, the generation moves on and older reads
// are dropped, so at most one poll loop runs per lane.
package drive
