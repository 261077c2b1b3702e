package emulator

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// AdminClient drives an emulator's admin API (/_emulator/) over HTTP, so till's demo
// panel works the same with the embedded emulator and with a standalone one.
type AdminClient struct {
	// BaseURL is the emulator's base URL, e.g. "http://127.0.0.1:12111".
	BaseURL string
	// HTTPClient is the client to use; nil means http.DefaultClient.
	HTTPClient *http.Client
	// Token is the emulator's admin token, sent when set.
	Token string
}

// Available reports whether an emulator answers at BaseURL (GET /_emulator/state is 200).
// Stripe itself has no /_emulator/, so this is false against the real API.
func (c AdminClient) Available(ctx context.Context) bool {
	res, err := c.do(ctx, http.MethodGet, "/_emulator/state")
	if err != nil {
		return false
	}
	defer res.Body.Close()
	io.Copy(io.Discard, io.LimitReader(res.Body, maxBody))
	return res.StatusCode == http.StatusOK
}

// ReaderFaults returns, for each reader that has any, the names (from FaultNames) of the
// faults switched on for that reader alone, and under "" the global switches on
// (FaultInfo.Global, such as unreachable).
func (c AdminClient) ReaderFaults(ctx context.Context) (map[string][]string, error) {
	var wire map[string]faultWire
	if err := c.call(ctx, http.MethodGet, "/_emulator/faults", &wire); err != nil {
		return nil, err
	}
	return namesByReader(wire), nil
}

// ToggleReaderFault switches one named fault (see FaultNames) on or off on one reader,
// keeping the reader's other faults; a global switch (FaultInfo.Global) is switched for
// the whole emulator, with readerID "".
func (c AdminClient) ToggleReaderFault(ctx context.Context, readerID, fault string) error {
	s, ok := faultSwitchNamed(fault)
	switch {
	case !ok:
		return fmt.Errorf("emulator: unknown fault %q (known: %s)", fault, strings.Join(FaultNames, ", "))
	case s.Global && readerID != "":
		return fmt.Errorf("emulator: %w", errGlobalOnReader(fault))
	case !s.Global && readerID == "":
		return fmt.Errorf("emulator: no reader given")
	}
	current, err := c.ReaderFaults(ctx)
	if err != nil {
		return err
	}
	method := http.MethodPut
	if slices.Contains(current[readerID], fault) {
		method = http.MethodDelete
	}
	path := "/_emulator/faults/" + url.PathEscape(fault)
	if readerID != "" {
		path = "/_emulator/readers/" + url.PathEscape(readerID) + "/faults/" + url.PathEscape(fault)
	}
	return c.call(ctx, method, path, nil)
}

// FaultCatalog lists the emulator's switchable reader faults with a one-line
// explanation each, for a panel to show beside the switch.
func (c AdminClient) FaultCatalog(ctx context.Context) ([]FaultInfo, error) {
	var out []FaultInfo
	if err := c.call(ctx, http.MethodGet, "/_emulator/fault_names", &out); err != nil {
		return nil, err
	}
	return out, nil
}

func namesByReader(wire map[string]faultWire) map[string][]string {
	out := map[string][]string{}
	for id, w := range wire {
		f, err := w.fault()
		if err != nil {
			continue // a fault the emulator accepted but this client cannot read: nothing to switch
		}
		names := f.Names()
		if id == "" { // only the global switches: a reader fault set globally has no switch
			names = slices.DeleteFunc(names, func(n string) bool { s, _ := faultSwitchNamed(n); return !s.Global })
		}
		if len(names) > 0 {
			out[id] = names
		}
	}
	return out
}

func (c AdminClient) do(ctx context.Context, method, path string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, method, strings.TrimRight(c.BaseURL, "/")+path, nil)
	if err != nil {
		return nil, fmt.Errorf("emulator: %w", err)
	}
	if c.Token != "" {
		req.Header.Set("Authorization", "Bearer "+c.Token)
	}
	hc := c.HTTPClient
	if hc == nil {
		hc = http.DefaultClient
	}
	return hc.Do(req)
}

// call sends a request and decodes a 200 answer into out (nil: discard); any other
// answer becomes an error carrying the emulator's message.
func (c AdminClient) call(ctx context.Context, method, path string, out any) error {
	res, err := c.do(ctx, method, path)
	if err != nil {
		return fmt.Errorf("emulator admin API unreachable: %w", err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(io.LimitReader(res.Body, maxBody))
	if err != nil {
		return fmt.Errorf("emulator admin API: reading the answer: %w", err)
	}
	if res.StatusCode != http.StatusOK {
		var env errorEnvelope
		if json.Unmarshal(body, &env) == nil && env.Error.Message != "" {
			return fmt.Errorf("emulator: %s", env.Error.Message)
		}
		return fmt.Errorf("emulator admin API: %s %s answered %s", method, path, res.Status)
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(body, out); err != nil {
		return fmt.Errorf("emulator admin API: unexpected answer to %s %s: %v", method, path, err)
	}
	return nil
}
