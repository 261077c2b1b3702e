package main

import (
	"fmt"
	"strings"

	"github.com/till-pos/till/checkout"
)

// codeReaderOffline is Stripe's error code for a command to a reader it has not heard
// from for two minutes; till pay gives it when the list already says so.
const codeReaderOffline = "terminal_reader_offline"

// workJournal is what a headless command reads of this till's unfinished work, to say
// whose the work on a busy reader is.
type workJournal interface {
	Unfinished() ([]checkout.Session, error)
	UnfinishedRefunds() ([]checkout.Refund, error)
}

// readerRefuses says why a new sale cannot go to rd as the list just showed it, with
// the failure code Stripe would give, or "" when it can. The machine would create the
// sale's PaymentIntent and only then find the reader busy or offline, leaving each such
// try as one more open order and PaymentIntent for support to cancel; till pay says so
// first, and what to do: carry on or cancel this till's own work, clear another's,
// see to an offline reader, or use another reader.
func readerRefuses(rd checkout.Reader, readers []checkout.Reader, st workJournal) (code, why string) {
	var b strings.Builder
	switch other := rd.BusyWith(); {
	case other != "":
		code = checkout.CodeReaderInUse
		b.WriteString(readerInUse(st, rd, other))
	case rd.Status == checkout.ReaderOffline:
		code = codeReaderOffline
		fmt.Fprintf(&b, "The reader %s is offline: Stripe has not heard from it for two minutes. Check its power and network, then try again.", rd.Name())
	default:
		return "", ""
	}
	for _, r := range readers {
		if r.ID != rd.ID && r.Status != checkout.ReaderOffline && r.BusyWith() == "" {
			fmt.Fprintf(&b, " A free reader: --reader %s (%s).", r.ID, r.Name())
			break
		}
	}
	b.WriteString(" Nothing was sent to Stripe.")
	return code, b.String()
}

// readerInUse is a headless command's words for reader rd busy with other (a
// PaymentIntent or a refund, Reader.BusyWith): checkout's, told whose the work is from
// this till's journal and that there is no take-over here, then the commands that do
// what they say.
func readerInUse(st workJournal, rd checkout.Reader, other string) string {
	in := checkout.InUse{Reader: rd.Name()}
	how := " Clear the reader: till reader cancel-action " + rd.ID
	if strings.HasPrefix(other, "pi_") {
		how += " --expect-pi " + other
	}
	how += "."
	if sessions, err := st.Unfinished(); err == nil {
		for _, s := range sessions {
			if s.PaymentIntentID != "" && s.PaymentIntentID == other {
				in.Mine = "order " + s.OrderID
				how = fmt.Sprintf(" Carry it on: till pay --order %s; cancel it: till payments cancel %s.", s.OrderID, other)
			}
		}
	}
	if refunds, err := st.UnfinishedRefunds(); err == nil {
		for _, r := range refunds {
			if r.ID == other {
				in.Mine = "refund " + r.ID
				how = fmt.Sprintf(" Carry it on: till refund %s --refund-id %s; cancel it: the same with --cancel.", r.OrderID, r.ID)
			}
		}
	}
	return checkout.ExplainInUse(other, in) + how
}
