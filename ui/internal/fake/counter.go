package fake

import (
	"context"
	"strconv"

	"github.com/till-pos/till/checkout"
)

// The counter's calls: the cart on the reader's screen, the tip the customer picks,
// and receipts.

// SetReaderDisplay puts a cart on a reader's screen, unless the reader is busy.
func (g *Gateway) SetReaderDisplay(_ context.Context, readerID string, d checkout.Display) (checkout.Reader, error) {
	g.log.add(Entry{Step: "display", Subject: readerID + " " + strconv.FormatInt(d.Total, 10)})
	if g.DisplayFn != nil {
		return g.DisplayFn(readerID, d)
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	i, err := g.readerAt(readerID)
	if err != nil {
		return checkout.Reader{}, err
	}
	if g.readers[i].ShowingSomethingElse() {
		return checkout.Reader{}, &checkout.Failure{Kind: checkout.KindReaderBusy, Code: "terminal_reader_busy"}
	}
	g.readers[i].Action = &checkout.ReaderAction{Type: "set_reader_display", Status: checkout.ActionInProgress, Display: &d}
	return g.readers[i], nil
}

// PresentCardWithTip presents a card and the tip the customer picks on the reader's
// tip screen; a reader told to skip tipping ignores the tip, as Stripe's does.
func (g *Gateway) PresentCardWithTip(_ context.Context, readerID, number string, tip int64) (checkout.Reader, error) {
	g.log.add(Entry{Step: "present", Key: "tip " + strconv.FormatInt(tip, 10), Subject: number})
	return g.present(readerID, number, tip)
}

// Tipping is what the reader was last told about tips (nil: nothing).
func (g *Gateway) Tipping() *checkout.Tipping {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.tipping
}

// ReadPayment reads an intent with the chip data of its charge.
func (g *Gateway) ReadPayment(_ context.Context, id string) (checkout.Payment, error) {
	g.log.add(Entry{Step: "read_payment", Subject: id})
	if g.ReadPaymentFn != nil {
		return g.ReadPaymentFn(id)
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	in := g.intent
	if o, ok := g.other(id); ok {
		in = *o
	}
	if in.ID != id {
		return checkout.Payment{}, &checkout.Failure{Kind: checkout.KindNotFound, Code: "resource_missing", Message: "No such payment_intent: " + id}
	}
	return checkout.Payment{Intent: in, ChargedAt: in.Created, ReadMethod: "contactless_emv", AuthorizationCode: "123456",
		ReceiptEmail: g.emails[id],
		EMV: checkout.EMV{ApplicationName: "VISA CREDIT", AID: "A0000000031010", ARC: "3030", TVR: "0000008000", TSI: "6800",
			Cryptogram: "EF4B0A0D3C7C7D3E", CVM: "none", AccountType: "credit"}}, nil
}

// SetReceiptEmail sets an intent's receipt_email.
func (g *Gateway) SetReceiptEmail(_ context.Context, id, email, key string) (checkout.Intent, error) {
	g.log.add(Entry{Step: "receipt_email", Key: key, Subject: id + " " + email})
	if g.EmailFn != nil {
		return g.EmailFn(id, email, key)
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.emails == nil {
		g.emails = map[string]string{}
	}
	g.emails[id] = email
	return g.intent, nil
}

// Cafe is the example café's catalogue (config.example.yaml's): prices before tax,
// prepared food at 8.25% and groceries at 1%, five quick keys, three barcodes.
func Cafe() checkout.Catalogue {
	rate := func(s string) checkout.Rate {
		r, err := checkout.ParseRate(s)
		if err != nil {
			panic(err)
		}
		return r
	}
	cat, err := checkout.NewCatalogue("usd", checkout.Pricing{},
		checkout.TaxClasses{"prepared food": rate("8.25%"), "grocery": rate("1%")},
		[]checkout.Item{
			{SKU: "ESPRESSO", Name: "Espresso", Price: 300, TaxClass: "prepared food"},
			{SKU: "LATTE", Name: "Latte", Price: 450, TaxClass: "prepared food"},
			{SKU: "FLAT-WHITE", Name: "Flat white", Price: 425, TaxClass: "prepared food"},
			{SKU: "TEA", Name: "Pot of tea", Price: 325, TaxClass: "prepared food"},
			{SKU: "CROISSANT", Name: "Croissant", Price: 325, TaxClass: "prepared food", Barcode: "2000000000015"},
			{SKU: "MUFFIN", Name: "Blueberry muffin", Price: 350, TaxClass: "prepared food"},
			{SKU: "BEANS", Name: "House beans 250g", Price: 1299, TaxClass: "grocery", Barcode: "0012345678905"},
			{SKU: "WATER", Name: "Still water", Price: 175, TaxClass: "grocery", Barcode: "0049000000443"},
		},
		[]string{"ESPRESSO", "LATTE", "FLAT-WHITE", "CROISSANT", "MUFFIN"})
	if err != nil {
		panic(err)
	}
	return cat
}
