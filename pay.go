package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/readerctl"
)

// payResult is what `till pay --json` prints: one object, whatever the outcome. Amounts
// are minor units; amount is the order's total before the tip.
type payResult struct {
	OrderID        string                 `json:"order_id"`
	PaymentIntent  string                 `json:"payment_intent"`
	Status         string                 `json:"status"`
	Amount         int64                  `json:"amount"`
	Currency       string                 `json:"currency"`
	Reader         string                 `json:"reader"`
	FailureCode    string                 `json:"failure_code"`
	DeclineCode    string                 `json:"decline_code"`
	Message        string                 `json:"message"`
	Lines          []checkout.LineSummary `json:"lines"`
	Subtotal       int64                  `json:"subtotal"`
	Discount       int64                  `json:"discount"`
	Tax            int64                  `json:"tax"`
	Tip            int64                  `json:"tip"`
	AmountReceived int64                  `json:"amount_received"`
	Livemode       bool                   `json:"livemode"`
	Tender         string                 `json:"tender"` // card, or cash (till pay --cash)
}

func runPay(args []string, stdout, stderr io.Writer) int {
	fs := commandFlags("pay", "till pay --amount 12.34 | --item SKU[:QTY]... [flags]",
		"Takes one payment on a reader without the TUI; exits 0 only when it succeeded.", stderr)
	amountText := fs.String("amount", "", "a free amount in the currency's major unit, e.g. 12.34")
	items := fs.StringArray("item", nil, "a catalogue item, SKU or SKU:QTY; repeat for more lines (instead of --amount)")
	discountText := fs.String("discount", "", "a discount on the order of --item lines: 10% or 1.50")
	tipText := fs.String("tip", "", "the tip the customer picks on a simulated reader, e.g. 2.50")
	card := fs.String("card", "4242424242424242", "test card to present on a simulated reader, or none to present nothing and wait")
	order := fs.String("order", "", "order id: 1-64 letters, digits, '.', '-' or '_'; re-running with the same id (alone, or with the same amount) resumes that order and never charges twice (default: a new id)")
	wait := fs.Duration("wait", 2*time.Minute, fmt.Sprintf("how long to wait for the customer before leaving the payment open (at least %s)", minWait))
	asJSON := fs.Bool("json", false, "print one JSON object")
	cashText := fs.String("cash", "", "the sale is paid in cash: the amount the customer gave, e.g. 20; prints the change due (no reader, no Stripe)")
	cfg, code, ok := parseConfig(fs, args, 0, stderr)
	if !ok {
		return code
	}
	if err := checkWait(*wait, "the payment"); err != nil {
		fmt.Fprintf(stderr, "till pay: %v. Nothing was sent to Stripe.\n", err)
		return 2
	}
	// --order alone carries on an order this till started: it has its amount.
	carryOn := *order != "" && *amountText == "" && len(*items) == 0 && *discountText == "" && !fs.Changed("cash")
	var cart checkout.Cart
	var amount checkout.Money
	var err error
	if !carryOn {
		if cart, amount, err = saleOf(cfg, *items, *amountText, *discountText); err != nil {
			fmt.Fprintf(stderr, "till pay: %v. Nothing was sent to Stripe.\n", err)
			return 2
		}
	}
	tip, err := tipOf(cfg, *tipText)
	if err != nil {
		fmt.Fprintf(stderr, "till pay: %v. Nothing was sent to Stripe.\n", err)
		return 2
	}
	if fs.Changed("cash") {
		if fs.Changed("tip") || fs.Changed("card") {
			fmt.Fprintln(stderr, "till pay: --tip and --card are for a card on the reader; a cash sale has neither. Nothing was recorded.")
			return 2
		}
		return payCash(cfg, cart, amount, *cashText, *order, *asJSON, stdout, stderr)
	}
	if strings.EqualFold(*card, "none") {
		*card = ""
	}
	if cfg.Live {
		if fs.Changed("card") && *card != "" {
			fmt.Fprintln(stderr, "till pay: --card presents a test card, which live mode has none of; the customer taps their own card.")
			return 2
		}
		*card = ""
	}
	if err := readerctl.CheckTestCard(*card); err != nil {
		fmt.Fprintf(stderr, "till pay: --card %v (or --card none). Nothing was sent to Stripe.\n", err)
		return 2
	}
	svc, err := openServices(cfg)
	if err != nil {
		return explainSetup(stderr, err)
	}
	defer svc.Close()
	hooks := svc.startWebhooks(stderr)

	orderID := *order
	if orderID == "" {
		orderID = newOrderID()
	}
	if err := checkOrderID(svc.store, orderID); err != nil {
		fmt.Fprintf(stderr, "till pay: --order %v. Nothing was stored or sent to Stripe.\n", err)
		return 2
	}
	if carryOn {
		s, found, err := svc.store.Session(orderID)
		if err != nil || !found || s.Phase == checkout.Building {
			fmt.Fprintf(stderr, "till pay: this till has no order %s to carry on; for a new sale give --amount 12.34 or one --item SKU[:QTY] or more. Nothing was sent to Stripe.\n", orderID)
			return 2
		}
		cart, amount = s.Cart, s.Amount
	}

	ctx, stop := commandContext()
	defer stop()
	busy := busyNotice(stderr)
	listCtx, cancel := context.WithTimeout(checkout.WithBusy(ctx, busy), cfg.CallTimeout)
	readers, err := svc.gateway.ListReaders(listCtx)
	cancel()
	if err != nil {
		if f := checkout.AsFailure(err); f.Kind == checkout.KindNetwork {
			fmt.Fprintln(stderr, "till pay: "+cardsRefused(svc.reach.Reach(), time.Now(), *amountText))
			return 1
		}
		fmt.Fprintf(stderr, "till pay: cannot list the readers: %s\n", checkout.ExplainReadWithDetail(checkout.AsFailure(err)))
		return 1
	}
	pref, _ := svc.store.Pref(readerPref)
	rd, err := chooseReader(readers, cfg.ReaderID, pref)
	if err != nil {
		fmt.Fprintf(stderr, "till pay: %v\n", err)
		return 2
	}

	sendHeldFirst(ctx, svc, orderID, stderr)
	charge := checkout.ChargeRequested{OrderID: orderID, Amount: amount, ReaderID: rd.ID, CaptureMethod: cfg.CaptureMethod,
		Tipping: cfg.Counter.Tipping.For(cart.Totals()), At: time.Now()}
	s, first, err := startOrResume(svc.store, cart, charge)
	if err != nil {
		fmt.Fprintf(stderr, "till pay: %v\n", err)
		return 2
	}
	retryOn := ""
	switch {
	case !fs.Changed("reader") || s.ReaderID == "" || s.ReaderID == rd.ID:
		rd = orderReader(readers, s, rd)
	case s.Phase == checkout.Declined:
		retryOn = rd.ID // the declined order is sent again to the reader this run names
	default:
		rd = orderReader(readers, s, rd)
		if !s.Phase.Finished() {
			fmt.Fprintf(stderr, "till pay: order %s is %s on reader %s, where it started, and carries on there: --reader moves only a declined order.\n", s.OrderID, s.Phase, rd.ID)
		}
	}
	if tip > 0 && !rd.Simulated() {
		fmt.Fprintf(stderr, "till pay: --tip works on a simulated reader only; on %s the customer picks the tip. Nothing was sent to Stripe.\n", rd.Name())
		return 2
	}
	var clear checkout.DisplayEffect
	if _, fresh := first.(checkout.ChargeRequested); fresh {
		if code, why := readerRefuses(rd, readers, svc.store); why != "" {
			res := resultOf(checkout.Session{OrderID: orderID, Amount: amount, Cart: cart}, rd)
			res.FailureCode, res.Message, res.Livemode = code, why, cfg.Live
			printResult(stdout, res, *asJSON)
			return 1
		}
		clear = showCart(ctx, svc, rd.ID, orderID, cart)
	}
	d := svc.driver()
	d.busy, d.card, d.tip, d.simulated = busy, *card, tip, rd.Simulated()
	d.notices, d.pace = hooks.Notices(), pollPace(cfg, hooks)
	d.until = time.Now().Add(*wait)
	d.retryOn = retryOn
	if first != nil {
		s, err = d.run(ctx, s, first)
	}
	if clear != nil && s.Phase != checkout.Paid {
		// The sale did not go through: if the cart is still on the screen (the payment
		// never reached the reader), it comes off. Only that cart is ever cleared.
		display(ctx, svc, orderID, clear)
	}
	res := payOutcome(s, rd, err, svc.reach.Reach(), time.Now())
	if f := s.Failure; err == nil && s.Phase == checkout.Declined && f.ReaderInUse() {
		// Explain's words are the screen's, which can take the reader over.
		res.Message = readerInUse(svc.store, rd, f.Message)
	}
	res.Livemode = cfg.Live
	printResult(stdout, res, *asJSON)
	if res.Status == string(checkout.IntentSucceeded) {
		return 0
	}
	return 1
}

// payOutcome is what till pay reports of a run that ended in s with err. When the
// database could not keep a step, s is the session as far as Stripe got (the order, its
// PaymentIntent and status; see notSaved), not the last one saved, which may predate the
// PaymentIntent or the card.
func payOutcome(s checkout.Session, rd checkout.Reader, err error, reach checkout.Reach, now time.Time) payResult {
	var ns *notSaved
	errors.As(err, &ns)
	res := resultOf(s, rd)
	switch {
	case errors.Is(err, errStopped) && s.Held != "":
		res.Message = heldAtExit(s, reach, now)
	case ns != nil:
		res.Message = ns.Error() + " Once there is room on the disk, run again with --order " + s.OrderID + " to carry on."
	case errors.Is(err, errStopped) && s.PaymentIntentID == "":
		res.Message = fmt.Sprintf("Stopped before the payment reached the reader. %s Run again with --order %s to carry on: it never makes a second PaymentIntent.", checkout.AtStripe(s), s.OrderID)
	case errors.Is(err, errStopped):
		res.Message = fmt.Sprintf("The payment is still open (%s); run again with --order %s to carry on.", s.Phase, s.OrderID)
	case err != nil:
		res.Message = err.Error()
	}
	return res
}

// busyWords is what till pay says on stderr while Stripe rate limits it.
const busyWords = "Stripe is busy, retrying…"

// busyNotice says "Stripe is busy, retrying" on stderr when Stripe rate limits the
// run's calls: once, and again only after a quiet spell. It is not an error: the calls
// go through when Stripe lets them.
func busyNotice(stderr io.Writer) *checkout.Busy {
	var said time.Time
	return &checkout.Busy{OnWait: func(time.Duration) {
		if time.Since(said) > 10*time.Second {
			fmt.Fprintln(stderr, busyWords)
		}
		said = time.Now()
	}}
}

// checkOrderID refuses an order id that breaks checkout's rule, unless it names an
// unfinished order stored before the rule existed: that one may be resumed, to close it.
func checkOrderID(st checkout.SessionReader, orderID string) error {
	err := checkout.ValidOrderID(orderID)
	if err == nil {
		return nil
	}
	if s, found, _ := st.Session(orderID); found && !s.Phase.Finished() && s.Phase != checkout.Building {
		return nil
	}
	return err
}

// startOrResume returns the order's session and the event that moves it on: the
// charge of the cart (empty for a free amount), a resume of an unfinished order, or
// nothing for an order already finished.
func startOrResume(st checkout.SessionReader, cart checkout.Cart, charge checkout.ChargeRequested) (checkout.Session, checkout.Event, error) {
	s, found, err := st.Session(charge.OrderID)
	if err != nil {
		return s, nil, err
	}
	if !found || s.Phase == checkout.Building {
		return checkout.Session{Cart: cart}, charge, nil
	}
	if s.Cash != nil {
		return s, nil, fmt.Errorf("order %s was paid in cash (%s), so there is no card payment to take or resume; nothing was sent to Stripe. Use another --order for a new sale", charge.OrderID, s.Amount)
	}
	if s.Amount != charge.Amount {
		return s, nil, fmt.Errorf("order %s was started for %s, not %s; use another --order", charge.OrderID, s.Amount, charge.Amount)
	}
	if s.Phase.Finished() {
		return s, nil, nil
	}
	return s, checkout.Resumed{At: charge.At}, nil
}

func resultOf(s checkout.Session, rd checkout.Reader) payResult {
	res := payResult{
		OrderID: s.OrderID, PaymentIntent: s.PaymentIntentID, Status: string(s.IntentStatus),
		Amount: s.Amount.Amount, Currency: s.Amount.Currency, Reader: rd.ID, Tender: s.Tender(),
		Lines: []checkout.LineSummary{}, Subtotal: s.Amount.Amount, Tip: s.Tip, AmountReceived: s.AmountReceived,
	}
	if !s.Cart.Empty() {
		t := s.Cart.Totals()
		res.Lines, res.Subtotal, res.Discount, res.Tax = checkout.Summaries(s.Cart, t), t.Subtotal, t.Discount, t.Tax
	}
	if s.ReaderID != "" {
		res.Reader = s.ReaderID
	}
	switch {
	case s.Failure != nil:
		res.FailureCode, res.DeclineCode = s.Failure.Code, s.Failure.DeclineCode
		res.Message = checkout.Explain(s.Failure)
	case s.Phase == checkout.Paid:
		res.Message = "Paid " + s.Amount.String()
		if s.Tip > 0 {
			res.Message += " + " + checkout.Money{Amount: s.Tip, Currency: s.Amount.Currency}.String() + " tip"
		}
		if s.Card.Last4 != "" {
			res.Message += fmt.Sprintf(" with %s •••• %s", s.Card.Brand, s.Card.Last4)
		}
	case s.Phase == checkout.Canceled:
		res.Message = "Canceled; nothing was charged."
	}
	return res
}

func printResult(w io.Writer, res payResult, asJSON bool) {
	if asJSON {
		writeJSONLine(w, res)
		return
	}
	fmt.Fprintf(w, "%s\norder %s · payment %s · status %s\n", res.Message, res.OrderID, dash(res.PaymentIntent), dash(res.Status))
}

// newOrderID makes an order id that sorts by time and never repeats.
func newOrderID() string {
	var b [4]byte
	_, _ = rand.Read(b[:])
	return "ord_" + time.Now().UTC().Format("20060102T150405") + "_" + hex.EncodeToString(b[:])
}
