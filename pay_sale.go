package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/till-pos/till/checkout"
)

// saleOf reads what `till pay` sells: catalogue items (--item, with an optional order
// --discount) or a free amount (--amount), not both. The cart is empty for an amount.
func saleOf(cfg Config, items []string, amountText, discountText string) (checkout.Cart, checkout.Money, error) {
	cat := cfg.Counter.Catalogue
	switch {
	case len(items) > 0 && amountText != "":
		return checkout.Cart{}, checkout.Money{}, errors.New("give --item lines or --amount, not both")
	case len(items) == 0 && amountText == "":
		return checkout.Cart{}, checkout.Money{}, errors.New("give --amount 12.34 or one --item SKU[:QTY] or more")
	case amountText != "":
		if discountText != "" {
			return checkout.Cart{}, checkout.Money{}, errors.New("--discount applies to --item lines; take it off the --amount instead")
		}
		amount, err := checkout.ParseAmount(amountText, cfg.Currency)
		return checkout.Cart{}, amount, err
	}
	cart, err := cat.CartOf(items)
	switch {
	case errors.Is(err, checkout.ErrBadItemSpec) && len(cat.Items()) == 0 && cfg.Embedded && checkout.Decimals(cfg.Currency) != 2:
		// readCounter dropped the café's dollars-and-cents prices.
		return cart, checkout.Money{}, fmt.Errorf("%w; the demo's prices are dollars and cents, which %s cannot be written in, so in %s it sells --amount only",
			err, strings.ToUpper(cfg.Currency), strings.ToUpper(cfg.Currency))
	case errors.Is(err, checkout.ErrBadItemSpec) && len(cat.Items()) == 0:
		return cart, checkout.Money{}, fmt.Errorf("%w; the catalogue is empty (catalogue.items in the configuration)", err)
	}
	if err != nil {
		return cart, checkout.Money{}, err
	}
	if discountText != "" {
		d, err := checkout.ParseDiscount(discountText, cfg.Currency)
		if err != nil {
			return cart, checkout.Money{}, err
		}
		if cart, err = cart.SetDiscount(&d); err != nil {
			return cart, checkout.Money{}, err
		}
	}
	if cart.Total().Amount <= 0 {
		return cart, checkout.Money{}, errors.New("the order comes to nothing after the discount; there is nothing to charge")
	}
	return cart, cart.Total(), nil
}

// tipOf reads --tip: the tip the customer picks on a simulated reader, in the major
// unit. "" and "0" are no tip. A shop with tipping off has the reader skip the tip
// screen, so a tip there is refused rather than silently lost.
func tipOf(cfg Config, text string) (int64, error) {
	if s := strings.TrimSpace(text); s == "" || strings.Trim(s, "0.") == "" {
		return 0, nil
	}
	tip, err := checkout.ParseAmount(text, cfg.Currency)
	if err != nil {
		return 0, fmt.Errorf("--tip: %w", err)
	}
	if !cfg.Counter.Tipping.Enabled {
		return 0, errors.New("--tip: this shop has tipping off (tipping.enabled), so the reader skips the tip screen")
	}
	return tip.Amount, nil
}

// showCart puts the cart on the reader before the payment is sent, so the customer
// sees what the total is made of (process_payment_intent then replaces it). The
// display is a courtesy: whatever happens, the payment goes ahead. It returns the
// effect that takes the cart off again, or nil when nothing was shown.
func showCart(ctx context.Context, svc *services, readerID, orderID string, cart checkout.Cart) checkout.DisplayEffect {
	disp, ok := checkout.DisplayOf(cart)
	if !ok {
		return nil
	}
	if res := display(ctx, svc, orderID, checkout.ShowCart{ReaderID: readerID, Display: disp}); res.Outcome != checkout.DisplayShown {
		return nil
	}
	return checkout.ClearDisplay{ReaderID: readerID, Display: disp}
}

// display carries out a display effect for the order and logs how it went.
func display(ctx context.Context, svc *services, orderID string, eff checkout.DisplayEffect) checkout.DisplayResult {
	callCtx, cancel := context.WithTimeout(checkout.WithOrder(ctx, orderID), svc.cfg.CallTimeout)
	defer cancel()
	res := checkout.PerformDisplay(callCtx, svc.gateway, eff, time.Now)
	if res.Failure != nil {
		svc.log.Info("reader display", "order", orderID, "effect", fmt.Sprintf("%T", eff), "err", checkout.Explain(res.Failure))
	} else {
		svc.log.Info("reader display", "order", orderID, "effect", fmt.Sprintf("%T", eff), "outcome", string(res.Outcome))
	}
	return res
}
