package cart

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/common"
	"github.com/till-pos/till/ui/internal/fake"
)

// Issue 8: a quantity of 10000 became 1000 (the field cut it at 4 characters). What is
// typed stays as typed, and too much is refused with a message.
func TestQuantityOverTheLimitIsRefusedNotCut(t *testing.T) {
	m := addLine(newCart(), "Paper cups", "0.10", "10000")
	if got := m.form.inputs[fieldQuantity].Value(); got != "10000" {
		t.Errorf("the quantity field holds %q, want what was typed, 10000", got)
	}
	if len(m.cart.Lines) != 0 || !(m.mode == modeForm) || m.form.focus != fieldQuantity {
		t.Fatalf("10000 accepted: %d lines, form open %v, focus %d", len(m.cart.Lines), (m.mode == modeForm), m.form.focus)
	}
	if v := view(m); !strings.Contains(v, "Quantity: At most 9999 on one line; 10000 is more.") {
		t.Errorf("the form does not say why:\n%s", v)
	}
	m = typeText(m, "")
	m, _ = press(m, "backspace", "enter") // 1000 is fine
	if len(m.cart.Lines) != 1 || m.cart.Lines[0].Quantity != 1000 {
		t.Errorf("1000 cups: %+v", m.cart.Lines)
	}
}

// Issue 8: placeholders looked like values (worse without colour), and the example
// 3.50 is not even valid in yen. The fields start empty; the hint fits the currency.
func TestFormShowsNoPlaceholdersAndAnExampleInTheCurrency(t *testing.T) {
	for _, tc := range []struct{ currency, example, not string }{
		{"usd", "Price in USD, for example 3.50.", ""},
		{"jpy", "Price in JPY, for example 350.", "3.50"},
	} {
		m, _ := press(newCartIn(tc.currency, fake.NewStore(&fake.Recorder{})), "a")
		v := view(m)
		for _, placeholder := range []string{"Coffee", "Quantity 1"} {
			if strings.Contains(v, placeholder) {
				t.Errorf("%s: the empty form shows %q as if typed:\n%s", tc.currency, placeholder, v)
			}
		}
		if !strings.Contains(v, tc.example) || (tc.not != "" && strings.Contains(v, tc.not)) {
			t.Errorf("%s: the hint is not %q:\n%s", tc.currency, tc.example, v)
		}
	}
}

// Issue 8: errors came one at a time and the focus stayed where it was. Everything
// wrong is said at once, beside its field, and the focus goes to the first bad field.
func TestFormSaysEverythingWrongAtOnceAndFocusesIt(t *testing.T) {
	m, _ := press(newCart(), "a", "tab")
	m = typeText(m, "3.5.0")
	m, _ = press(m, "tab")
	m = typeText(m, "two")
	m, _ = press(m, "enter")
	v := view(m)
	for _, want := range []string{"Description: Give the line a description.", `Price: "3.5.0" is not a number`, "Quantity: Enter a whole number"} {
		if !strings.Contains(v, want) {
			t.Errorf("the form does not say %q:\n%s", want, v)
		}
	}
	if m.form.focus != fieldDescription {
		t.Errorf("focus on field %d, want the first bad one (the description)", m.form.focus)
	}
}

// Issue 8: lines can be edited (quantity and price) and a removal undone.
func TestEditALine(t *testing.T) {
	m := addLine(newCart(), "Flat white", "4.50", "1")
	m = addLine(m, "Croissant", "3.75", "1")
	m, _ = press(m, "up", "e")
	if !(m.mode == modeForm) || m.form.edit != 0 || m.form.focus != fieldQuantity {
		t.Fatalf("e opened form %v editing %d focus %d", (m.mode == modeForm), m.form.edit, m.form.focus)
	}
	if v := view(m); !strings.Contains(v, "Edit line 1") || !strings.Contains(v, "Flat white") || !strings.Contains(v, "4.50") {
		t.Errorf("the form is not filled in with the line:\n%s", v)
	}
	m, _ = press(m, "backspace")
	m = typeText(m, "3")
	m, _ = press(m, "shift+tab", "backspace", "backspace", "backspace", "backspace")
	m = typeText(m, "4.20")
	m, _ = press(m, "enter")
	want := []checkout.Line{{Description: "Flat white", UnitPrice: 420, Quantity: 3}, {Description: "Croissant", UnitPrice: 375, Quantity: 1}}
	if len(m.cart.Lines) != 2 || m.cart.Lines[0] != want[0] || m.cart.Lines[1] != want[1] || m.cursor != 0 {
		t.Errorf("after the edit: %+v, cursor %d", m.cart.Lines, m.cursor)
	}
}

func TestUndoARemoval(t *testing.T) {
	m := addLine(newCart(), "A", "1.00", "1")
	m = addLine(m, "B", "2.00", "1")
	m = addLine(m, "C", "3.00", "1")
	m, _ = press(m, "up", "d", "d")
	if got := descriptions(m.cart); got != "A" {
		t.Fatalf("after two removals: %s", got)
	}
	m, _ = press(m, "u")
	if got := descriptions(m.cart); got != "A C" {
		t.Errorf("after one undo: %s", got)
	}
	m, _ = press(m, "u")
	if got := descriptions(m.cart); got != "A B C" || m.cursor != 1 {
		t.Errorf("after two undos: %s, cursor %d", got, m.cursor)
	}
	if _, msgs := press(m, "u"); len(msgs) != 0 {
		t.Errorf("u with nothing to undo did %v", msgs)
	}
}

// Issue 8: q on a cart with lines quit at once and the cart was gone. It asks first,
// and the cart is on disk when till quits.
func TestQuitWithACartAsksFirst(t *testing.T) {
	log := &fake.Recorder{}
	st := fake.NewStore(log)
	m := addLine(newCartIn("usd", st), "Tea", "3.00", "1")
	m, msgs := press(m, "q")
	if quits(msgs) || m.Question() == "" {
		t.Fatalf("q quit at once (%v) or asked nothing", msgs)
	}
	m, msgs = press(m, "n")
	if quits(msgs) || m.Question() != "" || len(m.cart.Lines) != 1 {
		t.Fatalf("n: quit %v, question %q", quits(msgs), m.Question())
	}
	m, _ = press(m, "q")
	_, msgs = press(m, "y")
	if !quits(msgs) {
		t.Fatal("y did not quit")
	}
	var kept checkout.Cart
	if err := json.Unmarshal([]byte(st.PrefOf(PrefDraft)), &kept); err != nil || descriptions(kept) != "Tea" {
		t.Errorf("the cart on disk: %q, %v", st.PrefOf(PrefDraft), err)
	}
	if _, msgs = press(newCart(), "q"); !quits(msgs) {
		t.Error("q on an empty cart asks nothing and quits")
	}
}

// The cart under way is kept after every change and comes back at the next start.
func TestDraftComesBack(t *testing.T) {
	st := fake.NewStore(&fake.Recorder{})
	m := addLine(newCartIn("usd", st), "Tea", "3.00", "2")
	m = addLine(m, "Cake", "4.00", "1")
	m, _ = press(m, "d")
	next := newCartIn("usd", st)
	for _, msg := range fake.Run(next.Init()) {
		next, _ = next.Update(msg)
	}
	if got := descriptions(next.cart); got != "Tea" || next.cart.Lines[0].Quantity != 2 {
		t.Errorf("after a restart the cart is %q", got)
	}
	// A cart being charged is the payment's now: the draft goes.
	next, cmd := next.Clear()
	fake.Run(cmd)
	if st.PrefOf(PrefDraft) != "" {
		t.Errorf("the draft outlived the charge: %q", st.PrefOf(PrefDraft))
	}
	// Another currency's draft is not taken; a broken one is said.
	_ = st.SetPref(PrefDraft, `{"currency":"eur","lines":[{"description":"Tea","unit_price":300,"quantity":1}]}`)
	if m := started(newCartIn("usd", st)); !m.cart.Empty() {
		t.Errorf("a euro cart was taken into a dollar till")
	}
	_ = st.SetPref(PrefDraft, `not json`)
	m2 := newCartIn("usd", st)
	if msgs := fake.Run(m2.Init()); len(msgs) != 1 {
		t.Fatalf("read %v", msgs)
	} else if _, cmd := m2.Update(msgs[0]); len(fake.Run(cmd)) != 1 {
		t.Errorf("a broken draft is not said")
	}
	// A draft that cannot be written is said, and the cart stays.
	st.SetPrefFn = func(string, string) error { return errors.New("disk full") }
	m3, msgs := press(addLine(newCartIn("usd", st), "Tea", "3.00", "1"), "a")
	m3 = typeText(m3, "Cake")
	m3, _ = press(m3, "tab")
	m3 = typeText(m3, "4")
	m3, msgs = press(m3, "enter")
	said := ""
	for _, msg := range msgs {
		_, cmd := m3.Update(msg)
		for _, f := range fake.Run(cmd) {
			said += f.(common.FlashMsg).Text
		}
	}
	if !strings.Contains(said, "Could not keep the cart on disk: disk full") || len(m3.cart.Lines) != 2 {
		t.Errorf("a failed draft save said %q; the cart has %d lines", said, len(m3.cart.Lines))
	}
}

func started(m Model) Model {
	for _, msg := range fake.Run(m.Init()) {
		m, _ = m.Update(msg)
	}
	return m
}

func quits(msgs []tea.Msg) bool {
	for _, m := range msgs {
		if _, ok := m.(QuitMsg); ok {
			return true
		}
	}
	return false
}
