package fake

import (
	"slices"
	"time"

	"github.com/till-pos/till/checkout"
)

// SaveRefund saves a refund, unless SaveRefundFn refuses.
func (s *Store) SaveRefund(r checkout.Refund) error {
	if s.SaveRefundFn != nil {
		if err := s.SaveRefundFn(r); err != nil {
			return err
		}
	}
	s.log.add(Entry{Step: "save_refund", Key: r.Phase.String(), Subject: r.ID})
	s.mu.Lock()
	defer s.mu.Unlock()
	if i := slices.IndexFunc(s.refunds, func(x checkout.Refund) bool { return x.ID == r.ID }); i >= 0 {
		s.refunds[i] = r
	} else {
		s.refunds = append(s.refunds, r)
	}
	return nil
}

// refundsWhere lists the saved refunds that keep holds for, oldest first.
func (s *Store) refundsWhere(keep func(checkout.Refund) bool) []checkout.Refund {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []checkout.Refund
	for _, r := range s.refunds {
		if keep(r) {
			out = append(out, r)
		}
	}
	slices.SortStableFunc(out, func(a, b checkout.Refund) int { return a.StartedAt.Compare(b.StartedAt) })
	return out
}

// Refund is the saved refund with this id.
func (s *Store) Refund(id string) (checkout.Refund, bool, error) {
	found := s.refundsWhere(func(r checkout.Refund) bool { return r.ID == id })
	if len(found) == 0 {
		return checkout.Refund{}, false, nil
	}
	return found[0], true, nil
}

// RefundsOf are an order's refunds.
func (s *Store) RefundsOf(orderID string) ([]checkout.Refund, error) {
	return s.refundsWhere(func(r checkout.Refund) bool { return r.OrderID == orderID }), nil
}

// UnfinishedRefunds are the refunds not finished.
func (s *Store) UnfinishedRefunds() ([]checkout.Refund, error) {
	return s.refundsWhere(func(r checkout.Refund) bool { return !r.Phase.Finished() }), nil
}

// Refunds are the refunds started since a time.
func (s *Store) Refunds(since time.Time) ([]checkout.Refund, error) {
	return s.refundsWhere(func(r checkout.Refund) bool { return !r.StartedAt.Before(since) }), nil
}

// PutRefund stores a refund as if an earlier run had saved it.
func (s *Store) PutRefund(r checkout.Refund) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.refunds = append(s.refunds, r)
}
