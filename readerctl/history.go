package readerctl

import (
	"context"
	"strconv"
	"time"

	"github.com/stripe/stripe-go/v76"
	"github.com/till-pos/till/checkout"
)

// SearchPayments finds the account's succeeded in-person PaymentIntents created at or
// after since, newest first, each with its latest charge (card, amount refunded); at
// most limit scanned, more saying there were others. It reads pages of 100 and stops
// at limit, so the calls are bounded (limit/100 of them). Stripe's search lags about a
// minute behind.
func (c *Client) SearchPayments(ctx context.Context, since time.Time, limit int) ([]checkout.Intent, bool, error) {
	var out []checkout.Intent
	more := false
	err := c.call(ctx, "search the payments", func(ctx context.Context) error {
		p := &stripe.PaymentIntentSearchParams{}
		p.Query = "status:'succeeded' AND created>=" + strconv.FormatInt(since.Unix(), 10)
		p.Limit = stripe.Int64(int64(min(100, limit)))
		p.AddExpand("data.latest_charge")
		p.Context = ctx
		it := c.api.PaymentIntents.Search(p)
		scanned := 0
		for scanned < limit && it.Next() {
			scanned++
			if pi := it.PaymentIntent(); inPerson(pi) {
				out = append(out, toIntent(pi, c.key))
			}
		}
		// With limit a multiple of the page size (or below it), the last page read says
		// whether there are more: no call is made to find out.
		more = scanned == limit && it.Meta() != nil && it.Meta().HasMore
		return it.Err()
	})
	if err != nil {
		return nil, false, err
	}
	return out, more, nil
}
