// Package ui is till's screen: a Bubble Tea program that builds a cart, sends it to a
// Stripe Terminal reader, follows the payment to the end, and opens a support screen
// over it. It is the only package that imports Bubble Tea; it talks to Stripe through
// the Gateway interface and to the disk through the Store interface.
//
// # Layout
//
// The root (this package) is thin: it routes and draws the chrome. Each page is a
// component in its own package:
//
//	ui/golive     live mode's first page: the cashier types live before anything starts
//	ui/cart       the cart: catalogue find/scan/quick keys, free lines, quantities,
//	              discounts, totals with tax
//	ui/picker     the reader list, the reader of the next charge, and the page that chooses
//	ui/payment    one payment from charge to paid or canceled (the cashier's lane), with
//	              the tip the customer chose
//	ui/receipt    the receipt of any order or PaymentIntent: shown, printed, emailed
//	ui/history    the finished payments (h on the cart or in support), found as typed;
//	              one payment's details, and its receipt, timeline and refund one key away
//	ui/refund     one refund from the history (whole, lines, an amount; a reason), driven
//	              in a RefundLane of its own; an Interac refund on the reader; refunds
//	              left open resumed at start, pending ones followed behind the screen
//	ui/display    the cart on the reader's screen while it is built (no page: no keys,
//	              no view; the root hands it the cart and the reader, as values)
//	ui/cash       the cash tender: amount given, change due, the sale recorded
//	ui/outbox     held captures and cancels sent again in the background (its own lane)
//	ui/support    the support screen: tabs, settling, its own lane, and its panes
//	  readers, payments, timeline, shift, webhooks   one package per pane
//	  export      writing the panes' exports
//	ui/drive      a session driven through checkout.Apply → save → checkout.Carry (a Lane),
//	              a refund through checkout.ApplyRefund → save → CarryRefund (a RefundLane)
//	ui/common     Styles, shared key bindings, page builder, formatting, flash, questions,
//	              lists, Checkout (what support may know of the cashier's side)
//	ui/internal/fake  the tests' Stripe, store and clock (tests only)
//
// # The contract between the root and a component
//
// A component is a value with:
//
//   - Update(tea.Msg) (itself, tea.Cmd). It receives the keys only while it is on
//     screen, and every other message always: each component takes its own messages
//     (its unexported result types, its lane's drive messages) and ignores the rest, so
//     a payment keeps running under the support screen and a list answer lands in the
//     list that asked.
//   - View(common.Screen) string: its body, for the cells and the spinner frame it is
//     given. The root draws the header, the status line and the help around it.
//   - ShortHelp/FullHelp (help.KeyMap): the keys that apply now, built from its own
//     key.Bindings and the shared common.Keys; disabled bindings are neither drawn nor
//     matched, so the help and the behaviour cannot disagree.
//   - Question() string: a y/n question it is asking, drawn in the status line
//     (common.Question and common.Answer handle it).
//   - Typing() bool: keys are text typed into a field, so ? is a question mark and not
//     the list of keys.
//
// The root owns only the chrome: the header (shop, reader and its status, order), the
// rule under it (LIVE first in live mode, the webhook source and lag last), the lines
// under the rule while Stripe is unreachable or a call is held (outage_banner.go), the
// status line (a question, else the flash, else what support is doing), the footer
// (the page's ShortHelp, wrapped onto two lines, ending with "? all keys" unless a
// field takes typed text, where ? is a question mark), the list
// of every key (the page's FullHelp and the keys that work everywhere), the quit
// question, the spinner's frame, and the message below the smallest usable size
// (60×16). A component's body gets the width and the height left, and puts first what
// a cashier must see, so a short screen loses only details.
//
// A component never calls another. It asks the root for something outside itself by
// returning a message through common.Emit (cart.ChargeMsg, picker.ChosenMsg,
// payment.RetryElsewhereMsg, support.SettleCashierMsg, ...), and says something through
// common.Say (a flash). The root handles those in Update and calls the components' own
// methods (payment.Charge, cart.Put, picker.Open, receipt.Open). Data flows one way:
// before every update the root hands each component what it reads of the others, as
// values (payment.WithReaders, payment.WithInUse(support.Whose of the work on its busy
// reader), support.With(common.Checkout), display.With(the cart or the payment, the
// chosen reader), receipt.Fit(the body's size)). Quitting goes through the root
// (cart.QuitMsg, ctrl+c), which takes the cart off the reader first.
//
// # Adding a page
//
// A new page (a cash tender, say) is a new package with the methods above, as the
// receipt, history and refund pages are: the history asks the root for an earlier
// payment's receipt (history.ReceiptMsg), which the root turns into
// receipt.Open(receipt.For{ID: order or PaymentIntent}). The root gets a field for it,
// a case in broadcast and in active (which page has the keys), and cases for the
// messages with which the page asks for things (the history is opened by
// cart.HistoryMsg and support.HistoryMsg; refunds.go routes them). Something that runs
// a payment-like flow holds its own lane with its own lane ID, as support does and as
// the refund page does for an on-reader Interac refund waiting for a card (a
// drive.RefundLane per refund). A support pane is a package under ui/support with View(page, frame),
// Update, ShortHelp, Arrows, Question and Open, and a case in support's switches (a
// pane that is only read, as Webhooks is, needs View and a value to show). A
// banner (an outage, LIVE mode, webhook source and lag) is part of the header: a value
// the root reads and draws there (banner.go). LIVE and the webhook source share the
// rule under the header, so LIVE is on every screen at every size and costs no line; a
// banner that comes and goes (an outage) takes its own line below that rule, so LIVE
// never moves. Tips or discounts on a screen are that component's own.
//
// # Webhooks
//
// Deps.Webhooks is main's receiver. The root waits for its notices one at a time (a
// Cmd reading the channel, set up again by each notice) and hands each to the
// cashier's payment, to support's lane and to the refunds under way (on the refund
// page and behind it), as a poll's result would be; it reads the
// receiver's state once a second into a common.Webhooks value for the header and
// support's Webhooks pane.
//
// # Driving a payment
//
// A session changes only through checkout.Apply; every effect it returns becomes a
// Cmd that first saves the new session and only then (after the poll wait, for polls)
// calls Stripe through checkout.Carry, whose event comes back as a message and goes
// through Apply again (package drive). Status reads carry a generation number so that
// at most one poll loop runs per lane: whenever someone acts, the generation moves on
// and older reads are dropped. The poll's wait is computed in one place,
// drive.Env.PollDelay. Support's direct capture or cancel of a payment no session here
// drives is checkout.Settle, the same function `till payments` calls.
package ui
