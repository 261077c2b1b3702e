package main

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/readerctl"
)

// refundResult is what `till refund --json` prints: one object, whatever the outcome.
type refundResult struct {
	RefundID      string `json:"refund_id"`
	Refund        string `json:"refund"` // Stripe's refund id, once there is one
	PaymentIntent string `json:"payment_intent"`
	OrderID       string `json:"order_id"`
	Amount        int64  `json:"amount"`
	Currency      string `json:"currency"`
	Status        string `json:"status"`         // Stripe's refund status, else till's phase
	FailureReason string `json:"failure_reason"` // Stripe's failure_reason, else why till stopped
	Message       string `json:"message"`
}

// refundFlags are `till refund`'s own flags.
type refundFlags struct {
	amount, reason, refundID, card string
	lines                          []string
	wait                           time.Duration
	cancel, json                   bool
}

func runRefund(args []string, stdout, stderr io.Writer) int {
	fs := commandFlags("refund", "till refund ORDER|PI [--amount A | --line SKU[:QTY] ...] [--reason R] [--refund-id ID] [--json]",
		"Refunds a payment, all that is left of it, --amount, or lines of its order; an Interac payment is refunded on the reader with\n"+
			"the customer's card. Exits 0 only when the refund succeeded. Re-running with the same --refund-id\n"+
			"resumes that refund and never refunds twice.", stderr, sellsNothing...)
	var f refundFlags
	fs.StringVar(&f.amount, "amount", "", "amount to refund in the payment's currency, e.g. 5.00 (default: all that is left)")
	fs.StringArrayVar(&f.lines, "line", nil, "a line of the order to give back, SKU or SKU:QTY (repeat for more): its share of discounts and tax is refunded")
	fs.StringVar(&f.reason, "reason", "", "why: "+strings.Join(checkout.RefundReasons, ", "))
	fs.StringVar(&f.refundID, "refund-id", "", "refund id; re-running with the same id resumes that refund (default: a new id)")
	fs.StringVar(&f.card, "card", "", "test card for an in-person refund on a simulated reader (default: the payment's own), or none")
	fs.DurationVar(&f.wait, "wait", 2*time.Minute, fmt.Sprintf("how long to wait for the refund to finish before leaving it open, at least %s (the calls themselves are never cut)", minWait))
	fs.BoolVar(&f.cancel, "cancel", false, "cancel the in-person refund --refund-id while the reader waits for the card")
	fs.BoolVar(&f.json, "json", false, "print one JSON object")
	cfg, code, ok := parseConfig(fs, args, 1, stderr)
	if !ok {
		return code
	}
	if err := checkReference(fs.Arg(0)); err != nil {
		fmt.Fprintf(stderr, "till refund: %v. Nothing was sent to Stripe.\n", err)
		return 2
	}
	if msg := f.check(); msg != "" {
		fmt.Fprintf(stderr, "till refund: %s. Nothing was sent to Stripe.\n", msg)
		return 2
	}
	svc, err := openServices(cfg)
	if err != nil {
		return explainSetup(stderr, err)
	}
	defer svc.Close()
	ctx, stop := commandContext()
	defer stop()

	r, first, code := startOrRevisitRefund(ctx, svc, fs.Arg(0), f, stderr)
	if code != 0 {
		return code
	}
	var rd checkout.Reader // the reader of a new in-person refund
	if req, ok := first.(checkout.RefundRequested); ok && checkout.RefundsInPerson(req.Payment) {
		if rd, code = refundReader(ctx, svc, req.Payment.ReaderID, stderr); code != 0 {
			return code
		}
		req.ReaderID = rd.ID
		first = req
	}
	res := refundResultOf(r)
	if first != nil {
		d := newRefundDriver(ctx, svc, r, first, rd, f.card)
		d.until = time.Now().Add(f.wait)
		r, err = d.run(ctx, r, first)
		res = refundResultOf(r)
		var ns *notSaved
		switch {
		case f.cancel && errors.Is(err, checkout.ErrInvalidTransition):
			fmt.Fprintf(stderr, "till refund: refund %s cannot be canceled (%s): --cancel stops only an in-person refund while the reader waits for the card. %s\n",
				r.ID, r.Phase, checkout.ExplainRefund(r))
			return 1
		case errors.Is(err, checkout.ErrBadRefund), errors.Is(err, checkout.ErrInvalidTransition):
			fmt.Fprintf(stderr, "till refund: %v. Nothing was refunded.\n", err)
			return 1
		case errors.As(err, &ns):
			res.Message = ns.Error() + " Once there is room on the disk, run again with --refund-id " + r.ID + " to carry on."
		case errors.Is(err, errStopped):
			res.Message = fmt.Sprintf("%s The refund is still open (%s); run again with --refund-id %s to carry on.",
				checkout.ExplainRefund(r), r.Phase, r.ID)
		case err != nil:
			res.Message = err.Error()
		case r.Phase == checkout.RefundDeclined && r.Failure.ReaderInUse():
			// ExplainRefund's words are the screen's, which can take the reader over.
			if rd.ID != r.ReaderID {
				rd = checkout.Reader{ID: r.ReaderID}
			}
			res.Message = readerInUse(svc.store, rd, r.Failure.Message) + " Nothing was refunded; run again with --refund-id " + r.ID + " to try again."
		}
	}
	printRefundResult(stdout, res, f.json)
	if r.Phase == checkout.RefundSucceeded {
		return 0
	}
	return 1
}

// check refuses bad flags before anything is opened; "" when they are fine.
func (f *refundFlags) check() string {
	switch {
	case f.reason != "" && !slices.Contains(checkout.RefundReasons, f.reason):
		return fmt.Sprintf("--reason %q is not one of %s", f.reason, strings.Join(checkout.RefundReasons, ", "))
	case f.cancel && f.refundID == "":
		return "--cancel needs the --refund-id of the refund to cancel"
	case f.amount != "" && len(f.lines) > 0:
		return "give --amount or --line, not both"
	}
	if err := checkWait(f.wait, "the refund"); err != nil {
		return err.Error()
	}
	if f.refundID != "" {
		if err := checkout.CheckRefundID(f.refundID); err != nil {
			return err.Error()
		}
	}
	if strings.EqualFold(f.card, "none") {
		f.card = "-" // present nothing, which "" would not say
	} else if err := readerctl.CheckTestCard(f.card); err != nil {
		return "--card " + err.Error() + " (or --card none)"
	}
	return ""
}

// startOrRevisitRefund returns the refund and the event that moves it on: a new
// request for the payment ref names (its reader not chosen yet), or, for a --refund-id
// already saved, a resume, a check or a cancel. A code other than 0 ends the command (its message printed).
func startOrRevisitRefund(ctx context.Context, svc *services, ref string, f refundFlags, stderr io.Writer) (checkout.Refund, checkout.Event, int) {
	now := time.Now()
	if f.refundID != "" {
		r, found, err := svc.store.Refund(f.refundID)
		if err != nil {
			fmt.Fprintf(stderr, "till refund: cannot read refund %s: %v\n", f.refundID, err)
			return r, nil, 1
		}
		if found {
			if ref != r.OrderID && ref != r.PaymentIntentID {
				fmt.Fprintf(stderr, "till refund: refund %s is for order %s (%s), not %s; use another --refund-id\n", r.ID, r.OrderID, r.PaymentIntentID, ref)
				return r, nil, 2
			}
			if f.amount != "" {
				if amount, err := checkout.ParseAmount(f.amount, r.Amount.Currency); err != nil || amount != r.Amount {
					asked := f.amount
					if err == nil {
						asked = amount.String()
					}
					fmt.Fprintf(stderr, "till refund: refund %s was started for %s, not %s; use another --refund-id\n", r.ID, r.Amount, asked)
					return r, nil, 2
				}
			}
			if len(f.lines) > 0 {
				if lines, _, err := refundLines(svc, r.OrderID, r.PaymentIntentID, f.lines, r.ID); err != nil || !slices.Equal(lines, r.Lines) {
					fmt.Fprintf(stderr, "till refund: refund %s was started for other lines (%s); use another --refund-id\n", r.ID, r.Amount)
					return r, nil, 2
				}
			}
			if f.cancel {
				return r, checkout.CancelRequested{At: now}, 0
			}
			return r, r.Revisit(now), 0
		}
		if f.cancel {
			fmt.Fprintf(stderr, "till refund: there is no refund %s to cancel\n", f.refundID)
			return r, nil, 2
		}
	}
	callCtx, cancel := context.WithTimeout(ctx, svc.cfg.CallTimeout)
	payment, err := checkout.FindPayment(callCtx, svc.gateway, svc.store, ref)
	cancel()
	if errors.Is(err, checkout.ErrNoPayment) {
		fmt.Fprintf(stderr, "till refund: %v\n", err)
		return checkout.Refund{}, nil, 2
	}
	if err != nil {
		return checkout.Refund{}, nil, failedRead(stderr, "refund", "cannot read the payment "+ref, err)
	}
	var amount checkout.Money
	if f.amount != "" {
		if amount, err = checkout.ParseAmount(f.amount, payment.Amount.Currency); err != nil {
			fmt.Fprintf(stderr, "till refund: %v. Nothing was sent to Stripe.\n", err)
			return checkout.Refund{}, nil, 2
		}
	}
	var lines []checkout.RefundLine
	if len(f.lines) > 0 {
		if lines, amount, err = refundLines(svc, payment.OrderID, payment.ID, f.lines, ""); err != nil {
			fmt.Fprintf(stderr, "till refund: %v. Nothing was sent to Stripe.\n", err)
			return checkout.Refund{}, nil, 2
		}
	}
	id := f.refundID
	if id == "" {
		var nonce [4]byte
		_, _ = rand.Read(nonce[:]) // crypto/rand.Read never returns an error
		id = checkout.NewRefundID(now, nonce)
	}
	return checkout.Refund{}, checkout.RefundRequested{RefundID: id, Payment: payment, Amount: amount, Reason: f.reason, Lines: lines, At: now}, 0
}

// refundLines reads --line specs against the order as this till sold it (its session's
// cart), past the lines its other refunds gave back, and what they come to.
func refundLines(svc *services, orderID, paymentIntentID string, specs []string, except string) ([]checkout.RefundLine, checkout.Money, error) {
	s, found, err := svc.store.Session(orderID)
	if err != nil {
		return nil, checkout.Money{}, err
	}
	if !found || s.PaymentIntentID != paymentIntentID || s.Cart.Empty() {
		return nil, checkout.Money{}, fmt.Errorf("%w: this till's journal has no cart for %s (it sold an amount, or another till sold it); refund an --amount instead",
			checkout.ErrBadRefundLines, paymentIntentID)
	}
	refunds, err := svc.store.RefundsOf(orderID)
	if err != nil {
		return nil, checkout.Money{}, err
	}
	refunds = slices.DeleteFunc(refunds, func(r checkout.Refund) bool { return r.ID == except })
	already := checkout.RefundedLines(refunds)
	lines, err := checkout.LinesToRefund(s.Cart, specs, already)
	if err != nil {
		return nil, checkout.Money{}, err
	}
	amount, err := checkout.LinesAmount(s.Cart, lines, already)
	return lines, amount, err
}

// refundReader chooses the reader for an in-person refund: --reader, else the reader
// that took the payment, else the one the screen remembers, else the first.
func refundReader(ctx context.Context, svc *services, paidOn string, stderr io.Writer) (checkout.Reader, int) {
	callCtx, cancel := context.WithTimeout(ctx, svc.cfg.CallTimeout)
	readers, err := svc.gateway.ListReaders(callCtx)
	cancel()
	if err != nil {
		return checkout.Reader{}, failedRead(stderr, "refund", "cannot list the readers", err)
	}
	preferred := paidOn
	if !slices.ContainsFunc(readers, func(r checkout.Reader) bool { return r.ID == paidOn }) {
		preferred, _ = svc.store.Pref(readerPref)
	}
	rd, err := chooseReader(readers, svc.cfg.ReaderID, preferred)
	if err != nil {
		fmt.Fprintf(stderr, "till refund: %v\n", err)
		return checkout.Reader{}, 2
	}
	return rd, 0
}

// newRefundDriver builds the driver; for an in-person refund it needs the reader, to
// know whether it is simulated (and so takes the test card): rd when the command chose
// it, else read.
func newRefundDriver(ctx context.Context, svc *services, r checkout.Refund, first checkout.Event, rd checkout.Reader, card string) *refundDriver {
	d := &refundDriver{
		gateway: svc.gateway, presenter: svc.gateway, store: svc.store, now: time.Now,
		pace: refundPace(svc.cfg, nil), callTimeout: svc.cfg.CallTimeout, // no webhooks: the schedule's own pace
		logf: svc.logf,
	}
	readerID, paidWith := r.ReaderID, r.Card
	if req, ok := first.(checkout.RefundRequested); ok {
		readerID, paidWith = req.ReaderID, req.Payment.Card
	}
	if readerID == "" {
		return d // a card refund: no reader
	}
	switch card {
	case "":
		d.card = readerctl.TestCardFor(paidWith)
	case "-":
	default:
		d.card = card
	}
	if rd.ID != readerID {
		callCtx, cancel := context.WithTimeout(ctx, svc.cfg.CallTimeout)
		var err error
		rd, err = svc.gateway.ReadReader(callCtx, readerID)
		cancel()
		if err != nil {
			// The machine reads the reader again and says what is wrong with it.
			svc.log.Info("read the refund's reader", "reader", readerID, "err", err)
		}
	}
	d.simulated = rd.Simulated()
	return d
}

func refundResultOf(r checkout.Refund) refundResult {
	res := refundResult{RefundID: r.ID, Refund: r.StripeID, PaymentIntent: r.PaymentIntentID, OrderID: r.OrderID,
		Amount: r.Amount.Amount, Currency: r.Amount.Currency, Status: r.Phase.String(), FailureReason: r.FailureReason,
		Message: checkout.ExplainRefund(r)}
	if r.Status != "" && r.Phase != checkout.RefundUnknown {
		res.Status = string(r.Status)
	}
	if res.FailureReason == "" && r.Failure != nil && r.Phase != checkout.RefundSucceeded {
		res.FailureReason = r.Failure.Code
		if res.FailureReason == "" {
			res.FailureReason = string(r.Failure.Kind)
		}
	}
	return res
}

func printRefundResult(w io.Writer, res refundResult, asJSON bool) {
	if asJSON {
		writeJSONLine(w, res)
		return
	}
	fmt.Fprintf(w, "%s\nrefund %s · %s · payment %s · order %s · status %s\n", res.Message, res.RefundID, dash(res.Refund),
		res.PaymentIntent, res.OrderID, res.Status)
	if s := checkout.RefundStatus(res.Status); s == checkout.RefundStatusSucceeded || s == checkout.RefundStatusPending {
		fmt.Fprintf(w, "The customer's refund receipt: till receipt %s\n", res.RefundID)
	}
}
