package main

import (
	"errors"
	"io"

	"github.com/spf13/pflag"
)

// parseConfig parses a command's flags (wanting exactly nargs arguments) and loads the
// configuration. When ok is false the command is over and code is its exit status.
func parseConfig(fs *pflag.FlagSet, args []string, nargs int, stderr io.Writer) (cfg Config, code int, ok bool) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return cfg, 0, false
		}
		return cfg, 2, false
	}
	if fs.NArg() != nargs {
		fs.Usage()
		return cfg, 2, false
	}
	cfg, err := loadConfig(fs)
	if err != nil {
		return cfg, explainSetup(stderr, err), false
	}
	return cfg, 0, true
}

// openSupport is parseConfig, then the services opened.
func openSupport(fs *pflag.FlagSet, args []string, nargs int, stderr io.Writer) (*services, int, bool) {
	cfg, code, ok := parseConfig(fs, args, nargs, stderr)
	if !ok {
		return nil, code, false
	}
	svc, err := openServices(cfg)
	if err != nil {
		return nil, explainSetup(stderr, err), false
	}
	return svc, 0, true
}
