package checkout

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Payment statuses as the history shows them.
const (
	HistoryPaid              = "paid"
	HistoryPartiallyRefunded = "partially_refunded"
	HistoryRefunded          = "refunded"
	HistoryCanceled          = "canceled"
)

// Where a history row was found.
const (
	SourceTill   = "till"   // this till's journal only (Stripe was not read, or missed it)
	SourceStripe = "stripe" // Stripe only: this till's journal has no record of it
	SourceBoth   = "both"
)

// HistoryRow is one finished payment in the history.
type HistoryRow struct {
	At              time.Time `json:"at"`
	OrderID         string    `json:"order_id"`
	PaymentIntentID string    `json:"payment_intent"`
	Amount          Money     `json:"amount"`   // what was paid, the tip included
	Tip             Money     `json:"tip"`      // the part of Amount the customer added on the reader
	Refunded        Money     `json:"refunded"` // Stripe's amount_refunded when read, else this till's refunds
	Card            Card      `json:"card"`
	Status          string    `json:"status"`
	ReaderID        string    `json:"reader,omitempty"`
	Source          string    `json:"source"`
	Tender          string    `json:"tender"`         // card, or cash (history_cash.go)
	Cash            *Cash     `json:"cash,omitempty"` // a cash sale's cash: given and change
}

// Left is what is left to refund of the row's payment.
func (r HistoryRow) Left() Money {
	if r.Status == HistoryCanceled || r.Cash != nil {
		return Money{Currency: r.Amount.Currency}
	}
	return Money{Amount: max(r.Amount.Amount-r.Refunded.Amount, 0), Currency: r.Amount.Currency}
}

// BuildHistory merges this till's finished orders (their summaries, with its refunds) and the
// succeeded in-person payments Stripe found that are in the till's scope, one row per
// payment, newest first. Stripe's figures win where both know a payment: another till
// or the Dashboard may have refunded it.
func BuildHistory(orders []Summary, refunds []Refund, atStripe []Intent, inScope func(Intent) bool) []HistoryRow {
	refunded := RefundedOf(refunds)
	rows := map[string]*HistoryRow{}
	for _, s := range orders {
		if s.Cash != nil && s.Phase == Paid {
			row := cashRow(s)
			rows[row.Key()] = &row
			continue
		}
		if !s.Phase.Finished() || s.PaymentIntentID == "" {
			continue
		}
		row := &HistoryRow{At: s.StartedAt, OrderID: s.OrderID, PaymentIntentID: s.PaymentIntentID,
			Amount: s.WithTip(), Tip: Money{Amount: s.Tip, Currency: s.Amount.Currency},
			Refunded: Money{Amount: refunded[s.PaymentIntentID], Currency: s.Amount.Currency}, Card: s.Card,
			ReaderID: s.ReaderID, Source: SourceTill, Status: HistoryCanceled, Tender: TenderCard}
		if s.Phase == Paid {
			row.Status = HistoryStatus(row.Amount.Amount, row.Refunded.Amount)
		}
		rows[s.PaymentIntentID] = row
	}
	for _, in := range atStripe {
		if in.Status != IntentSucceeded || !inScope(in) {
			continue
		}
		received := Money{Amount: in.AmountReceived, Currency: in.Amount.Currency}
		row, known := rows[in.ID]
		if !known {
			row = &HistoryRow{At: in.Created, OrderID: in.OrderID, PaymentIntentID: in.ID, ReaderID: in.ReaderID, Source: SourceStripe, Tender: TenderCard}
			rows[in.ID] = row
		} else {
			row.Source = SourceBoth
		}
		row.Amount, row.Refunded = received, Money{Amount: in.AmountRefunded, Currency: received.Currency}
		row.Tip = Money{Amount: in.Tip, Currency: received.Currency}
		if in.Card.Last4 != "" {
			row.Card = in.Card
		}
		row.Status = HistoryStatus(received.Amount, in.AmountRefunded)
	}
	out := make([]HistoryRow, 0, len(rows))
	for _, r := range rows {
		out = append(out, *r)
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].At.Equal(out[j].At) {
			return out[i].At.After(out[j].At)
		}
		return out[i].Key() > out[j].Key()
	})
	return out
}

// RefundedOf is what refunds took back of each PaymentIntent, by its id: the refunds
// that count (Refund.Status.Counts), summed.
func RefundedOf(refunds []Refund) map[string]int64 {
	refunded := map[string]int64{}
	for _, x := range refunds {
		if x.Status.Counts() {
			refunded[x.PaymentIntentID] += x.Amount.Amount
		}
	}
	return refunded
}

// HistoryStatus is a paid payment's history status once refunded of amount is taken
// back: HistoryPaid, HistoryPartiallyRefunded or HistoryRefunded.
func HistoryStatus(amount, refunded int64) string {
	switch {
	case refunded <= 0:
		return HistoryPaid
	case refunded >= amount:
		return HistoryRefunded
	}
	return HistoryPartiallyRefunded
}

// HistoryStatusWords says a history status the way a cashier does: "part refunded".
func HistoryStatusWords(status string) string {
	switch status {
	case HistoryPartiallyRefunded:
		return "part refunded"
	case "":
		return "—"
	}
	return status
}

// HistoryFilter is what the cashier typed to find a payment, and a date range.
type HistoryFilter struct {
	Text     string    // words that must all match: an order id, a payment id, an amount, a last four, a brand
	From, To time.Time // zero: open-ended
}

// Match reports whether the row passes the filter. Each word matches when it is part
// of the order id or the payment id, the start of the card's last four, its brand, the
// tender (card or cash), or the start of the amount ("12" finds 12.00 and 12.50; "$12.50" and "12,50" work too).
func (f HistoryFilter) Match(r HistoryRow) bool {
	if (!f.From.IsZero() && r.At.Before(f.From)) || (!f.To.IsZero() && r.At.After(f.To)) {
		return false
	}
	for _, word := range strings.Fields(strings.ToLower(f.Text)) {
		if !matchWord(r, word) {
			return false
		}
	}
	return true
}

func matchWord(r HistoryRow, w string) bool {
	if strings.Contains(strings.ToLower(r.OrderID), w) || strings.Contains(strings.ToLower(r.PaymentIntentID), w) ||
		(r.Card.Last4 != "" && strings.HasPrefix(r.Card.Last4, w)) || w == strings.ToLower(r.Card.Brand) || w == r.Tender {
		return true
	}
	// An amount: digits with '.' or ',' as the decimal mark, after any sign ($, CA$, €).
	amount := strings.TrimLeftFunc(w, func(c rune) bool { return !(c >= '0' && c <= '9') && c != '.' && c != ',' })
	if sign := []rune(strings.TrimSuffix(w, amount)); len(sign) > 3 || (len(sign) > 0 && !strings.ContainsRune("$€£¥", sign[len(sign)-1])) {
		return false
	}
	if amount == "" || strings.Trim(amount, "0123456789.,") != "" || strings.Trim(amount, ".,") == "" {
		return false
	}
	return strings.HasPrefix(r.Amount.Decimal(), strings.ReplaceAll(amount, ",", "."))
}

// FilterHistory keeps the rows that match, in order: the screen calls it as the
// cashier types.
func FilterHistory(rows []HistoryRow, f HistoryFilter) []HistoryRow {
	out := make([]HistoryRow, 0, len(rows))
	for _, r := range rows {
		if f.Match(r) {
			out = append(out, r)
		}
	}
	return out
}

// ParseSince reads how far back to look: a duration ("24h", "90m"), a number of days
// ("7d"), a date ("2026-11-01", midnight in loc) or an RFC 3339 time.
func ParseSince(text string, now time.Time, loc *time.Location) (time.Time, error) {
	text = strings.TrimSpace(text)
	if days, ok := strings.CutSuffix(text, "d"); ok {
		if n, err := strconv.Atoi(days); err == nil && n > 0 && n <= 3660 {
			return now.AddDate(0, 0, -n), nil
		}
	}
	if d, err := time.ParseDuration(text); err == nil && d > 0 {
		return now.Add(-d), nil
	}
	if t, err := time.ParseInLocation("2006-01-02", text, loc); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.RFC3339, text); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("%q is not a time to look back to: give 24h, 7d, a date like 2026-11-01 or an RFC 3339 time", text)
}

// HistoryBook is where a till keeps its orders' summaries and its refunds.
type HistoryBook interface {
	Summaries(since time.Time) ([]Summary, error)
	Refunds(since time.Time) ([]Refund, error)
}

// PaymentSearcher finds the account's succeeded in-person payments since a time, at
// most limit of them (Stripe's search); more reports that there were others.
type PaymentSearcher interface {
	SearchPayments(ctx context.Context, since time.Time, limit int) (found []Intent, more bool, err error)
}

// HistoryLimit bounds the payments one history reads from Stripe.
const HistoryLimit = 500

// History is the payments found, and why the list may be incomplete.
type History struct {
	Rows []HistoryRow `json:"payments"`
	Note string       `json:"note,omitempty"`
}

// LoadHistory reads the finished payments since a time from this till's journal and
// from Stripe (those in scope, the readers of the journal's sessions counted as this
// till's own), newest first. When Stripe cannot be read the history holds what the
// journal knows and says so; the error is returned too.
func LoadHistory(ctx context.Context, book HistoryBook, g PaymentSearcher, scope Scope, since time.Time) (History, error) {
	// The summaries hold all a row needs: no session is decoded.
	orders, err := book.Summaries(since)
	if err != nil {
		return History{}, err
	}
	scope = scope.WithReadersOf(orders)
	refunds, err := book.Refunds(since)
	if err != nil {
		return History{}, err
	}
	found, more, searchErr := g.SearchPayments(ctx, since, HistoryLimit)
	h := History{Rows: BuildHistory(orders, refunds, found, scope.Has)}
	switch {
	case searchErr != nil:
		h.Note = "Stripe could not be searched, so only this till's journal is shown: " + ExplainRead(AsFailure(searchErr))
	case more:
		h.Note = fmt.Sprintf("Stripe found more than %d payments; only the newest are shown: look back less far", HistoryLimit)
	}
	return h, searchErr
}
