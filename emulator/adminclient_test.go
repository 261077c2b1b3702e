package emulator

import (
	"context"
	"net/http"
	"net/http/httptest"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

func newAdminClient(t *testing.T) (*Emulator, AdminClient) {
	t.Helper()
	e, err := New(Options{Seed: true})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(e)
	t.Cleanup(srv.Close)
	return e, AdminClient{BaseURL: srv.URL + "/", HTTPClient: srv.Client()}
}

func TestAdminClientTogglesEachFault(t *testing.T) {
	want := map[string]Fault{
		"offline":                     {Offline: true},
		"timeout":                     {Timeout: TimeoutLost},
		"timeout_delivered":           {Timeout: TimeoutDelivered},
		"connection_error":            {ConnectionError: ConnectionNotAuthorized},
		"connection_error_authorized": {ConnectionError: ConnectionAuthorized},
		"disconnect":                  {Disconnect: true},
		"customer_cancel":             {CustomerCancel: true},
		"reader_busy":                 {Busy: true},
		"lost_capture":                {LostCapture: true},
		"unreachable":                 {DropRate: 1}, // global: the whole emulator's
	}
	if len(want) != len(FaultNames) {
		t.Fatalf("table covers %d faults, FaultNames has %d", len(want), len(FaultNames))
	}
	ctx := context.Background()
	for _, name := range FaultNames {
		t.Run(name, func(t *testing.T) {
			e, c := newAdminClient(t)
			reader := e.ReaderIDs()[1]
			if s, _ := faultSwitchNamed(name); s.Global {
				if err := c.ToggleReaderFault(ctx, reader, name); err == nil {
					t.Fatalf("a global fault was switched on one reader")
				}
				reader = ""
			}
			if err := c.ToggleReaderFault(ctx, reader, name); err != nil {
				t.Fatalf("toggle on: %v", err)
			}
			if got := e.Faults()[reader]; got != want[name] {
				t.Fatalf("emulator fault = %+v, want %+v", got, want[name])
			}
			got, err := c.ReaderFaults(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, map[string][]string{reader: {name}}) {
				t.Fatalf("ReaderFaults = %v, want %s on %s only", got, name, reader)
			}
			if err := c.ToggleReaderFault(ctx, reader, name); err != nil {
				t.Fatalf("toggle off: %v", err)
			}
			if got, _ := c.ReaderFaults(ctx); len(got) != 0 {
				t.Fatalf("after toggling off: %v", got)
			}
			if fs := e.Faults(); len(fs) != 0 {
				t.Fatalf("emulator still has faults %v", fs)
			}
		})
	}
}

func TestAdminClientKeepsOtherFaults(t *testing.T) {
	ctx := context.Background()
	e, c := newAdminClient(t)
	r0, r1 := e.ReaderIDs()[0], e.ReaderIDs()[1]
	e.SetFault(r0, Fault{Latency: 5 * time.Millisecond, ErrorRate: 0.5})
	e.SetFault("", Fault{Offline: true})
	for _, name := range []string{"timeout", "offline", "timeout_delivered", "customer_cancel"} {
		if err := c.ToggleReaderFault(ctx, r0, name); err != nil {
			t.Fatalf("toggle %s: %v", name, err)
		}
	}
	if err := c.ToggleReaderFault(ctx, r1, "disconnect"); err != nil {
		t.Fatal(err)
	}
	got, err := c.ReaderFaults(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// timeout_delivered replaced timeout; the global offline is not a reader's fault.
	want := map[string][]string{r0: {"offline", "timeout_delivered", "customer_cancel"}, r1: {"disconnect"}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("ReaderFaults = %v, want %v", got, want)
	}
	f := e.Faults()[r0]
	if f.Latency != 5*time.Millisecond || f.ErrorRate != 0.5 {
		t.Fatalf("toggling lost the reader's other faults: %+v", f)
	}
	if !e.Faults()[""].Offline {
		t.Fatal("toggling a reader fault touched the global fault")
	}
}

func TestAdminClientErrors(t *testing.T) {
	ctx := context.Background()
	e, c := newAdminClient(t)
	for _, tc := range []struct{ reader, fault, want string }{
		{e.ReaderIDs()[0], "meteor", "unknown fault"},
		{"", "offline", "no reader"},
		{"tmr_nope", "offline", "no such reader: tmr_nope"},
	} {
		err := c.ToggleReaderFault(ctx, tc.reader, tc.fault)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ToggleReaderFault(%q, %q) = %v, want an error mentioning %q", tc.reader, tc.fault, err, tc.want)
		}
	}
	if fs := e.Faults(); len(fs) != 0 {
		t.Fatalf("failed toggles set faults: %v", fs)
	}
}

func TestAdminNamedFaultEndpoints(t *testing.T) {
	e, c := newAdminClient(t)
	base := strings.TrimRight(c.BaseURL, "/")
	reader := e.ReaderIDs()[0]
	for _, tc := range []struct {
		method, path string
		status       int
	}{
		{http.MethodPut, "/_emulator/faults/offline", http.StatusOK},
		{http.MethodPut, "/_emulator/readers/" + reader + "/faults/disconnect", http.StatusOK},
		{http.MethodPut, "/_emulator/readers/" + reader + "/faults/latency", http.StatusBadRequest},
		{http.MethodPut, "/_emulator/readers/tmr_nope/faults/offline", http.StatusNotFound},
		{http.MethodDelete, "/_emulator/faults/timeout", http.StatusOK},
	} {
		res, _ := adminCall(t, base, tc.method, tc.path, "")
		if res.StatusCode != tc.status {
			t.Errorf("%s %s = %d, want %d", tc.method, tc.path, res.StatusCode, tc.status)
		}
	}
	fs := e.Faults()
	if !fs[""].Offline || !fs[reader].Disconnect || len(fs) != 2 {
		t.Fatalf("faults after the calls: %+v", fs)
	}
	res, _ := adminCall(t, base, http.MethodDelete, "/_emulator/faults/offline", "")
	if res.StatusCode != http.StatusOK || e.Faults()[""].Offline {
		t.Fatalf("DELETE of the global offline fault: %d, faults %+v", res.StatusCode, e.Faults())
	}
}

func TestAdminClientAvailable(t *testing.T) {
	ctx := context.Background()
	_, c := newAdminClient(t)
	if !c.Available(ctx) {
		t.Fatal("Available is false against an emulator")
	}
	notEmu := httptest.NewServer(http.NotFoundHandler())
	defer notEmu.Close()
	if (AdminClient{BaseURL: notEmu.URL}).Available(ctx) {
		t.Fatal("Available is true against a server that is not an emulator")
	}
	gone := httptest.NewServer(http.NotFoundHandler())
	gone.Close()
	if (AdminClient{BaseURL: gone.URL}).Available(ctx) {
		t.Fatal("Available is true with nothing listening")
	}
	if _, err := (AdminClient{BaseURL: gone.URL}).ReaderFaults(ctx); err == nil {
		t.Fatal("ReaderFaults succeeded with nothing listening")
	}
}

func TestFaultNames(t *testing.T) {
	all := Fault{Offline: true, Timeout: TimeoutDelivered, ConnectionError: ConnectionAuthorized, Disconnect: true,
		CustomerCancel: true, Latency: time.Second}
	want := []string{"offline", "timeout_delivered", "connection_error_authorized", "disconnect", "customer_cancel"}
	if got := all.Names(); !slices.Equal(got, want) {
		t.Fatalf("Names = %v, want %v", got, want)
	}
	if got := (Fault{Latency: time.Second}).Names(); len(got) != 0 {
		t.Fatalf("a latency-only fault has names %v", got)
	}
}

// unreachable drops every API request's connection, as an outage does, while the admin
// API answers; switched off, the API answers again.
func TestUnreachableDropsEveryAPIRequest(t *testing.T) {
	ctx := context.Background()
	e, c := newAdminClient(t)
	get := func() (int, error) {
		req, _ := http.NewRequest(http.MethodGet, c.BaseURL+"v1/terminal/readers/"+e.ReaderIDs()[0], nil)
		req.Header.Set("Authorization", "Bearer "+testKey)
		res, err := c.HTTPClient.Do(req)
		if err != nil {
			return 0, err
		}
		res.Body.Close()
		return res.StatusCode, nil
	}
	if err := c.ToggleReaderFault(ctx, "", "unreachable"); err != nil {
		t.Fatal(err)
	}
	if status, err := get(); err == nil {
		t.Fatalf("while unreachable the API answered %d", status)
	}
	if got, err := c.ReaderFaults(ctx); err != nil || !reflect.DeepEqual(got, map[string][]string{"": {"unreachable"}}) {
		t.Fatalf("the admin API while unreachable: %v, %v", got, err)
	}
	if err := c.ToggleReaderFault(ctx, "", "unreachable"); err != nil {
		t.Fatal(err)
	}
	if status, err := get(); err != nil || status != http.StatusOK {
		t.Fatalf("switched off: %d, %v", status, err)
	}
}
