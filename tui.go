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
	var readers []checkout.Reader // the screen takes them rather than listing them again
	if cfg.ReaderID != "" {
		// An unknown configured reader is a setup error: say so before the screen opens.
		ctx, cancel := context.WithTimeout(context.Background(), cfg.CallTimeout)
		readers, err = svc.gateway.ListReaders(ctx)
		cancel()
		switch {
		case err == nil:
			_, err = chooseReader(readers, cfg.ReaderID, "")
		case checkout.AsFailure(err).Kind == checkout.KindNetwork:
			// Stripe does not answer: the screen opens all the same, lists them again,
			// says so, and takes cash.
			readers, err = nil, nil
		default:
			err = fmt.Errorf("cannot list the readers: %s", checkout.ExplainReadWithDetail(checkout.AsFailure(err)))
		}
		if err != nil {
			fmt.Fprintf(stderr, "till: %v\n", err)
			return 2
		}
	}
	deps, opts := screenFor(cfg, svc, stderr)
	opts.Readers = readers
	err = ui.Run(deps, opts)
	if err != nil {
		svc.log.Error("tui", "err", err)
		fmt.Fprintf(stderr, "till: the screen failed: %v (details in %s)\n", err, cfg.LogFile)
		return 1
	}
	return 0
}

// screenFor is the cashier screen for cfg on svc's Stripe and database, with the webhook
// receiver started when the configuration has one: what runTUI runs, and what the tests
// drive after till setup.
func screenFor(cfg Config, svc *services, stderr io.Writer) (ui.Deps, ui.Options) {
	deps := ui.Deps{Gateway: svc.gateway, Store: svc.store, Demo: svc.demoPanel(), Reach: svc.reach.Reach,
		Print: func(ctx context.Context, pi, text string) (string, error) {
			return printReceipt(ctx, cfg.Counter, pi, text)
		}}
	hooks := svc.startWebhooks(stderr)
	if hooks != nil {
		deps.Webhooks = hooks
	}
	return deps, ui.Options{
		Shop: cfg.Shop, Currency: cfg.Currency, CaptureMethod: cfg.CaptureMethod, ReaderID: cfg.ReaderID,
		PollEvery: cfg.PollEvery, MaxBackoff: cfg.MaxBackoff, CallTimeout: cfg.CallTimeout,
		StuckAfter: cfg.StuckAfter, ExportDir: cfg.ExportDir, TillID: cfg.TillID, NewOrderID: newOrderID,
		TestAmount: testAmountHint, Live: cfg.Live, LiveConfirmed: cfg.ConfirmLive, PollWait: pollPace(cfg, hooks), RefundWait: refundPace(cfg, hooks),
		Catalogue: cfg.Counter.Catalogue, Tipping: cfg.Counter.Tipping, Receipts: cfg.Counter.Shop, ReceiptWidth: cfg.Counter.ReceiptWidth,
		CashIncrement: cfg.CashIncrement,
	}
}
