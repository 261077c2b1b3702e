// Package drive moves one checkout session through the payment machine on the screen,
// or one refund through the refund machine: every event goes through checkout.Apply
// (checkout.ApplyRefund), every effect it returns becomes a Cmd that first saves the
// new session (refund) and only then (after the poll wait, for polls) makes the call
// through checkout.Carry (checkout.CarryRefund), whose event comes back as a message
// and is applied in turn.
//
// A Lane is one such session and its bookkeeping; a RefundLane is one refund and the
// same bookkeeping (both are the one generic core). The cashier's payment is a lane;
// the support screen has its own for a payment of this till's journal it settles; the
// refund page has one per refund it follows. Each message names its lane, so each owner
// takes only its own. Status reads carry a generation number: whenever someone acts,
// the generation moves on and older reads are dropped, so at most one poll loop runs
// per lane.
package drive
