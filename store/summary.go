package store

import (
	"encoding/json"
	"fmt"
	"time"

	"go.etcd.io/bbolt"

	"github.com/till-pos/till/checkout"
)

// Summary field tags (codec.go). Append new ones; never reuse a number.
const (
	sumOrder = 1 + iota
	sumIntent
	sumPhase
	sumAmount
	sumCurrency
	sumReader
	sumBrand
	sumLast4
	sumStarted
	sumUpdated
	sumTip
	sumCash // JSON of checkout.Cash, for a sale paid in cash
)

func encodeSummary(s checkout.Summary) []byte {
	var f fields
	f.str(sumOrder, s.OrderID)
	f.str(sumIntent, s.PaymentIntentID)
	f.str(sumPhase, string(s.Phase))
	f.int(sumAmount, s.Amount.Amount)
	f.str(sumCurrency, s.Amount.Currency)
	f.str(sumReader, s.ReaderID)
	f.str(sumBrand, s.Card.Brand)
	f.str(sumLast4, s.Card.Last4)
	f.time(sumStarted, s.StartedAt)
	f.time(sumUpdated, s.UpdatedAt)
	f.int(sumTip, s.Tip)
	if s.Cash != nil {
		cash, _ := json.Marshal(s.Cash) // Cash always marshals
		f.raw(sumCash, cash)
	}
	return f.b
}

func decodeSummary(rec []byte) (checkout.Summary, error) {
	var s checkout.Summary
	err := eachField(rec, func(f field) error {
		var err error
		switch f.tag {
		case sumOrder:
			s.OrderID = f.str()
		case sumIntent:
			s.PaymentIntentID = f.str()
		case sumPhase:
			s.Phase = checkout.Phase(f.str())
		case sumAmount:
			s.Amount.Amount = f.v
		case sumCurrency:
			s.Amount.Currency = f.str()
		case sumReader:
			s.ReaderID = f.str()
		case sumBrand:
			s.Card.Brand = f.str()
		case sumLast4:
			s.Card.Last4 = f.str()
		case sumStarted:
			s.StartedAt, err = f.time()
		case sumUpdated:
			s.UpdatedAt, err = f.time()
		case sumTip:
			s.Tip = f.v
		case sumCash:
			s.Cash = new(checkout.Cash)
			err = json.Unmarshal(f.b, s.Cash)
		}
		return err
	})
	return s, err
}

// Summaries returns the summary of every order that started at or after since, oldest
// first, archived orders included: what the shift report and history read. It decodes
// no session, so ten thousand orders take milliseconds.
func (s *Store) Summaries(since time.Time) ([]checkout.Summary, error) {
	var out []checkout.Summary
	err := s.view("list orders", func(tx *bbolt.Tx) error {
		return eachStarted(tx, since, func(_, id, summary []byte) error {
			sum, err := decodeSummary(summary)
			if err != nil {
				return fmt.Errorf("the summary of order %s is unreadable: %w", id, err)
			}
			out = append(out, sum)
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
