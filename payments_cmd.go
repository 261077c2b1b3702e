package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/till-pos/till/checkout"
)

// paymentRow is one unfinished payment as `till payments --unfinished --json` prints it.
type paymentRow struct {
	PaymentIntent string     `json:"payment_intent"`
	OrderID       string     `json:"order_id"`
	RefundID      string     `json:"refund_id,omitempty"` // a refund of the payment under way, not the payment itself
	Status        string     `json:"status"`              // the PaymentIntent's status; till's phase while it has none
	Phase         string     `json:"phase,omitempty"`     // this till's phase for the order, when it has a session
	Amount        int64      `json:"amount"`
	Currency      string     `json:"currency"`
	Created       time.Time  `json:"created"`
	CaptureBefore *time.Time `json:"capture_before"`
	Reader        string     `json:"reader,omitempty"`
	TillID        string     `json:"till_id,omitempty"`
	Source        string     `json:"source"` // who counts it unfinished: "till", "stripe" or "both"
	Advice        adviceRow  `json:"advice"`
}

type adviceRow struct {
	Action string `json:"action"` // capture, cancel, or "" (nothing to do or wait)
	Reason string `json:"reason"`
}

func runPayments(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && (args[0] == "capture" || args[0] == "cancel") {
		return runSettle(args[0], args[1:], stdout, stderr)
	}
	fs := commandFlags("payments", "till payments --unfinished [--json] [--days N]\n       till payments --history [--since 24h|DATE] [--search TEXT] [--json]\n       till payments capture PI [--force]\n       till payments cancel PI [--reason R] [--force]",
		"Lists the payments that wait for someone (from this till's journal and from Stripe), with what to do about each;\nwith --history, the finished payments.", stderr, sellsNothing...)
	unfinished := fs.Bool("unfinished", false, "list the unfinished payments")
	history := addHistoryFlags(fs)
	asJSON := fs.Bool("json", false, "print a JSON array")
	days := fs.Int("days", 7, "how many days back to look at Stripe")
	svc, code, ok := openSupport(fs, args, 0, stderr, nil)
	if !ok {
		return code
	}
	defer svc.Close()
	if history.on {
		history.unfinished = *unfinished
		return history.run(svc, *asJSON, stdout, stderr)
	}
	if !*unfinished {
		fmt.Fprintln(stderr, "till payments: say --unfinished to list the unfinished payments, --history for the finished ones, or use capture PI / cancel PI")
		return 2
	}
	if *days < 1 {
		fmt.Fprintln(stderr, "till payments: --days must be at least 1")
		return 2
	}
	ctx, stop := commandContext()
	defer stop()
	now := time.Now()
	rows, err := unfinishedPayments(ctx, svc, now.AddDate(0, 0, -*days))
	if journal := (journalReadError{}); errors.As(err, &journal) {
		// Stripe was not asked: saying it "could not be asked" would blame it.
		fmt.Fprintf(stderr, "till payments: cannot read this till's journal, so nothing was listed: %v\n", journal.err)
		return 1
	}
	refunds, refundsErr := unfinishedRefundRows(svc)
	rows = append(rows, refunds...)
	var failures []string
	if refundsErr != nil {
		failures = append(failures, fmt.Sprintf("till payments: the list may be incomplete: cannot read this till's refunds: %v", refundsErr))
	}
	if err != nil {
		failures = append(failures, readFailure("payments", "the list may be incomplete: cannot list Stripe's payments", err))
	}
	if !*asJSON {
		printPayments(stdout, rows, now, err == nil)
	}
	if len(failures) > 0 {
		return writeIncomplete(stdout, stderr, *asJSON, rows, failures)
	}
	if *asJSON {
		writeJSON(stdout, rows)
	}
	return 0
}

// journalReadError is unfinishedPayments failing on this till's journal, before Stripe
// was asked anything.
type journalReadError struct{ err error }

func (e journalReadError) Error() string { return "cannot read this till's journal: " + e.err.Error() }

// unfinishedPayments is the union of this till's unfinished sessions and Stripe's
// unfinished in-person intents created since (found by search: a few calls whatever the
// account's volume), one row per PaymentIntent, oldest first, each with the settle
// rule's advice (checkout.Advise). On a Stripe error it returns what it has and the error;
// on the journal's, a journalReadError and nothing.
func unfinishedPayments(ctx context.Context, svc *services, since time.Time) ([]paymentRow, error) {
	sessions, err := svc.store.Unfinished()
	if err != nil {
		return nil, journalReadError{err}
	}
	callCtx, cancel := context.WithTimeout(ctx, svc.cfg.CallTimeout)
	defer cancel()
	intents, listErr := svc.gateway.UnfinishedIntents(callCtx, since)
	scope := tillScope(ctx, svc).WithReadersOf(checkout.SummariesOf(sessions))
	byOrder := map[string][]checkout.Intent{}
	byID := map[string]checkout.Intent{}
	for _, in := range intents {
		byOrder[in.OrderID] = append(byOrder[in.OrderID], in)
		byID[in.ID] = in
	}
	rows := map[string]*paymentRow{}
	var order []string
	add := func(key string, row paymentRow) {
		rows[key] = &row
		order = append(order, key)
	}
	for _, in := range intents {
		if !in.Unfinished() || !scope.Has(in) {
			continue
		}
		s := sessionOf(svc, in)
		add(in.ID, intentRow(in, s, byOrder[in.OrderID], "stripe"))
	}
	for _, s := range sessions {
		if s.PaymentIntentID == "" {
			add("order:"+s.OrderID, sessionRow(s))
			continue
		}
		if row, ok := rows[s.PaymentIntentID]; ok {
			row.Source = "both"
			continue
		}
		in, ok := byID[s.PaymentIntentID]
		if !ok {
			readCtx, cancel := context.WithTimeout(ctx, svc.cfg.CallTimeout)
			read, err := svc.gateway.ReadIntent(readCtx, s.PaymentIntentID)
			cancel()
			if err != nil {
				row := sessionRow(s)
				row.Advice.Reason = "Cannot read the payment at Stripe: " + checkout.ExplainReadWithDetail(checkout.AsFailure(err))
				add(s.PaymentIntentID, row)
				continue
			}
			in = read
		}
		sess := s
		add(in.ID, intentRow(in, &sess, byOrder[in.OrderID], "till"))
	}
	out := make([]paymentRow, 0, len(order))
	for _, k := range order {
		out = append(out, *rows[k])
	}
	sort.SliceStable(out, func(i, j int) bool {
		if !out[i].Created.Equal(out[j].Created) {
			return out[i].Created.Before(out[j].Created)
		}
		return out[i].PaymentIntent < out[j].PaymentIntent
	})
	return out, listErr
}

// sessionOf is this till's session for the intent, when it is working with that intent.
func sessionOf(svc *services, in checkout.Intent) *checkout.Session {
	if in.OrderID == "" {
		return nil
	}
	s, found, err := svc.store.Session(in.OrderID)
	if err != nil || !found || s.PaymentIntentID != in.ID {
		return nil
	}
	return &s
}

func intentRow(in checkout.Intent, s *checkout.Session, siblings []checkout.Intent, source string) paymentRow {
	a := checkout.Advise(in, s, siblings)
	row := paymentRow{PaymentIntent: in.ID, OrderID: in.OrderID, Status: string(in.Status), Amount: in.Amount.Amount,
		Currency: in.Amount.Currency, Created: in.Created, Reader: in.ReaderID, TillID: in.TillID, Source: source,
		Advice: adviceRow{Action: a.Action, Reason: a.Reason}}
	if !in.CaptureBefore.IsZero() {
		cb := in.CaptureBefore
		row.CaptureBefore = &cb
	}
	if s != nil {
		row.Phase = s.Phase.String()
		if row.Reader == "" {
			row.Reader = s.ReaderID
		}
	}
	return row
}

// sessionRow describes a session whose PaymentIntent Stripe did not show.
func sessionRow(s checkout.Session) paymentRow {
	row := paymentRow{PaymentIntent: s.PaymentIntentID, OrderID: s.OrderID, Status: string(s.IntentStatus), Phase: s.Phase.String(),
		Amount: s.Amount.Amount, Currency: s.Amount.Currency, Created: s.StartedAt, Reader: s.ReaderID, Source: "till",
		Advice: adviceRow{Reason: "till has no PaymentIntent for this order yet; run till pay --order " + s.OrderID + " to resume it."}}
	if row.Status == "" {
		row.Status = s.Phase.String()
	}
	if !s.CaptureBefore.IsZero() {
		cb := s.CaptureBefore
		row.CaptureBefore = &cb
	}
	return row
}

// printPayments prints the unfinished payments; stripeRead is false when Stripe could
// not be asked, so an empty list is only this till's journal's.
func printPayments(w io.Writer, rows []paymentRow, now time.Time, stripeRead bool) {
	switch {
	case len(rows) == 0 && !stripeRead:
		fmt.Fprintln(w, "No unfinished payments in this till's journal; Stripe could not be asked about the others.")
		return
	case len(rows) == 0:
		fmt.Fprintln(w, "No unfinished payments.")
		return
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "PAYMENT\tORDER\tSTATUS\tAMOUNT\tCREATED\tEXPIRES\tADVICE")
	for _, r := range rows {
		expires := "-"
		if r.CaptureBefore != nil {
			expires = countdown(*r.CaptureBefore, now)
		}
		advice := r.Advice.Action
		if advice == "" {
			advice = "wait"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s: %s\n", dash(r.PaymentIntent), dash(r.OrderID), r.Status,
			checkout.Money{Amount: r.Amount, Currency: r.Currency}, ago(r.Created, now), expires, advice, r.Advice.Reason)
	}
	_ = tw.Flush()
}

// countdown is the time left before an authorization expires: in 1d 23h, in 5h 12m, expired.
func countdown(t, now time.Time) string {
	d := t.Sub(now)
	switch {
	case d <= 0:
		return "expired"
	case d < time.Hour:
		return fmt.Sprintf("in %dm", int(d.Minutes()))
	case d < 24*time.Hour:
		return fmt.Sprintf("in %dh %dm", int(d.Hours()), int(d.Minutes())%60)
	}
	return fmt.Sprintf("in %dd %dh", int(d.Hours()/24), int(d.Hours())%24)
}

// runSettle captures or cancels one PaymentIntent. A payment this till is working on
// goes through the checkout machine (journal, session and all); any other is settled
// with a support idempotency key. Seed 002's rule decides unless --force.
func runSettle(action string, args []string, stdout, stderr io.Writer) int {
	cmd := "payments " + action
	synopsis := "till payments capture PI [--force]"
	if action == "cancel" {
		synopsis = "till payments cancel PI [--reason R] [--force]"
	}
	fs := commandFlags(cmd, synopsis, "Captures or cancels a payment by the settle rule: capture only when the order completed and no other payment was taken; otherwise cancel.", stderr, sellsNothing...)
	force := fs.Bool("force", false, "act even when the rule advises otherwise")
	wait := fs.Duration("wait", 30*time.Second, fmt.Sprintf("how long to keep at it (a busy reader, an ambiguous answer), at least %s", minWait))
	reason := new(string)
	if action == "cancel" {
		reason = fs.String("reason", "", "cancellation reason: "+strings.Join(checkout.CancelReasons, ", ")+" (default: abandoned, or duplicate when another payment of the order succeeded)")
	}
	svc, code, ok := openSupport(fs, args, 1, stderr, func(Config) string {
		if err := checkWait(*wait, "the "+action); err != nil {
			return fmt.Sprintf("till %s: %v. Nothing was sent to Stripe.", cmd, err)
		}
		if *reason != "" && !slices.Contains(checkout.CancelReasons, *reason) {
			return fmt.Sprintf("till %s: --reason %q is not one of %s", cmd, *reason, strings.Join(checkout.CancelReasons, ", "))
		}
		if err := checkStripeID("PaymentIntent", "pi_", fs.Arg(0)); err != nil {
			return fmt.Sprintf("till %s: %v; till payments --unfinished lists them. Nothing was sent to Stripe.", cmd, err)
		}
		return ""
	})
	if !ok {
		return code
	}
	defer svc.Close()
	pi := fs.Arg(0)
	ctx, stop := commandContext()
	defer stop()
	ctx, cancel := context.WithTimeout(ctx, *wait)
	defer cancel()

	in, err := readIntent(ctx, svc, pi)
	if err != nil {
		return failedRead(stderr, cmd, "cannot read "+pi, err)
	}
	var siblings []checkout.Intent
	if in.OrderID != "" {
		callCtx, cancelCall := context.WithTimeout(ctx, svc.cfg.CallTimeout)
		siblings, err = svc.gateway.FindIntentsByOrder(callCtx, in.OrderID)
		cancelCall()
		if err != nil && !*force {
			return failedRead(stderr, cmd, "cannot check the other payments of order "+in.OrderID+" (use --force to act anyway)", err)
		}
	}
	s := sessionOf(svc, in)
	var readers []string // where a payment this till finished may still be
	if s != nil && s.Phase.Finished() {
		readers = []string{s.ReaderID}
		s = nil // this till is done with it; a stale session must not be driven again
	}
	advice := checkout.Advise(in, s, siblings)
	if *reason == "" {
		*reason = advice.CancelReason
		if *reason == "" {
			*reason = checkout.ReasonAbandoned // cancelling against the advice (--force)
		}
	}

	switch {
	case action == "capture" && in.Status == checkout.IntentSucceeded:
		fmt.Fprintf(stdout, "%s is already captured (%s); nothing to do.\n", pi, in.Amount)
		return 0
	case action == "cancel" && in.Status == checkout.IntentCanceled:
		fmt.Fprintf(stdout, "%s is already canceled; nothing to do.\n", pi)
		return 0
	case action == "capture" && in.Status != checkout.IntentRequiresCapture:
		fmt.Fprintf(stderr, "till %s: %s is %s, not authorized; there is nothing to capture.\n", cmd, pi, in.Status)
		return 1
	case action == "cancel" && in.Status == checkout.IntentSucceeded:
		fmt.Fprintf(stderr, "till %s: %s succeeded: the money is captured, so it can only be refunded, not canceled.\n", cmd, pi)
		return 1
	case action == "capture" && advice.Action == checkout.AdviseCancel && !*force,
		action == "cancel" && advice.Action == checkout.AdviseCapture && !*force:
		fmt.Fprintf(stderr, "till %s: refused: the rule says %s. %s Use --force to %s anyway.\n", cmd, advice.Action, advice.Reason, action)
		return 1
	}

	var out checkout.Intent
	if s != nil {
		final, err := settleSession(ctx, svc, *s, action, *reason)
		if err != nil {
			fmt.Fprintf(stderr, "till %s: %v\n", cmd, err)
			return 1
		}
		if !final.Phase.Finished() {
			msg := checkout.Explain(final.Failure)
			if final.Phase == checkout.Unknown {
				msg += " till kept reading it back and could not tell within --wait; run the command again."
			} else if msg == "" {
				msg = "It did not finish in time."
			}
			fmt.Fprintf(stderr, "till %s: order %s is %s, not %s. %s\n", cmd, final.OrderID, final.Phase, pastTense(action), msg)
			return 1
		}
		out = checkout.Intent{ID: final.PaymentIntentID, Status: final.IntentStatus, Amount: final.Charged(), OrderID: final.OrderID}
	} else {
		out, err = settleDirect(ctx, svc, in, action, *reason, readers)
		if err != nil && checkout.AsFailure(err).Ambiguous() {
			var ok bool
			if out, ok = readBack(ctx, svc, stderr, cmd, pi, err); !ok {
				return 1
			}
			err = nil
		}
		if err != nil {
			return failed(stderr, cmd, "cannot "+action+" "+pi, err)
		}
	}
	switch {
	case action == "capture" && out.Status == checkout.IntentSucceeded:
		fmt.Fprintf(stdout, "Captured %s (%s) for order %s.\n", pi, out.Amount, dash(out.OrderID))
	case action == "cancel" && out.Status == checkout.IntentCanceled:
		fmt.Fprintf(stdout, "Canceled %s (%s) for order %s as %s; nothing was charged.\n", pi, out.Amount, dash(out.OrderID), *reason)
	default:
		fmt.Fprintf(stderr, "till %s: %s is %s after the %s; check it with till payments --unfinished.\n", cmd, pi, out.Status, action)
		return 1
	}
	return 0
}

func readIntent(ctx context.Context, svc *services, pi string) (checkout.Intent, error) {
	callCtx, cancel := context.WithTimeout(ctx, svc.cfg.CallTimeout)
	defer cancel()
	return svc.gateway.ReadIntent(callCtx, pi)
}

// settleSession drives this till's session through the checkout machine: the same
// journal, keys and compare-before-cancel as the cashier's screen. It never sends the
// payment to a reader again: when the session rests it only captures or cancels.
func settleSession(ctx context.Context, svc *services, s checkout.Session, action, reason string) (checkout.Session, error) {
	now := time.Now
	tries := 3
	next := func(s checkout.Session) checkout.Event {
		if tries == 0 {
			return nil
		}
		switch {
		case action == "capture" && s.Phase == checkout.Approved:
			tries--
			return checkout.CaptureRequested{At: now()}
		case action == "cancel" && (s.Phase == checkout.Approved || s.Phase == checkout.Declined):
			tries--
			return checkout.CancelRequested{Reason: reason, At: now()}
		}
		return nil
	}
	var first checkout.Event
	switch s.Phase {
	case checkout.Creating, checkout.Sending, checkout.Capturing, checkout.Canceling:
		// A call was in flight when till stopped: the session becomes Unknown, which a
		// cancel may start from; a capture first re-reads (the poll Resumed asks for).
		resumed, _, err := checkout.Apply(s, checkout.Resumed{At: now()})
		if err != nil {
			return s, err
		}
		if action == "capture" {
			first = checkout.Resumed{At: now()}
		} else {
			s, first = resumed, checkout.CancelRequested{Reason: reason, At: now()}
		}
	case checkout.Approved:
		first = next(s)
	default:
		if action == "capture" {
			first = checkout.Resumed{At: now()}
		} else {
			first = checkout.CancelRequested{Reason: reason, At: now()}
		}
	}
	d := svc.driver()
	d.rest = next
	final, err := d.run(ctx, s, first)
	if err == errStopped {
		err = nil // reported from the phase
	}
	return final, err
}

// settleDirect captures or cancels an intent this till has no live session for, the
// way the support screen does (checkout.Settle); readers are where the payment may
// still be, besides its metadata's reader.
func settleDirect(ctx context.Context, svc *services, in checkout.Intent, action, reason string, readers []string) (checkout.Intent, error) {
	req := checkout.Settlement{Intent: in, Capture: action == "capture", Reason: reason, Readers: readers}
	switch ev := checkout.Settle(ctx, svc.gateway, svc.store, req, time.Now).(type) {
	case checkout.Captured:
		return ev.Intent, nil
	case checkout.PaymentCanceled:
		return ev.Intent, nil
	case checkout.StepFailed:
		f := ev.Failure
		return checkout.Intent{}, &f
	}
	return checkout.Intent{}, fmt.Errorf("unexpected answer")
}

// tillScope is what this till's support looks after: its own intents and those of the
// locations of its configured and preferred readers (see checkout.Scope); callers add
// the readers of the orders they read (Scope.WithReadersOf). Without the reader list it
// sees everything.
func tillScope(ctx context.Context, svc *services) checkout.Scope {
	own := []string{svc.cfg.ReaderID}
	if pref, err := svc.store.Pref(readerPref); err == nil {
		own = append(own, pref)
	}
	callCtx, cancel := context.WithTimeout(ctx, svc.cfg.CallTimeout)
	defer cancel()
	readers, _ := svc.gateway.ListReaders(callCtx)
	return checkout.NewScope(svc.cfg.TillID, own, readers)
}

func pastTense(action string) string {
	if action == "capture" {
		return "captured"
	}
	return "canceled"
}
