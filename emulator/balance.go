package emulator

import (
	"time"
)

var balanceListParams = []string{"created", "currency", "limit", "starting_after", "ending_before", "source", "type", "payout"}

type feeDetail struct {
	Amount      int64   `json:"amount"`
	Application *string `json:"application"`
	Currency    string  `json:"currency"`
	Description string  `json:"description"`
	Type        string  `json:"type"`
}

// balanceTransaction is money moving in (a captured charge) or out (a refund) of the
// account's balance.
type balanceTransaction struct {
	ID                string      `json:"id"`
	Object            string      `json:"object"`
	Amount            int64       `json:"amount"`
	AvailableOn       int64       `json:"available_on"`
	BalanceType       string      `json:"balance_type"`
	Created           int64       `json:"created"`
	Currency          string      `json:"currency"`
	Description       *string     `json:"description"`
	ExchangeRate      *float64    `json:"exchange_rate"`
	Fee               int64       `json:"fee"`
	FeeDetails        []feeDetail `json:"fee_details"`
	Net               int64       `json:"net"`
	ReportingCategory string      `json:"reporting_category"`
	Source            string      `json:"source"`
	Status            string      `json:"status"`
	Type              string      `json:"type"`
}

type balanceRec struct {
	Seq int64              `json:"seq"`
	Obj balanceTransaction `json:"object"`
}

// payoutDelay is when a balance transaction's funds become available. UNCERTAIN: the
// standard US payout schedule (2 days); Stripe's varies by country and account.
const payoutDelay = 48 * time.Hour

// processingFee is Stripe's fee for an in-person payment, in the payment's minor units:
// basis points of the amount plus a fixed part, by currency. UNCERTAIN: the published
// standard in-person prices of each country (Interac a flat C$0.15); real accounts may
// have other pricing.
func processingFee(currency, paymentType string, amount int64) int64 {
	if paymentType == "interac_present" {
		return 15
	}
	price := map[string]struct{ bp, fixed int64 }{
		"usd": {270, 5}, "cad": {260, 10}, "eur": {140, 10}, "gbp": {140, 10}, "aud": {170, 10},
		"nzd": {270, 5}, "sgd": {340, 50}, "jpy": {360, 0},
	}[currency]
	if price.bp == 0 {
		price.bp, price.fixed = 270, 5
	}
	return (amount*price.bp+5000)/10000 + price.fixed
}

// newBalanceTransaction records money moving for source (a charge or refund id).
func (x *txn) newBalanceTransaction(source, typ, currency string, amount, fee int64, desc *string) string {
	id, seq := x.newID("txn")
	bt := balanceTransaction{
		ID: id, Object: "balance_transaction", Amount: amount, AvailableOn: x.now.Add(payoutDelay).Unix(),
		BalanceType: "payments", Created: x.now.Unix(), Currency: currency, Description: desc, Fee: fee,
		FeeDetails: []feeDetail{}, Net: amount - fee, ReportingCategory: typ, Source: source, Status: "pending", Type: typ,
	}
	if fee != 0 {
		bt.FeeDetails = append(bt.FeeDetails, feeDetail{Amount: fee, Currency: currency, Description: "Stripe processing fees", Type: "stripe_fee"})
	}
	x.st.BalanceTransactions.put(id, seqOfID(id), &balanceRec{Seq: seq, Obj: bt})
	return id
}

// renderBalance is the balance transaction as of now: pending until available_on.
func (x *txn) renderBalance(id string) *balanceTransaction {
	rec, ok := x.st.BalanceTransactions.peek(id)
	if !ok {
		return nil
	}
	out := rec.Obj
	if x.now.Unix() >= out.AvailableOn {
		out.Status = "available"
	}
	return &out
}

// expandBalance fills an expandable balance_transaction when the request asked for it.
func (x *txn) expandBalance(r *ref, path string) {
	if r.ID != "" && x.expands(path) {
		if bt := x.renderBalance(r.ID); bt != nil {
			r.obj = bt
		}
	}
}

func (x *txn) retrieveBalanceTransaction() (any, error) {
	if err := x.checkExpand(); err != nil {
		return nil, err
	}
	id := x.pathValue("id")
	if _, ok := x.st.BalanceTransactions.peek(id); !ok || !x.owns(id) {
		return nil, errNoSuch("balance_transaction", id, "id")
	}
	return x.renderBalance(id), nil
}

func (x *txn) listBalanceTransactions() (any, error) {
	match, err := x.listCreated()
	if err != nil {
		return nil, err
	}
	// The emulator makes no payouts, so any payout named is unknown: 404, as Stripe
	// answers an object id it has not (UNCERTAIN: not an empty list, which would say the
	// payout exists and paid nothing out).
	if po, ok := x.p.str("payout"); ok {
		return nil, errNoSuch("payout", po, "payout")
	}
	source, bySource := x.p.str("source")
	typ, byType := x.p.str("type")
	cur, byCur := x.p.str("currency")
	t := x.st.BalanceTransactions
	list := t.listFor(bySource, fieldTerm("source", source))
	keep := func(en *entry[balanceRec]) bool {
		rec := t.objOf(en)
		if rec == nil {
			return false
		}
		bt := &rec.Obj
		return match(bt.Created) && (!bySource || bt.Source == source) && (!byType || bt.Type == typ) && (!byCur || bt.Currency == cur)
	}
	render := func(rec *balanceRec) any { return x.renderBalance(rec.Obj.ID) }
	return listPage(x, t, list, owned(x, keep), render, "/v1/balance_transactions", "balance_transaction")
}
