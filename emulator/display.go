package emulator

import "fmt"

var displayParams = []string{"type", "cart"}

// setReaderDisplay shows a cart on the reader. Display only: it does not decide what
// is charged. No webhook is sent.
func (x *txn) setReaderDisplay() (any, error) {
	rec, err := x.reader(x.pathValue("reader"), "reader")
	if err != nil {
		return nil, err
	}
	typ, ok := x.p.str("type")
	if !ok {
		return nil, errMissingParam("type")
	}
	if typ != "cart" {
		return nil, errInvalidEnum("type", typ, "cart")
	}
	c, aerr := readCart(x.p)
	if aerr != nil {
		return nil, aerr
	}
	if err := x.readyForCommand(rec); err != nil {
		return nil, err
	}
	x.releaseCollected(rec)
	rec.Obj.Action = &readerAction{Type: "set_reader_display", Status: "in_progress",
		SetReaderDisplay: &setReaderDisplayAction{Type: "cart", Cart: c}}
	return x.renderReader(rec), nil
}

func readCart(p params) (*cart, *apiError) {
	for k := range p {
		if topName(k) != "cart" {
			continue
		}
		switch subField(k, "cart") {
		case "currency", "line_items", "tax", "total":
		default:
			return nil, errUnknownParam(k)
		}
	}
	cur, ok := p.str("cart[currency]")
	if !ok {
		return nil, errMissingParam("cart[currency]")
	}
	if err := checkCurrency("cart[currency]", cur); err != nil {
		return nil, err
	}
	total, ok, err := p.integer("cart[total]")
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, errMissingParam("cart[total]")
	}
	tax, err := p.optInt("cart[tax]")
	if err != nil {
		return nil, err
	}
	c := &cart{Currency: cur, Total: total, Tax: tax, LineItems: []cartLineItem{}}
	for _, i := range p.indexes("cart[line_items]") {
		prefix := fmt.Sprintf("cart[line_items][%d]", i)
		var li cartLineItem
		desc, ok := p.str(prefix + "[description]")
		if !ok {
			return nil, errMissingParam(prefix + "[description]")
		}
		li.Description = desc
		for _, f := range []struct {
			name string
			dst  *int64
		}{{"amount", &li.Amount}, {"quantity", &li.Quantity}} {
			n, ok, err := p.integer(prefix + "[" + f.name + "]")
			if err != nil {
				return nil, err
			}
			if !ok {
				return nil, errMissingParam(prefix + "[" + f.name + "]")
			}
			*f.dst = n
		}
		c.LineItems = append(c.LineItems, li)
	}
	if len(c.LineItems) == 0 {
		return nil, errMissingParam("cart[line_items]")
	}
	return c, nil
}
