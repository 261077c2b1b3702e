package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"go.etcd.io/bbolt"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/emulator"
)

// refused runs a till command that must be refused before anything reaches Stripe: it
// exits 2, says why on stderr (each of wants), and the emulator holds no PaymentIntent.
func (e *supportEnv) refused(t *testing.T, wants []string, args ...string) {
	t.Helper()
	code, out, errOut := e.till(t, args...)
	if code != 2 {
		t.Errorf("%q: exit %d, want 2 (stdout %q stderr %q)", args, code, out, errOut)
	}
	for _, w := range wants {
		if !strings.Contains(errOut, w) {
			t.Errorf("%q: stderr %q does not say %q", args, errOut, w)
		}
	}
	if pis := e.emu.PaymentIntents(); len(pis) != 0 {
		t.Errorf("%q: %d PaymentIntents reached Stripe: %+v", args, len(pis), pis)
	}
}

// Issue 11 defect 8: KWD 12.34 went out as 1234 (KWD 1.234) and printed "Paid KWD
// 12.34"; xyz was charged as if it were a currency.
func TestPayRefusesCurrenciesStripeTerminalCannotTake(t *testing.T) {
	e := newSupportEnv(t, emulator.Options{})
	e.refused(t, []string{"Stripe Terminal cannot take KWD", "usd"}, "pay", "--amount", "12.34", "--currency", "kwd")
	e.refused(t, []string{"Stripe Terminal cannot take BHD"}, "pay", "--amount", "1", "--currency", "BHD")
	e.refused(t, []string{`"xyz" is not an ISO 4217 currency code`}, "pay", "--amount", "1", "--currency", "xyz")
	e.refused(t, []string{"more than 2 decimal places", "Nothing was sent"}, "pay", "--amount", "12.345", "--currency", "eur")
}

// Issue 11 defect 7: an unknown flag or a bad flag value exited 2 and printed nothing,
// on every command.
func TestEveryCommandSaysWhatIsWrongWithItsFlags(t *testing.T) {
	e := newSupportEnv(t, emulator.Options{})
	commands := [][]string{
		{}, {"tui"}, {"pay", "--amount", "1"}, {"readers"}, {"reader", "cancel-action", "tmr_1"}, {"payments", "--unfinished"},
		{"payments", "capture", "pi_1"}, {"payments", "cancel", "pi_1"}, {"shift", "report"}, {"shift", "close"},
		{"doctor"}, {"emulator"},
	}
	for _, cmd := range commands {
		name := "till " + strings.Join(cmd, " ")
		code, out, errOut := e.till(t, append(append([]string{}, cmd...), "--bogus")...)
		if code != 2 || !strings.Contains(errOut, "unknown flag: --bogus") || !strings.Contains(errOut, "--help") {
			t.Errorf("%s --bogus: exit %d, stdout %q, stderr %q", name, code, out, errOut)
		}
	}
	for _, args := range [][]string{
		{"pay", "--amount", "1", "--wait", "soon"},
		{"payments", "--unfinished", "--days", "x"},
		{"readers", "--json=maybe"},
		{"emulator", "--readers", "two"},
	} {
		code, _, errOut := e.till(t, args...)
		if code != 2 || !strings.Contains(errOut, "invalid argument") {
			t.Errorf("%q: exit %d, stderr %q", args, code, errOut)
		}
	}
	for _, args := range [][]string{{"shift", "open"}, {"reader", "cancel"}} {
		if code, _, errOut := e.till(t, args...); code != 2 || !strings.Contains(errOut, `unknown subcommand "`+args[1]+`"`) {
			t.Errorf("%q: exit %d, stderr %q", args, code, errOut)
		}
	}
	for _, args := range [][]string{{"readers", "extra"}, {"payments", "capture"}} {
		code, _, errOut := e.till(t, args...)
		if code != 2 || !strings.Contains(errOut, "argument") || !strings.Contains(errOut, "Usage:") {
			t.Errorf("%q: exit %d, stderr %q", args, code, errOut)
		}
	}
}

// Issue 11 defect 7: an invalid --card was found out only after the PaymentIntent was
// created and sent to the reader, which then stayed blocked for the whole --wait.
func TestPayChecksTheCardBeforeAnythingIsSent(t *testing.T) {
	e := newSupportEnv(t, emulator.Options{})
	e.refused(t, []string{`--card "123" is not a card number`, "Nothing was sent"}, "pay", "--amount", "1", "--card", "123")
	e.refused(t, []string{"4242424242424241"}, "pay", "--amount", "1", "--card", "4242424242424241")
}

// Issue 11 defect 6: --wait 0, -1s and 1ns were accepted and left an order in
// "creating" (a deadline gone before the create was sent).
func TestPayRefusesAWaitTooShortToMeanAnything(t *testing.T) {
	e := newSupportEnv(t, emulator.Options{})
	for _, w := range []string{"0", "-1s", "1ns", "999ms"} {
		e.refused(t, []string{"--wait " + strings.TrimPrefix(w, "+"), "at least 1s", "Nothing was sent"}, "pay", "--amount", "1", "--wait", w)
	}
	// till payments capture and cancel wait for the capture or the cancel, not "the payment".
	e.refused(t, []string{"--wait 0s", "for the capture, at least 1s", "Nothing was sent"}, "payments", "capture", "pi_1", "--wait", "0")
	e.refused(t, []string{"--wait 999ms", "for the cancel, at least 1s", "Nothing was sent"}, "payments", "cancel", "pi_1", "--wait", "999ms")
	for _, cmd := range [][]string{{"pay"}, {"refund"}, {"payments", "capture"}, {"payments", "cancel"}} {
		if _, _, errOut := e.till(t, append(cmd, "--help")...); !strings.Contains(errOut, "at least 1s") {
			t.Errorf("till %s --help does not say --wait's floor: %q", strings.Join(cmd, " "), errOut)
		}
	}
	// till refund took 1ns: the same floor and words, for the refund.
	for _, w := range []string{"0", "1ns", "999ms"} {
		e.refused(t, []string{"--wait " + w, "for the refund, at least 1s", "Nothing was sent"}, "refund", "ORD-1", "--wait", w)
	}
	if code, out, errOut := e.till(t, "payments", "--unfinished"); code != 0 || !strings.Contains(out, "No unfinished payments") {
		t.Fatalf("refused runs left something behind: exit %d %q %q", code, out, errOut)
	}
}

// --wait bounds the wait for the customer, never a call in flight: on a slow Stripe a
// short wait still leaves the payment on the reader, not half-created.
func TestPayWaitNeverCutsACall(t *testing.T) {
	e := newSupportEnv(t, emulator.Options{})
	e.emu.SetFault("", emulator.Fault{Latency: 600 * time.Millisecond})
	code, out, errOut := e.till(t, "pay", "--json", "--amount", "5.00", "--card", "none", "--wait", "1s", "--order", "SLOW-1")
	if code != 1 || !strings.Contains(out, "still open (awaiting)") {
		t.Fatalf("exit %d, %q %q", code, out, errOut)
	}
	if s := e.session(t, "SLOW-1"); s.Phase != checkout.Awaiting || s.PaymentIntentID == "" {
		t.Fatalf("session %s %q, want awaiting on the reader", s.Phase, s.PaymentIntentID)
	}
}

// loseAnswers puts a proxy in front of the emulator: a request lost(r) is carried out,
// then answered HTTP 500, as when Stripe acts and its answer never arrives.
func (e *supportEnv) loseAnswers(t *testing.T, lost func(*http.Request) bool) {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !lost(r) {
			e.emu.ServeHTTP(w, r)
			return
		}
		e.emu.ServeHTTP(httptest.NewRecorder(), r)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusInternalServerError)
		_, _ = w.Write([]byte(`{"error":{"type":"api_error","message":"An unknown error occurred"}}`))
	}))
	t.Cleanup(srv.Close)
	e.url = srv.URL
}

// Issue 11 defect 7: one-shot commands said "Checking whether the call went through…"
// and exited without checking. Now they read back and report what happened.
func TestOneShotCommandsReadBackAfterALostAnswer(t *testing.T) {
	e := newSupportEnv(t, emulator.Options{})
	in := e.authorize(t, "LOST-1", e.readers[0], 700)
	e.loseAnswers(t, func(r *http.Request) bool { return strings.HasSuffix(r.URL.Path, "/cancel") })
	code, out, errOut := e.till(t, "payments", "cancel", in.ID)
	if code != 0 || !strings.Contains(out, "Canceled "+in.ID) || !strings.Contains(errOut, "Reading "+in.ID+" back") {
		t.Fatalf("payments cancel: exit %d, %q %q", code, out, errOut)
	}
	if st, _ := e.emu.PaymentIntentStatus(in.ID); st != "canceled" {
		t.Fatalf("emulator says %s", st)
	}

	res := e.openPayment(t, "LOST-2")
	e.loseAnswers(t, func(r *http.Request) bool { return strings.HasSuffix(r.URL.Path, "/cancel_action") })
	code, out, errOut = e.till(t, "reader", "cancel-action", res.Reader)
	if code != 0 || !strings.Contains(out, "Canceled reader") || !strings.Contains(errOut, "Reading the reader back") {
		t.Fatalf("reader cancel-action: exit %d, %q %q", code, out, errOut)
	}
	e.url = "http://127.0.0.1:1" // nothing listens: the read fails
	if _, out, errOut := e.till(t, "readers"); strings.Contains(out+errOut, "Checking") {
		t.Errorf("till readers promises a check it does not make: %q %q", out, errOut)
	}
}

// Issue 11 defects 1 and 6: --order went unchecked into file names, search queries and
// Idempotency-Key headers ("../../x", a newline). Refused before anything is stored or
// sent; generated ids always pass the rule.
func TestPayRefusesOrderIDsOutsideTheRule(t *testing.T) {
	e := newSupportEnv(t, emulator.Options{})
	for _, id := range []string{"../../x", "bad\nid", "del\x7f", "sp ace", "-rf", strings.Repeat("a", 65)} {
		e.refused(t, []string{"is not an order id", "Nothing was stored or sent"}, "pay", "--amount", "1", "--order", id)
	}
	if code, out, _ := e.till(t, "payments", "--unfinished"); code != 0 || !strings.Contains(out, "No unfinished payments") {
		t.Fatalf("something was stored: %q", out)
	}
	for i := 0; i < 50; i++ {
		if id := newOrderID(); checkout.ValidOrderID(id) != nil {
			t.Fatalf("generated %q", id)
		}
	}
}

// legacyOrder stores an unfinished order under an id the rule now refuses, as a till
// from before the rule left it: saved under a good id, then renamed in the file.
func (e *supportEnv) legacyOrder(t *testing.T, id string, s checkout.Session) {
	t.Helper()
	good := s.OrderID
	e.saveSession(t, s)
	db, err := bbolt.Open(e.db, 0o600, &bbolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Update(func(tx *bbolt.Tx) error {
		for _, name := range []string{"sessions", "sessions_open", "sessions_by_start"} {
			b := tx.Bucket([]byte(name))
			var keys [][]byte
			_ = b.ForEach(func(k, _ []byte) error {
				if bytes.HasSuffix(k, []byte(good)) {
					keys = append(keys, bytes.Clone(k))
				}
				return nil
			})
			for _, k := range keys {
				v := bytes.ReplaceAll(b.Get(k), []byte(`"order_id":"`+good+`"`), []byte(`"order_id":`+strconv.Quote(id)))
				if name == "sessions" { // kept packed since schema 3: written as the plain JSON an older till wrote
					legacy := s
					legacy.OrderID = id
					if v, err = json.Marshal(legacy); err != nil {
						return err
					}
				}
				if err := b.Delete(k); err != nil {
					return err
				}
				if err := b.Put(append(bytes.TrimSuffix(k, []byte(good)), id...), v); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// Issue 11 defect 6: an order left by an older till with a newline in its id sat in
// "unknown" for ever (its key was no valid header) and the shift could never close.
// Resuming it closes it: none of its calls ever left the machine.
func TestAnOldOrderWhoseIDCannotBeSentCanBeClosed(t *testing.T) {
	e := newSupportEnv(t, emulator.Options{})
	e.legacyOrder(t, "bad\nid", checkout.Session{OrderID: "LEGACY-1", Phase: checkout.Unknown, ReaderID: e.readers[0],
		Amount: checkout.Money{Amount: 100, Currency: "usd"}, StartedAt: time.Now().Add(-time.Hour)})
	if code, _, errOut := e.till(t, "shift", "close"); code == 0 || !strings.Contains(errOut, "unresolved") {
		t.Fatalf("the shift closed over the unknown order: %d %q", code, errOut)
	}
	code, out, errOut := e.till(t, "pay", "--amount", "1.00", "--order", "bad\nid")
	if code != 1 || !strings.Contains(out, "Canceled; nothing was charged") {
		t.Fatalf("resume: exit %d %q %q", code, out, errOut)
	}
	if code, out, errOut := e.till(t, "shift", "close"); code != 0 {
		t.Fatalf("the shift still cannot close: %d %q %q", code, out, errOut)
	}
	if pis := e.emu.PaymentIntents(); len(pis) != 0 {
		t.Fatalf("closing it reached Stripe: %+v", pis)
	}
}

// Issue 11 defect 5: a list answer {"data":[],"has_more":true} panicked inside
// stripe-go in pay, readers, payments and doctor. Each now says it could not read
// Stripe's answer and exits 1.
func TestAHostileListAnswerCrashesNoCommand(t *testing.T) {
	e := newSupportEnv(t, emulator.Options{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/v1/terminal/readers", "/v1/terminal/locations", "/v1/payment_intents", "/v1/payment_intents/search":
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(`{"object":"list","data":[],"has_more":true}`))
			return
		}
		e.emu.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	e.url = srv.URL
	for _, args := range [][]string{{"readers"}, {"pay", "--amount", "1"}, {"payments", "--unfinished"}, {"doctor"}} {
		code, out, errOut := e.till(t, args...)
		if code != 1 || !strings.Contains(out+errOut, "Stripe") {
			t.Errorf("%v: exit %d, %q %q", args, code, out, errOut)
		}
	}
}

// A card run of an order already paid in cash printed "Paid $12.34" over an empty
// payment and status and exited 1. It is refused, says why, and sends nothing.
func TestPayByCardRefusesAnOrderPaidInCash(t *testing.T) {
	e := newSupportEnv(t, emulator.Options{})
	if code, out, errOut := e.till(t, "pay", "--amount", "12.34", "--cash", "20", "--order", "CASH-1"); code != 0 {
		t.Fatalf("cash sale: exit %d %q %q", code, out, errOut)
	}
	e.refused(t, []string{"order CASH-1 was paid in cash ($12.34)", "nothing was sent to Stripe", "another --order"},
		"pay", "--amount", "12.34", "--order", "CASH-1")
	if s := e.session(t, "CASH-1"); s.Cash == nil || s.Phase != checkout.Paid {
		t.Fatalf("the cash sale changed: %s %+v", s.Phase, s.Cash)
	}
}

// `till shift --help` and `till reader --help` were refused as "the subcommand comes
// before the flags" (exit 2), and `till help pay` printed till's usage, not pay's.
func TestHelpIsAnsweredForEveryCommand(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"shift", "--help"}, "Usage: till shift report"},
		{[]string{"reader", "-h"}, "Usage: till reader cancel-action"},
		{[]string{"help", "shift"}, "Usage: till shift report"},
		{[]string{"help", "pay"}, "Usage: till pay --amount"},
		{[]string{"help", "payments"}, "Usage: till payments --unfinished"},
		{[]string{"help"}, "Run \"till COMMAND --help\""},
	} {
		code, out, errOut := runTill(t, tt.args...)
		if code != 0 || !strings.Contains(out+errOut, tt.want) || strings.Contains(out+errOut, "comes before") {
			t.Errorf("till %s: exit %d, %q %q", strings.Join(tt.args, " "), code, out, errOut)
		}
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"shift"}, "till shift: missing subcommand"},
		{[]string{"help", "nope"}, `unknown command "nope"`},
	} {
		if code, _, errOut := runTill(t, tt.args...); code != 2 || !strings.Contains(errOut, tt.want) {
			t.Errorf("till %s: exit %d, %q", strings.Join(tt.args, " "), code, errOut)
		}
	}
}

// A till pay on a reader still taking this till's open order (left by --card none, a
// Ctrl-C, an earlier --wait) created a PaymentIntent each time, found the reader busy
// "perhaps from another till", and left one more open order for support to cancel.
// The reader's action is on the list till pay reads first: it says so before anything
// is stored or sent, and how to free the reader.
func TestPayOnAReaderTakingAnotherPaymentSendsNothing(t *testing.T) {
	e := newSupportEnv(t, emulator.Options{})
	open := e.openPayment(t, "OPEN-1")
	code, res := e.payOn(t, "--amount", "6.00", "--order", "NEXT-1", "--reader", open.Reader)
	for _, want := range []string{"this till's order OPEN-1", "till pay --order OPEN-1", "till payments cancel " + open.PaymentIntent, "Nothing was sent to Stripe"} {
		if !strings.Contains(res.Message, want) {
			t.Errorf("message %q does not say %q", res.Message, want)
		}
	}
	if code != 1 || res.FailureCode != checkout.CodeReaderInUse || res.PaymentIntent != "" {
		t.Errorf("exit %d %+v", code, res)
	}
	if pis := e.emu.PaymentIntents(); len(pis) != 1 {
		t.Errorf("%d PaymentIntents at Stripe, want only OPEN-1's", len(pis))
	}
	st := openStore(t, e.db)
	_, found, _ := st.Session("NEXT-1")
	_ = st.Close()
	if found {
		t.Error("the refused order was stored")
	}

	other := e.readers[0] // another till's payment waits on the other reader
	if other == open.Reader {
		other = e.readers[1]
	}
	in := e.otherOnReader(t, "THEIRS", other, 900)
	if _, res = e.payOn(t, "--amount", "6.00", "--reader", other); !strings.Contains(res.Message, "perhaps from another till") ||
		!strings.Contains(res.Message, "till reader cancel-action "+other+" --expect-pi "+in.ID) {
		t.Errorf("another till's payment: %q", res.Message)
	}
	if pis := e.emu.PaymentIntents(); len(pis) != 2 {
		t.Errorf("%d PaymentIntents at Stripe, want OPEN-1's and the other till's", len(pis))
	}
	// With the order canceled the reader is free, and the next sale goes through.
	if code, out, errOut := e.till(t, "payments", "cancel", open.PaymentIntent); code != 0 {
		t.Fatalf("cancel: %d %q %q", code, out, errOut)
	}
	if code, res := e.payOn(t, "--amount", "6.00", "--order", "NEXT-1", "--reader", open.Reader); code != 0 {
		t.Fatalf("after the cancel: exit %d %+v", code, res)
	}
}

// Ids given as arguments went unchecked into Stripe's URLs and search queries and were
// printed raw: `till payments cancel $'pi_\e[2J'` cleared the support person's screen,
// `till refund $'ord\nx'` searched Stripe for it. Each is refused, quoted, before any
// call.
func TestIDArgumentsAreCheckedBeforeAnyCall(t *testing.T) {
	e := newSupportEnv(t, emulator.Options{})
	var calls int
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.URL.Path, "/v1/terminal/readers") || r.Method != http.MethodGet || strings.Count(r.URL.Path, "/") > 3 {
			calls++ // anything but the reader list every command may read
		}
		e.emu.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	e.url = srv.URL
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"payments", "cancel", "pi_\x1b[2J"}, `"pi_\x1b[2J" is not a PaymentIntent id`},
		{[]string{"payments", "capture", "../../v1/charges"}, "is not a PaymentIntent id"},
		{[]string{"payments", "cancel", "ORD-1"}, "till payments --unfinished lists them"},
		{[]string{"reader", "cancel-action", "tmr\n1"}, `"tmr\n1" is not a reader id`},
		{[]string{"reader", "cancel-action", e.readers[0], "--expect-pi", "pi_1/x"}, "is not a PaymentIntent id"},
		{[]string{"refund", "ord\nx"}, `"ord\nx" is not an order, payment (pi_…) or refund id`},
		{[]string{"refund", ".."}, "is not an order"},
		{[]string{"receipt", "x\x1b[31mred"}, "is not an order"},
		{[]string{"receipt", "../../etc/passwd"}, "is not an order"},
	} {
		code, out, errOut := e.till(t, tt.args...)
		if code != 2 || !strings.Contains(errOut, tt.want) || !strings.Contains(errOut, "Nothing was sent to Stripe") || strings.ContainsAny(out+errOut, "\x1b\x00") {
			t.Errorf("%q: exit %d, %q %q", tt.args, code, out, errOut)
		}
	}
	if calls != 0 {
		t.Errorf("%d calls reached Stripe", calls)
	}
	// Ids till and Stripe make pass.
	if code, _, errOut := e.till(t, "payments", "cancel", "pi_Emu0000000099"); code != 1 || !strings.Contains(errOut, "Stripe does not know it") {
		t.Errorf("a well-formed id was not looked up: %d %q", code, errOut)
	}
	for _, ref := range []string{"ord_20261129T191046_eb5caf5a", "rf_20261129T191046_eb5caf5a", "re_Emu0000000036", "ORD-1.2"} {
		if err := checkReference(ref); err != nil {
			t.Errorf("%s: %v", ref, err)
		}
	}
}

// A resumed order ignored --reader without a word, while the decline it resumed said
// "use another reader". A declined order is now sent again, on the same PaymentIntent,
// to the reader named; one still waiting on its reader stays there, and till pay says so.
func TestPayResumedWithAnotherReader(t *testing.T) {
	e := newSupportEnv(t, emulator.Options{})
	_, first := e.payOn(t, "--amount", "8.00", "--order", "MOVE-1", "--reader", e.readers[0], "--card", "4000000000000002")
	if first.DeclineCode == "" {
		t.Fatalf("not declined: %+v", first)
	}
	code, second := e.payOn(t, "--amount", "8.00", "--order", "MOVE-1", "--reader", e.readers[1])
	if code != 0 || second.PaymentIntent != first.PaymentIntent || second.Reader != e.readers[1] || len(e.emu.PaymentIntents()) != 1 {
		t.Fatalf("exit %d %+v (first %s), %d PaymentIntents", code, second, first.PaymentIntent, len(e.emu.PaymentIntents()))
	}
	if _, _, pi, _ := e.emu.ReaderAction(e.readers[1]); pi != first.PaymentIntent {
		t.Fatalf("reader %s took %q", e.readers[1], pi)
	}

	open := e.openPayment(t, "STAY-1")
	other := e.readers[0]
	if other == open.Reader {
		other = e.readers[1]
	}
	code, out, errOut := e.till(t, "pay", "--amount", "5.00", "--order", "STAY-1", "--reader", other, "--card", "none", "--wait", "1s")
	if code != 1 || !strings.Contains(errOut, "order STAY-1 is awaiting on reader "+open.Reader) || !strings.Contains(errOut, "--reader moves only a declined order") {
		t.Fatalf("exit %d %q %q", code, out, errOut)
	}
	if _, status, pi, _ := e.emu.ReaderAction(open.Reader); pi != open.PaymentIntent || status != "in_progress" {
		t.Fatalf("the open payment left its reader: %s %s", pi, status)
	}
}

// Every command's --help listed --capture and --currency ("capture method: manual or
// automatic" under till receipt), which only a sale reads. A command lists the shared
// flags it reads, and still takes the others, which may come before any command.
func TestHelpListsOnlyTheFlagsACommandReads(t *testing.T) {
	e := newSupportEnv(t, emulator.Options{})
	for _, tt := range []struct {
		cmd    []string
		lists  []string
		hidden []string
	}{
		{[]string{"pay"}, []string{"--capture", "--currency", "--reader"}, nil},
		{[]string{"doctor"}, []string{"--capture", "--currency", "--reader"}, nil},
		{[]string{"refund"}, []string{"--reader"}, []string{"--capture", "--currency"}},
		{[]string{"payments"}, []string{"--reader"}, []string{"--capture", "--currency"}},
		{[]string{"payments", "cancel"}, []string{"--reader"}, []string{"--capture", "--currency"}},
		{[]string{"receipt"}, nil, []string{"--capture", "--currency", "--reader"}},
		{[]string{"readers"}, nil, []string{"--capture", "--currency", "--reader"}},
		{[]string{"reader", "cancel-action"}, nil, []string{"--capture", "--currency", "--reader"}},
		{[]string{"shift", "report"}, nil, []string{"--capture", "--currency", "--reader"}},
		{[]string{"outbox"}, nil, []string{"--capture", "--currency", "--reader"}},
	} {
		_, out, errOut := runTill(t, append(tt.cmd, "--help")...)
		help := out + errOut
		for _, f := range tt.lists {
			if !strings.Contains(help, f+" ") {
				t.Errorf("till %s --help does not list %s", strings.Join(tt.cmd, " "), f)
			}
		}
		for _, f := range tt.hidden {
			if strings.Contains(help, f+" ") {
				t.Errorf("till %s --help lists %s, which it does not read", strings.Join(tt.cmd, " "), f)
			}
		}
	}
	if code, _, errOut := e.till(t, "--currency", "eur", "--capture", "automatic", "readers"); code != 0 {
		t.Errorf("shared flags before the command: exit %d %q", code, errOut)
	}
}

// An offline reader was sent the sale all the same: a PaymentIntent made, the reader
// refusing it, and an open order left "for the cashier". The list says the reader is
// offline before anything is made.
func TestPayOnAnOfflineReaderSendsNothing(t *testing.T) {
	e := newSupportEnv(t, emulator.Options{})
	e.emu.SetFault(e.readers[0], emulator.Fault{Offline: true})
	code, res := e.payOn(t, "--amount", "3.00", "--order", "OFF-1", "--reader", e.readers[0])
	if code != 1 || res.FailureCode != "terminal_reader_offline" || res.PaymentIntent != "" ||
		!strings.Contains(res.Message, "is offline") || !strings.Contains(res.Message, "--reader "+e.readers[1]) || !strings.Contains(res.Message, "Nothing was sent to Stripe") {
		t.Fatalf("exit %d %+v", code, res)
	}
	if pis := e.emu.PaymentIntents(); len(pis) != 0 {
		t.Fatalf("%d PaymentIntents at Stripe", len(pis))
	}
	if code, out, _ := e.till(t, "payments", "--unfinished"); code != 0 || !strings.Contains(out, "No unfinished payments") {
		t.Fatalf("an order was left open: %q", out)
	}
	if code, res := e.payOn(t, "--amount", "3.00", "--order", "OFF-1", "--reader", e.readers[1]); code != 0 {
		t.Fatalf("on the other reader: exit %d %+v", code, res)
	}
}
