package main

import (
	"context"
	"fmt"
	"io"

	"github.com/spf13/pflag"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui"
)

func runTUI(args []string, stderr io.Writer) int {
	fs := pflag.NewFlagSet("till", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	addCommonFlags(fs)
	fs.Usage = func() {
		fmt.Fprint(stderr, usage, "\nFlags:\n")
		fs.PrintDefaults()
	}
	cfg, code, ok := parseConfigThen(fs, args, 0, stderr, func(cfg Config) error { return announceLive(cfg, stderr) })
	if !ok {
		return code
	}
	svc, err := openServices(cfg)
	if err != nil {
		return explainSetup(stderr, err)
	}
	defer svc.Close()
	if cfg.ReaderID != "" {
		// An unknown configured reader is a setup error: say so before the screen opens.
		ctx, cancel := context.WithTimeout(context.Background(), cfg.CallTimeout)
		readers, err := svc.gateway.ListReaders(ctx)
		cancel()
		switch {
		case err == nil:
			_, err = chooseReader(readers, cfg.ReaderID, "")
		case checkout.AsFailure(err).Kind == checkout.KindNetwork:
			// Stripe does not answer: the screen opens all the same, says so, and takes cash.
			err = nil
		default:
			err = fmt.Errorf("cannot list the readers: %s", checkout.ExplainRead(checkout.AsFailure(err)))
		}
		if err != nil {
			fmt.Fprintf(stderr, "till: %v\n", err)
			return 2
		}
	}
	deps := ui.Deps{Gateway: svc.gateway, Store: svc.store, Demo: svc.demoPanel(), Reach: svc.reach.Reach,
		Print: func(ctx context.Context, pi, text string) (string, error) {
			return printReceipt(ctx, cfg.Counter, pi, text)
		}}
	hooks := svc.startWebhooks(stderr)
	if hooks != nil {
		deps.Webhooks = hooks
	}
	err = ui.Run(deps, ui.Options{
		Shop: cfg.Shop, Currency: cfg.Currency, CaptureMethod: cfg.CaptureMethod, ReaderID: cfg.ReaderID,
		PollEvery: cfg.PollEvery, MaxBackoff: cfg.MaxBackoff, CallTimeout: cfg.CallTimeout,
		StuckAfter: cfg.StuckAfter, ExportDir: cfg.ExportDir, TillID: cfg.TillID, NewOrderID: newOrderID,
		TestAmount: testAmountHint, Live: cfg.Live, LiveConfirmed: cfg.ConfirmLive, PollWait: pollPace(cfg, hooks), RefundWait: refundPace(cfg, hooks),
		Catalogue: cfg.Counter.Catalogue, Tipping: cfg.Counter.Tipping, Receipts: cfg.Counter.Shop, ReceiptWidth: cfg.Counter.ReceiptWidth,
		CashIncrement: cfg.CashIncrement,
	})
	if err != nil {
		svc.log.Error("tui", "err", err)
		fmt.Fprintf(stderr, "till: the screen failed: %v (details in %s)\n", err, cfg.LogFile)
		return 1
	}
	return 0
}
