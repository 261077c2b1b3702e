// Package readerctl is till's adapter to the Stripe API for Terminal smart readers on
// the server-driven integration. It turns stripe-go v76 calls and errors into
// checkout's types: *Client implements checkout.Gateway, plus what the support screens
// and the simulated-reader keys need (ListReaders, PresentCard).
//
// Rules it keeps:
//   - No globals: each Client has its own stripe-go backend, whose logger is silent
//     (the TUI owns the terminal), pointed at Stripe or at till's emulator.
//   - Every call runs under a context deadline (Config.Timeout) so nothing blocks the
//     screen, and every error it returns is a *checkout.Failure.
//   - Money-moving calls carry the caller's idempotency key, fixed per business step,
//     so a replay after a crash or an ambiguous failure returns the first answer.
//   - The API key is never logged, recorded or put in an error message.
//   - Config.OnCall observes every HTTP attempt (stripe-go's retries included) for the
//     journal and the payment timeline.
//   - A call Stripe rate limits (429, or Stripe-Should-Retry: true) is sent again, same
//     idempotency key, after a jittered wait, while its deadline allows (retry.go); each
//     wait is noted in the caller's checkout.Busy, never returned as an error.
//   - Nothing lists every PaymentIntent of the account: unfinished ones are found with
//     Stripe's search (UnfinishedIntents), a few calls whatever the volume.
package readerctl
