package readerctl

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/stripe/stripe-go/v76"
	"github.com/till-pos/till/checkout"
)

// unfinishedQuery finds the intents that wait for someone whoever made them: authorized,
// being processed, or collected and not confirmed. There are few at any time —
// authorizations expire, processing passes — however many payments the account takes.
const unfinishedQuery = "status:'requires_capture' OR status:'processing' OR status:'requires_confirmation'"

// ordersPerSearch is how many metadata['order_id'] clauses one query joins: Stripe
// takes up to ten clauses.
const ordersPerSearch = 10

// UnfinishedIntents finds the in-person PaymentIntents created since that may wait for
// someone, through Stripe's search instead of a listing, so the number of calls does
// not grow with the account's volume:
//
//  1. every authorized, processing or unconfirmed one (unfinishedQuery);
//  2. this till's own that went back to requires_payment_method since (a decline, then
//     nobody): status, metadata['till_id'] and created;
//  3. every other intent of those intents' orders, so the duplicate rule
//     (checkout.Advise) sees a sibling that succeeded: metadata['order_id'], ten orders
//     a query.
//
// That is one call per hundred results of 1 and 2, and one per ten orders for 3: three
// calls for a shop with a handful of open payments. Search lags writes by up to a
// minute (more during an outage), so an intent authorized a moment ago may be missing:
// callers add the sessions of their own journal, which they read by id.
func (c *Client) UnfinishedIntents(ctx context.Context, since time.Time) ([]checkout.Intent, error) {
	var out []checkout.Intent
	seen := map[string]bool{}
	keep := func(in checkout.Intent) {
		if !seen[in.ID] {
			seen[in.ID] = true
			out = append(out, in)
		}
	}
	open, err := c.search(ctx, "search the unfinished payments", unfinishedQuery)
	if err != nil {
		return nil, err
	}
	if c.tillID != "" {
		mine, err := c.search(ctx, "search this till's declined payments", fmt.Sprintf(
			"status:'requires_payment_method' AND metadata['till_id']:'%s' AND created>=%d", quoteSearch(c.tillID), since.Unix()))
		if err != nil {
			return nil, err
		}
		open = append(open, mine...)
	}
	var orders []string
	for _, in := range open {
		if in.Created.Before(since) {
			continue
		}
		if in.OrderID != "" && !slices.Contains(orders, in.OrderID) {
			orders = append(orders, in.OrderID)
		}
		keep(in)
	}
	for len(orders) > 0 {
		n := min(len(orders), ordersPerSearch)
		clauses := make([]string, n)
		for i, order := range orders[:n] {
			clauses[i] = "metadata['order_id']:'" + quoteSearch(order) + "'"
		}
		orders = orders[n:]
		siblings, err := c.search(ctx, "search the other payments of the orders", strings.Join(clauses, " OR "))
		if err != nil {
			return nil, err
		}
		for _, in := range siblings {
			keep(in)
		}
	}
	return out, nil
}

// errNoNextPage says a search answer announced more results and gave no page to get them.
var errNoNextPage = errors.New("the search answer said there was more and gave no next page")

// search runs one Search query over PaymentIntents, following every page, and returns
// the in-person ones, each with its latest charge for the card and capture_before.
func (c *Client) search(ctx context.Context, what, query string) ([]checkout.Intent, error) {
	found, _, err := c.searchPages(ctx, what, query, 0)
	return found, err
}

// searchPages runs one Search query over PaymentIntents and returns the in-person ones,
// each with its latest charge (the card, capture_before, the amount refunded). It reads
// at most limit results, more saying Stripe had others; limit 0 reads them all, and a
// search that goes on past maxListed fails.
func (c *Client) searchPages(ctx context.Context, what, query string, limit int) (found []checkout.Intent, more bool, err error) {
	bounded := limit > 0
	if !bounded {
		limit = maxListed
	}
	err = c.call(ctx, what, func(ctx context.Context) error {
		found, more = nil, false // a search cut short by a rate limit starts again
		p := &stripe.PaymentIntentSearchParams{}
		p.Query = query
		p.Limit = stripe.Int64(int64(min(100, limit)))
		p.AddExpand("data.latest_charge")
		p.Context = ctx
		it := c.api.PaymentIntents.Search(p)
		scanned := 0
		for scanned < limit && it.Next() {
			scanned++
			if pi := it.PaymentIntent(); inPerson(pi) {
				found = append(found, toIntent(pi, c.key))
			}
		}
		if err := it.Err(); err != nil {
			return err
		}
		r := it.PaymentIntentSearchResult()
		switch {
		case r == nil || !r.HasMore:
			return nil
		case scanned < limit:
			// stripe-go stops, silently, at a page that says there is more but not where.
			return errNoNextPage
		case !bounded:
			return errEndlessList
		}
		// With limit a multiple of the page size (or below it), the last page read says
		// whether there are more: no call is made to find out.
		more = true
		return nil
	})
	if err != nil {
		return nil, false, err
	}
	return found, more, nil
}
