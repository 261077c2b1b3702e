package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/till-pos/till/emulator"
	"github.com/till-pos/till/readerctl"
	"github.com/till-pos/till/store"
	"github.com/till-pos/till/ui"
)

// The adapters satisfy the ports the screen needs (checked at compile time).
var (
	_ ui.Gateway = (*readerctl.Client)(nil)
	_ ui.Store   = (*store.Store)(nil)
)

// services are the opened adapters a command works with.
type services struct {
	cfg     Config
	log     *slog.Logger
	store   *store.Store
	gateway *readerctl.Client
	baseURL string // the API till talks to; the embedded emulator's when it runs one
	reach   *reachWatch
	closers []func()
}

// openServices opens the log, the database (first, so a second till on the same
// database stops before anything else starts), the embedded emulator when configured,
// and the Stripe client.
func openServices(cfg Config) (*services, error) {
	s := &services{cfg: cfg}
	logger, closeLog, err := openLog(cfg.LogFile, cfg.LogLevel, cfg.APIKey)
	if err != nil {
		return nil, err
	}
	s.log = logger
	s.closers = append(s.closers, closeLog)
	st, err := store.Open(cfg.DBPath, store.Options{Timeout: time.Second})
	if err != nil {
		s.Close()
		return nil, err
	}
	s.store = st
	s.closers = append(s.closers, func() { _ = st.Close() })
	archiveOld(st, logger, cfg.ArchiveAfter)
	base := cfg.APIBase
	if cfg.Embedded {
		url, stop, err := startEmbeddedEmulator(cfg.EmulatorState, cfg.ConnectAccount, cfg.Shop, logger)
		if err != nil {
			s.Close()
			return nil, err
		}
		base = url
		s.closers = append(s.closers, stop)
	}
	s.reach = &reachWatch{log: logger}
	gw, err := readerctl.New(readerctl.Config{
		APIKey:  cfg.APIKey,
		BaseURL: base,
		Timeout: cfg.CallTimeout,
		TillID:  cfg.TillID,
		OnCall:  func(c readerctl.Call) { s.reach.observe(c); journalCall(st, logger, c) },
		Live:    cfg.Live, Account: cfg.ConnectAccount, ApplicationFee: cfg.ApplicationFee,
	})
	if err != nil {
		s.Close()
		return nil, err
	}
	s.gateway = gw
	s.baseURL = base
	logger.Info("till started", "mode", cfg.Mode(), "db", cfg.DBPath)
	return s, nil
}

// demoPanel is the emulator's fault panel when till talks to an emulator: its own,
// or one on loopback that answers the emulator's admin API. Real Stripe has none. Only
// the screen has a panel, so only the screen pays for the probe.
func (s *services) demoPanel() ui.Demo {
	cfg, base := s.cfg, s.baseURL
	admin := faultPanel{emulator.AdminClient{BaseURL: base, Token: cfg.EmulatorAdminToken}}
	if cfg.Embedded {
		return admin
	}
	if !isLoopback(base) && cfg.EmulatorAdminToken == "" {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if admin.Available(ctx) {
		return admin
	}
	return nil
}

// faultPanel is the emulator's admin API with its faults worded for the screen.
type faultPanel struct{ emulator.AdminClient }

// Faults lists the emulator's switchable faults and what each does.
func (faultPanel) Faults() []ui.Fault {
	var out []ui.Fault
	for _, f := range emulator.FaultCatalog() {
		out = append(out, ui.Fault{Name: f.Name, Does: f.Explanation, Global: f.Global})
	}
	return out
}

// Close closes everything in the reverse order it was opened.
func (s *services) Close() {
	for i := len(s.closers) - 1; i >= 0; i-- {
		s.closers[i]()
	}
	s.closers = nil
}

// journalCall logs one HTTP request to Stripe and, when it worked for an order, files
// it in that order's journal: the payment timeline support staff read.
func journalCall(st *store.Store, logger *slog.Logger, c readerctl.Call) {
	logger.Info("stripe call", "order", c.OrderID, "method", c.Method, "path", c.Path, "status", c.HTTPStatus,
		"request_id", c.RequestID, "idempotency_key", c.IdempotencyKey, "duration", c.Duration, "err", c.Err)
	if c.OrderID == "" {
		return
	}
	outcome := "ok"
	if c.Err != "" {
		outcome = "no answer: " + c.Err
	} else if c.HTTPStatus >= 300 {
		outcome = fmt.Sprintf("HTTP %d", c.HTTPStatus)
	}
	_, err := st.Append(store.Entry{OrderID: c.OrderID, At: c.At, Stage: store.StageCall, Method: c.Method, Path: c.Path,
		IdempotencyKey: c.IdempotencyKey, RequestID: c.RequestID, HTTPStatus: c.HTTPStatus, Duration: c.Duration, Outcome: outcome})
	if err != nil {
		logger.Error("journal a call", "order", c.OrderID, "err", err)
	}
}

// archiveOld archives the finished orders older than after. It reads only orders not
// archived yet that started before the cutoff, so it costs next to nothing at each start;
// a failure only leaves them for the next start.
func archiveOld(st *store.Store, logger *slog.Logger, after time.Duration) {
	n, err := st.Archive(time.Now().Add(-after))
	switch {
	case err != nil:
		logger.Error("archive finished orders", "err", err)
	case n > 0:
		logger.Info("archived finished orders", "orders", n, "older_than", after)
	}
}

// startEmbeddedEmulator serves the emulator on a loopback port, its state kept in a file
// beside till's database so an unfinished payment survives a restart. A new state's
// location is named for the shop. With Connect (account), the connected account is
// seeded with a location and readers of its own too. stop shuts the server down and
// closes the state file.
func startEmbeddedEmulator(statePath, account, shop string, logger *slog.Logger) (string, func(), error) {
	opts := emulator.Options{StatePath: statePath, Seed: true, LocationName: shop,
		Logf: func(format string, args ...any) { logger.Debug(fmt.Sprintf(format, args...)) }}
	if account != "" {
		opts.SeedAccounts = []string{account}
	}
	emu, err := emulator.New(opts)
	if err != nil {
		return "", nil, fmt.Errorf("the built-in emulator cannot start: %w", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	base, done, err := emulator.Serve(ctx, "127.0.0.1:0", emu)
	if err != nil {
		cancel()
		emu.Close()
		return "", nil, fmt.Errorf("the built-in emulator cannot listen on loopback: %w", err)
	}
	stop := func() {
		cancel()
		<-done
		if err := emu.Close(); err != nil {
			logger.Error("built-in emulator", "err", err)
		}
	}
	return base, stop, nil
}

// openLog opens the log file; logs never go to the terminal, which the TUI owns. Every
// message and string value goes through readerctl.Redact on its way in, so no key and
// no secret of a URL reaches the file, whoever logs it.
func openLog(path, level, key string) (*slog.Logger, func(), error) {
	var lvl slog.Level
	if err := lvl.UnmarshalText([]byte(level)); err != nil {
		return nil, nil, fmt.Errorf("log.level: %q is not debug, info, warn or error", level)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, nil, fmt.Errorf("cannot create the log directory: %w", err)
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return nil, nil, fmt.Errorf("cannot open the log file: %w", err)
	}
	redact := func(_ []string, a slog.Attr) slog.Attr {
		switch a.Value.Kind() {
		case slog.KindString:
			a.Value = slog.StringValue(readerctl.Redact(a.Value.String(), key))
		case slog.KindAny:
			if err, ok := a.Value.Any().(error); ok {
				a.Value = slog.StringValue(readerctl.Redact(err.Error(), key))
			}
		}
		return a
	}
	return slog.New(slog.NewTextHandler(f, &slog.HandlerOptions{Level: lvl, ReplaceAttr: redact})), func() { _ = f.Close() }, nil
}

// explainSetup turns a setup error into the sentence the user sees.
func explainSetup(w io.Writer, err error) int {
	fmt.Fprintf(w, "till: %s\n", readerctl.Redact(err.Error(), ""))
	if errors.Is(err, store.ErrLocked) {
		return 3
	}
	return 2
}
