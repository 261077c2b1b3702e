package readerctl

import (
	"context"
	"encoding/json"
	"time"

	"github.com/stripe/stripe-go/v76"
	"github.com/till-pos/till/checkout"
)

// ReadPayment reads a PaymentIntent with its latest charge for a receipt: the card's
// entry method, the EMV data and the authorization code. None of it is stored.
func (c *Client) ReadPayment(ctx context.Context, paymentIntentID string) (checkout.Payment, error) {
	pi, err := c.getIntent(ctx, "read the payment", paymentIntentID)
	if err != nil {
		return checkout.Payment{}, err
	}
	out := checkout.Payment{Intent: toIntent(pi, c.key), ReceiptEmail: pi.ReceiptEmail}
	var raw rawPayment
	if pi.LastResponse != nil {
		_ = json.Unmarshal(pi.LastResponse.RawJSON, &raw) // unreadable: a receipt without the chip data
	}
	ch := raw.LatestCharge
	if ch.Created != 0 {
		out.ChargedAt = time.Unix(ch.Created, 0).UTC()
	}
	card := ch.Details.CardPresent
	if card == nil {
		card = ch.Details.InteracPresent
	}
	if card != nil {
		out.ReadMethod = card.ReadMethod
		if r := card.Receipt; r != nil {
			out.AuthorizationCode = r.AuthorizationCode
			out.EMV = checkout.EMV{ApplicationName: r.ApplicationPreferredName, AID: r.DedicatedFileName,
				ARC: r.AuthorizationResponseCode, TVR: r.TerminalVerificationResults, TSI: r.TransactionStatusInformation,
				Cryptogram: r.ApplicationCryptogram, CVM: r.CardholderVerificationMethod, AccountType: r.AccountType}
		}
	}
	return out, nil
}

// rawPayment is what a receipt reads of a PaymentIntent's expanded latest_charge,
// from the raw JSON: card_present and interac_present have the same receipt fields,
// which stripe-go models as two types.
type rawPayment struct {
	LatestCharge struct {
		Created int64 `json:"created"`
		Details struct {
			CardPresent    *rawCardPresent `json:"card_present"`
			InteracPresent *rawCardPresent `json:"interac_present"`
		} `json:"payment_method_details"`
	} `json:"latest_charge"`
}

type rawCardPresent struct {
	ReadMethod string `json:"read_method"`
	Receipt    *struct {
		AccountType                  string `json:"account_type"`
		ApplicationCryptogram        string `json:"application_cryptogram"`
		ApplicationPreferredName     string `json:"application_preferred_name"`
		AuthorizationCode            string `json:"authorization_code"`
		AuthorizationResponseCode    string `json:"authorization_response_code"`
		CardholderVerificationMethod string `json:"cardholder_verification_method"`
		DedicatedFileName            string `json:"dedicated_file_name"`
		TerminalVerificationResults  string `json:"terminal_verification_results"`
		TransactionStatusInformation string `json:"transaction_status_information"`
	} `json:"receipt"`
}

// SetReceiptEmail sets receipt_email on the PaymentIntent: Stripe emails the
// customer a receipt for a paid payment (in live mode). key is the Idempotency-Key.
func (c *Client) SetReceiptEmail(ctx context.Context, paymentIntentID, email, key string) (checkout.Intent, error) {
	if err := needKey(key, "send the email receipt"); err != nil {
		return checkout.Intent{}, err
	}
	p := &stripe.PaymentIntentParams{ReceiptEmail: stripe.String(email)}
	p.IdempotencyKey = stripe.String(key)
	var pi *stripe.PaymentIntent
	err := c.call(ctx, "send the email receipt", func(ctx context.Context) (err error) {
		p.Context = ctx
		pi, err = c.api.PaymentIntents.Update(paymentIntentID, p)
		return err
	})
	if err != nil {
		return checkout.Intent{}, err
	}
	return toIntent(pi, c.key), nil
}
