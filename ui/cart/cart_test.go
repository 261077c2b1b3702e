package cart

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/common"
	"github.com/till-pos/till/ui/internal/fake"
)

func init() { lipgloss.SetColorProfile(termenv.Ascii) }

func newCart() Model { return newCartIn("usd", fake.NewStore(&fake.Recorder{})) }

func newCartIn(currency string, prefs Prefs) Model {
	cat, err := checkout.NewCatalogue(currency, checkout.Pricing{}, nil, nil, nil)
	if err != nil {
		panic(err)
	}
	return newCartWith(cat, prefs)
}

func newCartWith(cat checkout.Catalogue, prefs Prefs) Model {
	return New(common.DefaultStyles(), common.DefaultKeys(), cat, prefs)
}

// press sends keys and returns the cart and what its Cmds produced.
func press(m Model, keys ...string) (Model, []tea.Msg) {
	var out []tea.Msg
	for _, k := range keys {
		var cmd tea.Cmd
		m, cmd = m.Update(fake.Key(k))
		out = append(out, fake.Run(cmd)...)
	}
	return m, out
}

// typeText types text rune by rune.
func typeText(m Model, s string) Model {
	for _, r := range s {
		m, _ = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
	return m
}

// addLine fills in and submits the add-line form.
func addLine(m Model, desc, price, qty string) Model {
	m, _ = press(m, "a")
	m = typeText(m, desc)
	m, _ = press(m, "tab")
	m = typeText(m, price)
	m, _ = press(m, "tab")
	m = typeText(m, qty)
	m, _ = press(m, "enter")
	return m
}

func view(m Model) string { return strings.Join(strings.Fields(m.View(common.Screen{Width: 80})), " ") }

func TestAddLineForm(t *testing.T) {
	parseErr := func(text string) string {
		_, err := checkout.ParseAmount(text, "usd")
		return common.Strip(err, checkout.ErrBadAmount)
	}
	addErr := func(l checkout.Line) string {
		_, err := checkout.Cart{Currency: "usd"}.Add(l)
		return common.Strip(err, checkout.ErrBadLine)
	}
	cases := []struct {
		name, desc, price, qty string
		wantErr                string // "" means the line is added
	}{
		{"good line", "Coffee", "3.50", "2", ""},
		{"whole amount", "Bagel", "4", "1", ""},
		{"letters", "Coffee", "abc", "1", parseErr("abc")},
		{"negative", "Coffee", "-1", "1", parseErr("-1")},
		{"zero", "Coffee", "0", "1", parseErr("0")},
		{"three decimals", "Coffee", "12.345", "1", parseErr("12.345")},
		{"too large", "Coffee", "99999999999", "1", parseErr("99999999999")},
		{"empty price", "Coffee", "", "1", parseErr("")},
		{"quantity not a number", "Coffee", "3.50", "two", "Enter a whole number"},
		{"quantity zero", "Coffee", "3.50", "0", "At least 1"},
		{"no description", "", "3.50", "1", "Give the line a description"},
		{"total too large", "Gold", "999999.99", "2", addErr(checkout.Line{Description: "Gold", UnitPrice: 99999999, Quantity: 2})},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := addLine(newCart(), c.desc, c.price, c.qty)
			lines := m.cart.Lines
			if c.wantErr == "" {
				if len(lines) != 1 || (m.mode == modeForm) {
					t.Fatalf("line not added: %d lines, form error %q", len(lines), m.form.err)
				}
				price, _ := checkout.ParseAmount(c.price, "usd")
				if lines[0].UnitPrice != price.Amount || lines[0].Description != c.desc {
					t.Errorf("added %+v", lines[0])
				}
				return
			}
			if len(lines) != 0 || !(m.mode == modeForm) {
				t.Fatalf("bad line accepted: %d lines, form open %v", len(lines), (m.mode == modeForm))
			}
			said := formErrors(m)
			if !strings.Contains(strings.ToLower(said), strings.ToLower(strings.TrimSuffix(c.wantErr, "."))) {
				t.Errorf("form says %q, want it to say %q", said, c.wantErr)
			}
			f := m.form.inputs
			if f[fieldDescription].Value() != c.desc || f[fieldPrice].Value() != c.price || f[fieldQuantity].Value() != c.qty {
				t.Errorf("the form lost what was typed: %q %q %q", f[0].Value(), f[1].Value(), f[2].Value())
			}
			if v := view(m); !strings.Contains(v, strings.Join(strings.Fields(said), " ")) {
				t.Errorf("the view does not say %q:\n%s", said, v)
			}
		})
	}
}

// formErrors is everything the form says is wrong, as it reads on screen.
func formErrors(m Model) string {
	var out []string
	for i, e := range m.form.errs {
		if e != "" {
			out = append(out, fieldNames[i]+": "+e)
		}
	}
	if m.form.err != "" {
		out = append(out, m.form.err)
	}
	return strings.Join(out, " ")
}

func TestFormKeys(t *testing.T) {
	m, _ := press(newCart(), "a")
	if m.form.focus != fieldDescription || m.form.inputs[fieldQuantity].Value() != "" {
		t.Fatalf("form opens on field %d with quantity %q", m.form.focus, m.form.inputs[fieldQuantity].Value())
	}
	m, _ = press(m, "shift+tab")
	if m.form.focus != fieldQuantity {
		t.Errorf("shift+tab from the first field went to %d, want the last", m.form.focus)
	}
	m, _ = press(m, "tab")
	if m.form.focus != fieldDescription {
		t.Errorf("tab from the last field went to %d, want the first", m.form.focus)
	}
	m, msgs := press(m, "q") // typing, not quitting
	if len(msgs) != 0 {
		t.Errorf("q in the form did %v", msgs)
	}
	m, _ = press(m, "esc")
	if (m.mode == modeForm) || len(m.cart.Lines) != 0 {
		t.Errorf("esc left the form open %v and %d lines", (m.mode == modeForm), len(m.cart.Lines))
	}
}

func TestCartKeys(t *testing.T) {
	m, msgs := press(newCart(), "enter")
	if len(msgs) != 1 || msgs[0] != (common.FlashMsg{Level: common.LevelWarn, Text: "The cart is empty. Press a to add a line."}) {
		t.Fatalf("enter on an empty cart: %v", msgs)
	}
	m = addLine(m, "A", "1.00", "1")
	m = addLine(m, "B", "2.00", "1")
	m = addLine(m, "C", "3.00", "1")
	if m.cursor != 2 {
		t.Errorf("cursor %d after adding, want the new line", m.cursor)
	}
	m, _ = press(m, "up", "up", "up")
	if m.cursor != 0 {
		t.Errorf("cursor %d after going up past the top", m.cursor)
	}
	m, _ = press(m, "down", "d")
	if got := descriptions(m.cart); got != "A C" {
		t.Errorf("after removing the second line: %s", got)
	}
	m, _ = press(m, "down", "d", "d")
	if got := descriptions(m.cart); got != "" || m.cursor != 0 {
		t.Errorf("after removing the rest: %q, cursor %d", got, m.cursor)
	}
	m = addLine(m, "D", "4.00", "2")
	if _, msgs = press(m, "enter"); len(msgs) != 1 || msgs[0].(ChargeMsg).Cart.Total().Amount != 800 {
		t.Errorf("enter asked for %v, want the cart charged", msgs)
	}
	if _, msgs = press(m, "p"); len(msgs) != 1 || msgs[0] != (PickReaderMsg{}) {
		t.Errorf("p asked for %v, want the picker", msgs)
	}
}

func descriptions(c checkout.Cart) string {
	var out []string
	for _, l := range c.Lines {
		out = append(out, l.Description)
	}
	return strings.Join(out, " ")
}

// The quantity field starts empty (the hint says so): typing 2 means 2, and leaving it
// empty means 1.
func TestQuantityDefaultsToOne(t *testing.T) {
	m := addLine(newCart(), "Tea", "3.00", "2")
	m = addLine(m, "Cake", "4.00", "")
	lines := m.cart.Lines
	if len(lines) != 2 || lines[0].Quantity != 2 || lines[1].Quantity != 1 {
		t.Fatalf("lines %+v, want quantities 2 and 1", lines)
	}
}
