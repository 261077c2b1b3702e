package readerctl

import (
	"context"
	"strconv"
	"time"

	"github.com/till-pos/till/checkout"
)

// SearchPayments finds the account's succeeded in-person PaymentIntents created at or
// after since, newest first, each with its latest charge (card, amount refunded); at
// most limit scanned, more saying there were others. It reads pages of 100 and stops
// at limit, so the calls are bounded (limit/100 of them). Stripe's search lags about a
// minute behind.
func (c *Client) SearchPayments(ctx context.Context, since time.Time, limit int) ([]checkout.Intent, bool, error) {
	if limit <= 0 {
		return nil, false, nil
	}
	return c.searchPages(ctx, "search the payments", "status:'succeeded' AND created>="+strconv.FormatInt(since.Unix(), 10), limit)
}
