package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/emulator"
	"github.com/till-pos/till/store"
)

// fillingDisk is till's store on a disk that fills up: from its failFrom-th write on,
// every write fails as the real store reports a full disk, until it is emptied. With
// journalOnly only the journal's lines count and fail: bbolt rewrites a session in
// pages it already has, while the journal must grow, so on a real disk the journal
// fails first. It needs no privileges, so it runs in CI.
type fillingDisk struct {
	*store.Store
	journalOnly      bool
	writes, failFrom int
}

func (d *fillingDisk) full(what string, journal bool) error {
	if d.journalOnly && !journal {
		return nil
	}
	d.writes++
	if d.failFrom > 0 && d.writes >= d.failFrom {
		return fmt.Errorf("%s: %w: no room left to write till's database %s", what, store.ErrDiskFull, d.Path())
	}
	return nil
}

func (d *fillingDisk) SaveSession(s checkout.Session) error {
	if err := d.full("save session "+s.OrderID, false); err != nil {
		return err
	}
	return d.Store.SaveSession(s)
}

func (d *fillingDisk) Append(e checkout.Entry) (checkout.Entry, error) {
	if err := d.full("append to journal of "+e.OrderID, true); err != nil {
		return e, err
	}
	return d.Store.Append(e)
}

// Issue 11 defect 3: with 0 KB free till said "could not write its journal, so nothing
// was sent" after the PaymentIntent had been created; with 4 KB free a card was left
// authorized with only "still open (unknown)". Here the disk fills up at every write of
// a sale in turn. Each time till must stop with a message that names the disk and is
// true about what reached Stripe (read from the emulator), and once the disk has room
// the same order must carry on to one captured payment: no double charge, nothing lost.
func TestAFullDiskAtEveryWrite(t *testing.T) {
	for _, journalOnly := range []bool{false, true} {
		t.Run(fmt.Sprintf("journal only %v", journalOnly), func(t *testing.T) { fullDiskAtEveryWrite(t, journalOnly) })
	}
}

func fullDiskAtEveryWrite(t *testing.T, journalOnly bool) {
	e := newSupportEnv(t, emulator.Options{})
	emu, gw := e.emu, e.other(t)
	st := openStore(t, e.db)
	t.Cleanup(func() { _ = st.Close() })
	reader := emu.ReaderIDs()[0]
	amount := checkout.Money{Amount: 1234, Currency: "usd"}
	disk := &fillingDisk{Store: st, journalOnly: journalOnly}
	d := &driver{gateway: gw, presenter: gw, store: disk, now: time.Now,
		schedule: checkout.Schedule{Every: 5 * time.Millisecond, Max: 20 * time.Millisecond}, callTimeout: 5 * time.Second,
		card: "4242424242424242", simulated: true, logf: func(string, ...any) {}}
	pay := func(order string) (checkout.Session, error) {
		s, first, err := startOrResume(disk, checkout.Cart{}, checkout.ChargeRequested{OrderID: order, Amount: amount,
			ReaderID: reader, CaptureMethod: checkout.CaptureManual, At: time.Now()})
		if err != nil || first == nil {
			return s, err
		}
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		return d.run(ctx, s, first)
	}

	stops := 0
	for n := 1; ; n++ {
		order := fmt.Sprintf("FULL-%d", n)
		disk.writes, disk.failFrom = 0, n
		s, err := pay(order)
		if err == nil {
			if s.Phase != checkout.Paid {
				t.Fatalf("write %d: run ended %s without an error", n, s.Phase)
			}
			break // the sale needs fewer writes than n: every write has been tried
		}
		stops++
		var ns *notSaved
		if !errors.As(err, &ns) {
			t.Fatalf("write %d: stopped with %T %v, not a notSaved", n, err, err)
		}
		msg := err.Error()
		if !strings.Contains(msg, "the disk is full") {
			t.Errorf("write %d: %q does not name the disk", n, msg)
		}
		truth := atStripe(emu, order)
		if !strings.Contains(msg, truth.says) {
			t.Errorf("write %d: Stripe holds %s, but till said %q (want %q)", n, truth.state, msg, truth.says)
		}
		// What till pay prints names the order and what Stripe holds, not the last
		// session the database kept ("order  · payment  · status ").
		res := payOutcome(s, checkout.Reader{ID: reader}, err, checkout.Reach{}, time.Now())
		if res.OrderID != order || res.PaymentIntent != truth.pi || res.Status != truth.status || !strings.Contains(res.Message, "--order "+order+" ") {
			t.Errorf("write %d: Stripe holds %s, till pay prints order %q payment %q status %q: %q", n, truth.state, res.OrderID, res.PaymentIntent, res.Status, res.Message)
		}

		disk.failFrom = 0 // room again
		s, err = pay(order)
		if err != nil || s.Phase != checkout.Paid {
			t.Fatalf("write %d: after the disk had room again: %s, %v", n, s.Phase, err)
		}
		captured := 0
		for _, pi := range emu.PaymentIntents() {
			if pi.OrderID != order {
				continue
			}
			switch pi.Status {
			case "succeeded":
				captured++
				if pi.AmountReceived != amount.Amount {
					t.Errorf("write %d: %s took %d", n, pi.ID, pi.AmountReceived)
				}
			case "canceled":
			default:
				t.Errorf("write %d: %s left %s", n, pi.ID, pi.Status)
			}
		}
		if captured != 1 {
			t.Errorf("write %d: %d captured payments for the order", n, captured)
		}
	}
	if stops < 5 {
		t.Fatalf("only %d writes tried; the sale makes more", stops)
	}
}

// atStripe is what the emulator holds for an order, and the words till must use for it.
func atStripe(emu *emulator.Emulator, order string) (out struct{ state, says, pi, status string }) {
	out.state, out.says = "nothing", "Nothing of this order reached Stripe."
	for _, pi := range emu.PaymentIntents() {
		if pi.OrderID != order {
			continue
		}
		out.state = pi.ID + " " + pi.Status
		out.pi, out.status = pi.ID, pi.Status
		switch pi.Status {
		case "requires_capture":
			out.says = "The card is authorized for $12.34 (" + pi.ID + ")"
		case "succeeded":
			out.says = "$12.34 was taken (" + pi.ID + ")"
		default:
			out.says = "The payment " + pi.ID + " for $12.34 exists at Stripe; nothing has been charged so far."
		}
	}
	return out
}

func (d *fillingDisk) SaveRefund(r checkout.Refund) error {
	if err := d.full("save refund "+r.ID, false); err != nil {
		return err
	}
	return d.Store.SaveRefund(r)
}

// till refund on a disk that fills up at every write of a refund in turn. It said
// "could not save the refund, so nothing was sent" even when Stripe had just made the
// refund. Each stop must be true about what Stripe has, and once the disk has room the
// same refund id must carry on to one refund at Stripe: never two.
func TestARefundOnAFullDiskAtEveryWrite(t *testing.T) {
	e := newSupportEnv(t, emulator.Options{})
	code, paid := e.payOn(t, "--amount", "20.00", "--order", "RFULL")
	if code != 0 {
		t.Fatalf("pay: %d %+v", code, paid)
	}
	gw := e.other(t)
	st := openStore(t, e.db)
	t.Cleanup(func() { _ = st.Close() })
	disk := &fillingDisk{Store: st}
	d := &refundDriver{gateway: gw, presenter: gw, store: disk, now: time.Now, callTimeout: 5 * time.Second,
		pace: func(checkout.Refund) time.Duration { return 5 * time.Millisecond }, logf: func(string, ...any) {}}
	ctx := context.Background()
	refund := func(id string) (checkout.Refund, error) {
		if r, found, err := st.Refund(id); err != nil || found {
			if err != nil {
				t.Fatal(err)
			}
			return d.run(ctx, r, r.Revisit(time.Now()))
		}
		payment, err := gw.ReadIntent(ctx, paid.PaymentIntent)
		if err != nil {
			t.Fatal(err)
		}
		return d.run(ctx, checkout.Refund{}, checkout.RefundRequested{RefundID: id, Payment: payment,
			Amount: checkout.Money{Amount: 100, Currency: "usd"}, At: time.Now()})
	}
	atStripe := func(id string) (made []checkout.StripeRefund) {
		_, refunds := e.refundsAt(t, paid.PaymentIntent)
		for _, r := range refunds {
			if r.TillRefundID == id {
				made = append(made, r)
			}
		}
		return made
	}
	stops := 0
	for n := 1; ; n++ {
		id := fmt.Sprintf("RF-%d", n)
		disk.writes, disk.failFrom = 0, n
		r, err := refund(id)
		if err == nil {
			if r.Phase != checkout.RefundSucceeded {
				t.Fatalf("write %d: the refund ended %s without an error", n, r.Phase)
			}
			break
		}
		stops++
		msg := err.Error()
		if !strings.Contains(msg, "the disk is full") {
			t.Errorf("write %d: %q does not name the disk", n, msg)
		}
		if made := atStripe(id); len(made) > 0 && !strings.Contains(msg, made[0].ID) && !strings.Contains(msg, "not known") {
			t.Errorf("write %d: Stripe has %s, but till said %q", n, made[0].ID, msg)
		} else if len(made) > 0 && r.StripeID != made[0].ID && r.Phase != checkout.RefundUnknown {
			t.Errorf("write %d: Stripe has %s, but the refund till reports is %s %q", n, made[0].ID, r.Phase, r.StripeID)
		} else if len(made) == 0 && strings.Contains(msg, "Stripe has the refund") {
			t.Errorf("write %d: Stripe has nothing, but till said %q", n, msg)
		}
		disk.failFrom = 0 // room again
		if r, err = refund(id); err != nil || r.Phase != checkout.RefundSucceeded {
			t.Fatalf("write %d: after the disk had room again: %s, %v", n, r.Phase, err)
		}
		if made := atStripe(id); len(made) != 1 {
			t.Fatalf("write %d: %d refunds at Stripe for %s", n, len(made), id)
		}
	}
	if stops < 2 {
		t.Fatalf("only %d writes tried", stops)
	}
}
