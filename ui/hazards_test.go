package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/cart"
	"github.com/till-pos/till/ui/common"
	"github.com/till-pos/till/ui/internal/fake"
)

// Issue 8's hazards, each with the test that failed on the screen before the rebuild.
// (The cart's, the payment page's and the support panes' own are in their packages.)

// words is a view as one line of words, colour stripped.
func words(v string) string { return strings.Join(strings.Fields(ansi.Strip(v)), " ") }

// mustShow is what each screen keeps at every size from 60×16 up: the total or the
// amount due, and every key that ends or cancels the payment.
var mustShow = map[string][]string{
	"cart_lines":             {"$29.74", "enter charge"},
	"cart_charge_failed":     {"$29.74", "enter charge"},
	"cart_removed":           {"$25.99", "enter charge", "u undo remove"},
	"cart_add_line":          {"$29.74", "enter add", "esc back"},
	"cart_edit_line":         {"$29.74", "enter save", "esc back"},
	"cart_quit":              {"$29.74", "y yes", "n no"},
	"awaiting":               {"$29.74", "x cancel payment"},
	"awaiting_test_amount":   {"$2.75", "x cancel payment", "Test amount: ends in 75"},
	"awaiting_stuck":         {"$29.74", "x cancel payment"},
	"awaiting_read_error":    {"$29.74", "x cancel payment"},
	"awaiting_resumed":       {"$29.74", "x cancel payment"},
	"awaiting_presenting":    {"$29.74", "x cancel payment"},
	"awaiting_real_reader":   {"$29.74", "x cancel payment"},
	"awaiting_cancel":        {"$29.74", "y yes", "n no"},
	"approved":               {"$29.74", "enter/c capture", "x cancel payment"},
	"approved_cancel":        {"$29.74", "y yes", "n no"},
	"capturing":              {"$29.74"},
	"capturing_stalled":      {"$29.74", "s check"},
	"paid":                   {"$29.74", "enter/n new sale"},
	"declined":               {"$29.74", "r retry", "x cancel payment"},
	"declined_reader_in_use": {"$29.74", "r retry", "x cancel payment", "o take over"},
	"declined_take_over":     {"$29.74", "y yes", "n no"},
	"unknown":                {"$29.74", "x cancel payment"},
	"creating":               {"$29.74"},
	"canceling":              {"$29.74"},
	"canceled":               {"$29.74", "enter/n new sale", "r same cart again"},
	"resumed_checking":       {"$29.74"},
	// Issue 9's.
	"cart_catalogue":       {"$24.97", "enter charge"},
	"cart_find":            {"$24.97", "enter add item", "esc back"},
	"cart_quick_key":       {"$24.97", "enter add item", "esc back"},
	"cart_scan_unknown":    {"$24.97", "enter add item", "esc back", `"4006381333931"`},
	"cart_discount_error":  {"$24.97", "enter apply", "esc back", `"ten"`},
	"cart_free_line_taxed": {"$24.97", "enter add", "esc back"},
	"awaiting_tipping":     {"$24.97", "x cancel payment"},
	"awaiting_tip":         {"$24.97", "enter present with tip", "esc back"},
	"approved_tip":         {"$27.47", "enter/c capture", "x cancel payment"},
	"paid_tip":             {"$27.47", "enter/n new sale"},
	"receipt":              {"$27.47", "enter/n new sale", "esc back"},
	"receipt_email":        {"$27.47", "enter ask Stripe to email it", "esc back"},
	"receipt_sent":         {"$27.47", "enter/n new sale", "esc back"},
	"receipt_failed":       {"enter/n new sale", "r try again"},
}

// Issue 8: below 80 columns the total and the cancel key vanished (60×20 showed … for
// every amount).
func TestSmallScreensKeepTheTotalAndTheKeys(t *testing.T) {
	book := storybook(t)
	requireShown(t, book, mustShow)
	lines := book["cart_lines"]
	for _, amount := range []string{"$9.00", "$3.75", "$16.99"} {
		if v := words(sized(lines, 60, 16).View()); !strings.Contains(v, amount) {
			t.Errorf("the cart at 60×16 cuts %s: %s", amount, v)
		}
	}
}

// requireShown checks that each named screen of the book keeps what it must show at
// every size from 60×16 up, and fits the terminal.
// shownSizes are the sizes what a screen must show is checked at: the smallest usable,
// the golden sizes, and a large one.
var shownSizes = [][2]int{{60, 16}, {60, 20}, {80, 24}, {120, 40}}

func requireShown(t *testing.T, book map[string]Model, must map[string][]string) {
	t.Helper()
	for _, size := range shownSizes {
		for name, wants := range must {
			m, ok := book[name]
			if !ok {
				t.Fatalf("no %s in the storybook", name)
			}
			v := sized(m, size[0], size[1]).View()
			checkFits(t, ansi.Strip(v), size[0], size[1])
			got := words(v)
			for _, want := range wants {
				if !strings.Contains(got, want) {
					t.Errorf("%s at %dx%d lacks %q:\n%s", name, size[0], size[1], want, ansi.Strip(v))
				}
			}
		}
	}
}

// Issue 8: below the smallest usable size the screen says so.
func TestTooSmallSaysSo(t *testing.T) {
	m := storybook(t)["awaiting"]
	for _, size := range [][2]int{{59, 30}, {100, 15}, {40, 12}} {
		v := sized(m, size[0], size[1]).View()
		if !strings.Contains(words(v), "Enlarge it to at least 60×16") {
			t.Errorf("%dx%d: %s", size[0], size[1], v)
		}
		checkFitsAtMost(t, ansi.Strip(v), size[0], size[1])
	}
}

func checkFitsAtMost(t *testing.T, v string, w, h int) {
	t.Helper()
	lines := strings.Split(v, "\n")
	if len(lines) > h {
		t.Errorf("%d lines on a %d-line screen", len(lines), h)
	}
	for _, l := range lines {
		if ansi.StringWidth(l) > w {
			t.Errorf("%q is wider than %d", l, w)
		}
	}
}

// Issue 8: the Readers footer was cut at 80 columns (c clear display never appeared)
// and no footer showed ctrl+s. On every screen, every key that applies is in the
// footer or in the list ? opens, which names ctrl+s and F2 too.
func TestEveryKeyIsFoundOnEveryScreen(t *testing.T) {
	book := storybook(t)
	for name, m := range supportBook(t) {
		book[name] = m
	}
	for name, m := range refundBook(t) {
		book[name] = m
	}
	display := newHarness(t, Options{}, func() checkout.Reader {
		r := frontCounter
		r.Action = &checkout.ReaderAction{Type: "set_reader_display", Status: checkout.ActionInProgress}
		return r
	}())
	display.openSupport(paneReaders)
	book["support_readers_display"] = display.m
	for _, size := range goldenSizes {
		for name, m := range book {
			m = sized(m, size[0], size[1])
			if m.showHelp || m.confirmQuit {
				continue
			}
			footer := words(strings.Join(m.footer(size[0], m.active()), " "))
			// The list as ? shows it at this size: a key cut off the bottom is not found.
			withHelp := m
			withHelp.showHelp = true
			full := words(withHelp.View())
			for _, col := range m.active().FullHelp() {
				for _, b := range col {
					if !b.Enabled() || b.Help().Key == "" {
						continue
					}
					item := b.Help().Key + " " + b.Help().Desc
					if !strings.Contains(footer, item) && !(strings.Contains(footer, "? all keys") && strings.Contains(full, item)) {
						t.Errorf("%s at %dx%d: %q is neither in the footer %q nor behind ?", name, size[0], size[1], item, footer)
					}
				}
			}
			// While a field takes text, ? types a question mark: the footer must not offer
			// it (every key of the page is then in the footer, checked above).
			if typing := m.active().Typing(); typing == strings.Contains(footer, "? all keys") || !strings.Contains(full, "ctrl+s / F2") {
				t.Errorf("%s at %dx%d (typing %v): ? all keys offered where ? types, or not offered where it works, or the list lacks ctrl+s / F2: %q", name, size[0], size[1], typing, footer)
			}
		}
	}
	// ? opens the list on every screen that is not typing, and ? or esc closes it.
	h := newHarness(t, Options{ReaderID: frontCounter.ID}, frontCounter)
	h.start(nil)
	h.press("?")
	viewHas(t, h.m, "Keys on this screen", "a free line", "ctrl+s / F2")
	h.press("esc")
	h.press("a", "?") // typing a question mark into the description
	if got := h.m.cart.Cart(); h.m.showHelp || !strings.Contains(h.m.View(), "?") || len(got.Lines) != 0 {
		t.Errorf("? in the line form opened the help instead of typing")
	}
}

// Issue 8: the cart under way is kept on disk, so a restart gets it back.
func TestDraftCartSurvivesARestart(t *testing.T) {
	h := newHarness(t, Options{ReaderID: frontCounter.ID}, frontCounter)
	h.start(nil)
	h.addLine("Tea", "3.00", "2")
	next := h.restart(Options{ReaderID: frontCounter.ID})
	viewHas(t, next.m, "Tea", "$6.00", "The cart left open last time is back (1 line).")
	// Charged, it is the payment's: a restart does not bring it back as well.
	next.pressUntil("enter", phaseIs(checkout.Awaiting))
	if draft := h.st.PrefOf(cart.PrefDraft); draft != "" {
		t.Errorf("the draft outlived the charge: %s", draft)
	}
}

// Issue 8: the header said (online) after the body said the reader was offline.
func TestHeaderAgreesTheReaderIsOffline(t *testing.T) {
	m := storybook(t)["declined_reader_offline"]
	v := words(m.View())
	if !strings.Contains(v, "The reader is offline") || !strings.Contains(v, "Front counter (offline)") {
		t.Errorf("the header and the body disagree: %s", v)
	}
}

// Issue 8: a canceled payment offers its cart back for a new attempt.
func TestCanceledPaymentGivesTheCartBack(t *testing.T) {
	h := newHarness(t, Options{ReaderID: frontCounter.ID}, frontCounter)
	chargeToAwaiting(t, h)
	h.press("x")
	h.pressUntil("y", phaseIs(checkout.Canceled))
	h.press("r")
	if h.m.payment.Active() || len(h.m.cart.Cart().Lines) != 1 {
		t.Fatalf("after r: payment on screen %v, cart %+v", h.m.payment.Active(), h.m.cart.Cart())
	}
	viewHas(t, h.m, "Coffee", "$7.00")
	h.pressUntil("enter", phaseIs(checkout.Awaiting))
	if h.session().OrderID == "ord_1" {
		t.Errorf("the new attempt reuses the canceled order %s", h.session().OrderID)
	}
}

// Issue 8: in Support › Readers, 1 and 2 presented a card on the reader (declining a
// live payment) while the tab bar and README said 1–4 switch panes.
func TestSupportNumbersAlwaysSwitchPanes(t *testing.T) {
	h := newHarness(t, Options{ReaderID: frontCounter.ID}, frontCounter)
	chargeToAwaiting(t, h) // a simulated reader taking a live payment
	h.openSupport(paneReaders)
	for _, k := range []string{"2", "1", "4", "1", "3", "1"} {
		h.press(k)
		if want := map[string]string{"1": "Readers", "2": "Payments", "3": "Timeline", "4": "Shift"}[k]; paneOnScreen(h.m) != want {
			t.Errorf("%s went to %s", k, paneOnScreen(h.m))
		}
	}
	if n := countCalls(h, "present"); n != 0 || h.session().Phase != checkout.Awaiting {
		t.Errorf("a number presented %d cards; the payment is %s", n, h.session().Phase)
	}
	// A test card takes a deliberate key and a choice.
	h.press("t")
	viewHas(t, h.m, "Present a test card on Front counter")
	h.pressUntil("enter", func(m Model) bool { return countCalls(h, "present") > 0 })
	if !hasCall(h, "present  4242424242424242") {
		t.Errorf("t, enter did not present the card chosen: %v", h.log.Calls())
	}
}

// Issue 8: payments captured or canceled from support stayed listed until s, and
// nothing was said. The cashier's own payment, settled from support, is one of them.
func TestSupportSettlingTheCashiersPaymentSaysSo(t *testing.T) {
	h := newHarness(t, Options{ReaderID: frontCounter.ID}, frontCounter)
	chargeToAwaiting(t, h)
	h.pressUntil("1", phaseIs(checkout.Approved))
	h.openSupport(panePayments)
	viewHas(t, h.m, "1 unfinished payment", "pi_1")
	h.press("c")
	if h.session().Phase != checkout.Paid {
		t.Fatalf("the cashier's payment is %s", h.session().Phase)
	}
	viewHas(t, h.m, "Captured pi_1 ($7.00, order ord_1).", "No unfinished payments")
}

// Issue 8: after a restart the Readers pane called this till's payments "(other)" and
// aged another till's payment from 0s.
func TestReadersPaneKnowsWhoseAndHowOld(t *testing.T) {
	mine, theirs := frontCounter, backCounter
	mine.Action = &checkout.ReaderAction{Type: "process_payment_intent", Status: checkout.ActionInProgress, PaymentIntentID: "pi_mine"}
	theirs.Action = &checkout.ReaderAction{Type: "process_payment_intent", Status: checkout.ActionInProgress, PaymentIntentID: "pi_theirs"}
	h := newHarness(t, Options{TillID: "till-1"}, mine, theirs)
	h.gw.SetOthers(
		checkout.Intent{ID: "pi_mine", Status: checkout.IntentRequiresPaymentMethod, Amount: usd(700), TillID: "till-1", Created: t0.Add(-30 * time.Second)},
		checkout.Intent{ID: "pi_theirs", Status: checkout.IntentRequiresPaymentMethod, Amount: usd(800), TillID: "till-2", Created: t0.Add(-5 * time.Minute)},
	)
	h.start(nil) // a fresh start: this run has driven nothing
	h.openSupport(paneReaders)
	v := words(h.m.View())
	for _, want := range []string{"payment step in_progress 5m00s · another till · pi_theirs", "payment step in_progress 30s · this till · pi_mine"} {
		if !strings.Contains(v, want) {
			t.Errorf("the Readers pane lacks %q:\n%s", want, ansi.Strip(h.m.View()))
		}
	}
	// Canceling this till's own stuck action asks nothing; another till's asks.
	h.press("down") // Front counter, after Back counter by name
	h.press("x")
	if q := h.m.support.Question(); q != "" {
		t.Errorf("canceling this till's action asked %q", q)
	}
}

// The journal tells too: a payment this till finished before a restart is its own.
func TestReadersPaneKnowsThisTillsJournal(t *testing.T) {
	r := frontCounter
	r.Action = &checkout.ReaderAction{Type: "process_payment_intent", Status: checkout.ActionSucceeded, PaymentIntentID: bookIntent}
	h := newHarness(t, Options{}, r)
	h.st.Put(withIntent(live(checkout.Paid), checkout.IntentSucceeded))
	h.openSupport(paneReaders)
	viewHas(t, h.m, "payment step succeeded · this till · "+bookIntent)
}

// Issue 8: a finished payment's timeline could not be opened.
func TestTimelineOfAFinishedPayment(t *testing.T) {
	h := newHarness(t, Options{ReaderID: frontCounter.ID}, frontCounter)
	chargeToAwaiting(t, h)
	h.pressUntil("1", phaseIs(checkout.Approved))
	h.pressUntil("c", phaseIs(checkout.Paid))
	h.press("n")
	h.openSupport(paneTimeline)
	h.press("o")
	viewHas(t, h.m, "This till's orders", "paid", "ord_1")
	h.press("enter")
	viewHas(t, h.m, "Order ord_1 ·", "journal entries")
}

// Issue 8: the fault panel showed raw names with no explanation, and the reader list
// did not mark the faults that are on.
func TestFaultPanelExplainsAndMarks(t *testing.T) {
	h := newHarnessWith(t, Options{}, map[string][]string{frontCounter.ID: {"disconnect"}}, frontCounter)
	h.openSupport(paneReaders)
	viewHas(t, h.m, "faults: disconnect", "Emulator faults disconnect")
	h.press("f")
	viewHas(t, h.m, "Reader offline: Stripe has not heard from it for 2 minutes")
	h.press("down", "down")
	viewHas(t, h.m, "Timeout after delivery: the reader runs each command")
}

// Issue 8: C closed the shift without asking and without exporting.
func TestClosingTheShiftAsksAndExportsFirst(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "exports")
	h := shiftWithASale(t, dir)
	h.press("C")
	if q := h.m.support.Question(); !strings.Contains(q, "Close the shift? Its report is exported to "+dir) {
		t.Fatalf("C asked %q", q)
	}
	h.press("n")
	if got := h.st.PrefOf(checkout.ShiftStartPref); got != "" {
		t.Fatalf("n closed the shift: %q", got)
	}
	h.press("C", "y")
	if got := h.st.PrefOf(checkout.ShiftStartPref); got == "" {
		t.Fatal("y did not close the shift")
	}
	for _, name := range []string{"till-shift-20260314-150926.csv", "till-shift-20260314-150926.json"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("the closed shift's report: %v", err)
		}
	}
	viewHas(t, h.m, "Shift closed at 15:09", "its report is in "+dir+"/ till-shift-20260314-150926.csv till-shift-20260314-150926.json")
}

// shiftWithASale is the Shift pane on screen, its shift holding one paid sale, its
// reports exported to dir.
func shiftWithASale(t *testing.T, dir string) *harness {
	h := newHarness(t, Options{ExportDir: dir}, frontCounter)
	h.st.Put(withIntent(live(checkout.Paid), checkout.IntentSucceeded))
	h.openSupport(paneShift)
	return h
}

// Issue 8: exports landed in the working directory, under a name that wrapped. They go
// to the configured directory, made when missing, and the screen says the full path.
func TestExportsGoToTheExportDirectory(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "not", "there", "yet")
	h := paymentsHarnessWith(t, Options{ExportDir: dir})
	journal(h)
	h.openSupport(panePayments)
	h.press("down", "down", "enter", "e")
	path := filepath.Join(dir, "till-timeline-20260314-150926.json")
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("the export: %v", err)
	}
	viewHas(t, h.m, "Exported to "+dir+"/: till-timeline-20260314-150926.json.")
	if cwd, _ := os.Getwd(); len(globIn(cwd, "till-timeline-*")) > 0 {
		t.Errorf("an export landed in the working directory %s", cwd)
	}
}

func globIn(dir, pattern string) []string {
	m, _ := filepath.Glob(filepath.Join(dir, pattern))
	return m
}

// Issue 8: words a cashier does not know ("seed 002's rule", "checkout: building").
func TestWordsACashierKnows(t *testing.T) {
	book := storybook(t)
	for name, m := range supportBook(t) {
		book[name] = m
	}
	for name, m := range book {
		for _, size := range goldenSizes {
			v := strings.ToLower(words(sized(m, size[0], size[1]).View()))
			for _, jargon := range []string{"seed", "checkout: building", "building"} {
				if strings.Contains(v, jargon) {
					t.Errorf("%s at %dx%d says %q: %s", name, size[0], size[1], jargon, v)
				}
			}
		}
	}
	h := newHarness(t, Options{}, frontCounter)
	h.openSupport(paneReaders)
	viewHas(t, h.m, "Support · cashier: cart open")
}

// Every screen of the storybooks with a selected row ("> ") at 120×40 keeps one on
// screen at every size from 60×16, with the selection moved to the end of its list
// too: a list gives way around its selection, never hides it.
func TestSelectedRowOnScreenAtEverySize(t *testing.T) {
	books := map[string]map[string]Model{"cashier": storybook(t), "support": supportBook(t), "refunds": refundBook(t)}
	for bookName, book := range books {
		for name, m := range book {
			if !strings.Contains(ansi.Strip(sized(m, 120, 40).View()), "  > ") {
				continue
			}
			last := m
			for range 40 { // the commands down asks for are not run: only the view matters
				next, _ := last.Update(fake.Key("down"))
				last = next.(Model)
			}
			for _, size := range shownSizes {
				for at, m := range map[string]Model{"first": m, "last": last} {
					v := ansi.Strip(sized(m, size[0], size[1]).View())
					if strings.Contains(ansi.Strip(sized(m, 120, 40).View()), "  > ") && !strings.Contains(v, "  > ") {
						t.Errorf("%s %s (%s row) at %dx%d: the selected row is off screen:\n%s", bookName, name, at, size[0], size[1], v)
					}
				}
			}
		}
	}
}

// A tall screen shows every test card: the lists stopped at 12 rows whatever the height,
// so at 120×40 "Insufficient funds" sat behind a scroll with 20 empty lines below.
func TestTestCardsFillATallScreen(t *testing.T) {
	for name, m := range map[string]Model{"payment": storybook(t)["test_cards"], "refund": refundBook(t)["refund_test_cards"]} {
		v := ansi.Strip(sized(m, 120, 40).View())
		checkFits(t, v, 120, 40)
		for _, c := range common.TestCards {
			if !strings.Contains(v, c.Name) {
				t.Errorf("%s at 120x40 lacks the %s card:\n%s", name, c.Name, v)
			}
		}
		if strings.Contains(v, "of 28)") {
			t.Errorf("%s at 120x40 still scrolls:\n%s", name, v)
		}
	}
}

// The list ? opens was cut at the bottom of a short screen without a word (at 60×20
// the cart's lost q quit and every key that works everywhere). It takes two columns
// when one is too tall, and says when keys are still out of sight.
func TestHelpListFitsOrSaysWhatIsCut(t *testing.T) {
	m := storybook(t)["cart_catalogue"]
	m.showHelp = true
	v := words(sized(m, 60, 20).View())
	for _, want := range []string{"q quit", "h history", "ctrl+c quit", "ctrl+s / F2"} {
		if !strings.Contains(v, want) {
			t.Errorf("at 60x20 the list lacks %q: %s", want, v)
		}
	}
	small := sized(m, 60, 16).View()
	checkFits(t, ansi.Strip(small), 60, 16)
	if v := words(small); !strings.Contains(v, "q quit") || !strings.Contains(v, "↑/↓ scroll: lines 1–") {
		t.Errorf("at 60x16 the list is cut without a word: %s", v)
	}
}

// The list of keys longer than a small screen scrolls with ↑/↓ to its end, where the
// keys that work everywhere are, and no further.
func TestHelpScrollsToEveryKeyOnASmallScreen(t *testing.T) {
	book := storybook(t)
	for name, m := range supportBook(t) {
		book[name] = m
	}
	scrolled := 0
	for name, m := range book {
		m = sized(m, minWidth, minHeight)
		if m.confirmQuit || m.active().Typing() {
			continue
		}
		m.showHelp, m.helpTop = true, 0
		last := "this list (again, or esc: close)"
		if !strings.Contains(m.View(), last) {
			scrolled++
		}
		for i := 0; i < 60 && !strings.Contains(m.View(), last); i++ {
			next, _ := m.Update(fake.Key("down"))
			m = next.(Model)
		}
		if !strings.Contains(m.View(), last) || !strings.Contains(m.View(), "ctrl+s / F2") {
			t.Errorf("%s: ↓ never reaches the end of the list of keys:\n%s", name, m.View())
		}
		top := m.helpTop
		next, _ := m.Update(fake.Key("down"))
		if m = next.(Model); m.helpTop != top {
			t.Errorf("%s: ↓ scrolled past the end of the list (top %d → %d)", name, top, m.helpTop)
		}
	}
	if scrolled == 0 {
		t.Error("no page's list of keys is longer than the smallest screen: the test checks nothing")
	}
}
