package receipt

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/common"
	"github.com/till-pos/till/ui/internal/fake"
)

func init() { lipgloss.SetColorProfile(termenv.Ascii) }

// page is the receipt page of a paid order ($29.74 and a $2.50 tip) on the fake
// Stripe and store, with a printer that keeps what it was sent.
type page struct {
	t       *testing.T
	log     *fake.Recorder
	gw      *fake.Gateway
	st      *fake.Store
	m       Model
	printed []string
	failed  error // what the printer answers, when set
}

func newPage(t *testing.T, opts Options) *page {
	p := &page{t: t, log: &fake.Recorder{}}
	p.gw, p.st = fake.NewGateway(p.log, fake.FrontCounter), fake.NewStore(p.log)
	s := fake.Paid(250)
	p.st.Put(s)
	p.gw.Mirror(s)
	if opts.Width == 0 {
		opts.Width = 42
	}
	opts.Shop = checkout.Shop{Name: "Corner Café", Address: []string{"12 Market Street"}}
	printer := func(_ context.Context, pi, text string) (string, error) {
		if p.failed != nil {
			return "", p.failed
		}
		p.printed = append(p.printed, pi+"\n"+text)
		return "written to /receipts/receipt-" + pi + ".txt", nil
	}
	p.m = New(common.DefaultStyles(), common.DefaultKeys(),
		Deps{Gateway: p.gw, Sessions: p.st, Journal: p.st, Print: printer, Timeout: time.Second, Now: func() time.Time { return fake.T0 }}, opts)
	return p
}

// run feeds a Cmd's messages back until none are left, and returns the flashes said.
func (p *page) run(cmd tea.Cmd) []string {
	var said []string
	for q := fake.Run(cmd); len(q) > 0; q = q[1:] {
		switch msg := q[0].(type) {
		case common.FlashMsg:
			said = append(said, msg.Text)
		case CloseMsg:
			said = append(said, "close")
		default:
			var next tea.Cmd
			p.m, next = p.m.Update(msg)
			q = append(q, fake.Run(next)...)
		}
	}
	return said
}

func (p *page) open(f For) {
	var cmd tea.Cmd
	p.m, cmd = p.m.Open(f)
	p.run(cmd)
}

func (p *page) press(keys ...string) []string {
	var said []string
	for _, k := range keys {
		var cmd tea.Cmd
		p.m, cmd = p.m.Update(fake.Key(k))
		said = append(said, p.run(cmd)...)
	}
	return said
}

func (p *page) typeText(s string) {
	for _, r := range s {
		p.press(string(r))
	}
}

func (p *page) words() string {
	return strings.Join(strings.Fields(p.m.View(common.Screen{Width: 80})), " ")
}

func TestReceiptOfTheSaleJustPaid(t *testing.T) {
	p := newPage(t, Options{})
	p.open(For{ID: fake.Order, Sale: true})
	v := p.words()
	for _, want := range []string{"Receipt · $32.24 with a $2.50 tip", "Corner Café", "Flat white $9.00", "TOTAL $29.74",
		"Tip $2.50", "TOTAL WITH TIP $32.24", "Visa **** 4242", "AID A0000000031010", "Auth code 123456", "APPROVED $32.24"} {
		if !strings.Contains(v, want) {
			t.Errorf("the receipt lacks %q:\n%s", want, v)
		}
	}
	if got := strings.Join(p.log.Calls(), ","); got != "read_payment  "+fake.Intent {
		t.Errorf("calls %s, want one read of the payment", got)
	}
	if said := p.press("n"); len(said) != 1 || said[0] != "close" {
		t.Errorf("n said %v", said)
	}
}

// From an earlier payment (a history page): the same page for any PaymentIntent, and
// no next sale to start.
func TestReceiptOfAnyPayment(t *testing.T) {
	p := newPage(t, Options{})
	p.open(For{ID: fake.Intent})
	if v := p.words(); !strings.Contains(v, "Order "+fake.Order) || !strings.Contains(v, "Almond croissant") {
		t.Errorf("by PaymentIntent, the order's lines:\n%s", v)
	}
	if said := p.press("n"); len(said) != 0 {
		t.Errorf("n on an earlier payment's receipt did %v", said)
	}
	if said := p.press("esc"); len(said) != 1 || said[0] != "close" {
		t.Errorf("esc said %v", said)
	}
}

func TestReceiptPrints(t *testing.T) {
	p := newPage(t, Options{Width: 48})
	p.open(For{ID: fake.Order})
	p.press("p")
	if len(p.printed) != 1 || !strings.HasPrefix(p.printed[0], fake.Intent+"\n") || !strings.Contains(p.printed[0], "TOTAL WITH TIP") {
		t.Fatalf("printed %q", p.printed)
	}
	for _, l := range strings.Split(strings.TrimSuffix(p.printed[0], "\n"), "\n")[1:] {
		if n := len([]rune(l)); n > 48 {
			t.Errorf("%q is %d wide, more than the printer's 48", l, n)
		}
	}
	if v := p.words(); !strings.Contains(v, "Receipt written to /receipts/receipt-"+fake.Intent+".txt.") {
		t.Errorf("where it went is not said:\n%s", v)
	}
	p.failed = errors.New("lp: printer counter is not ready")
	if said := p.press("p"); len(said) != 1 || said[0] != "The receipt was not printed: lp: printer counter is not ready" {
		t.Errorf("a printer failure said %v", said)
	}
}

func TestReceiptEmail(t *testing.T) {
	for _, tc := range []struct {
		live bool
		says string
	}{
		{false, "The receipt address ana@example.com is on the payment; in test mode Stripe sends no email."},
		{true, "Stripe emails the receipt to ana@example.com."},
	} {
		p := newPage(t, Options{Live: tc.live})
		p.open(For{ID: fake.Order})
		p.press("e")
		p.typeText("ana@example")
		p.press("enter")
		if v := p.words(); !strings.Contains(v, `Email: "ana@example" is not an email address like name@example.com. Nothing was sent to Stripe.`) ||
			p.m.input.Value() != "ana@example" {
			t.Fatalf("a bad address is not said, or not kept:\n%s", v)
		}
		p.typeText(".com")
		p.press("enter")
		key := checkout.ReceiptEmailKey(fake.Intent, "ana@example.com")
		calls := p.log.Calls()
		if last := calls[len(calls)-1]; last != "receipt_email "+key+" "+fake.Intent+" ana@example.com" {
			t.Errorf("last call %q", last)
		}
		entries, _ := p.st.Entries(fake.Order)
		if n := len(entries); n != 2 || entries[0].Stage != checkout.StageBefore || entries[0].IdempotencyKey != key || entries[1].Outcome != "ok" {
			t.Errorf("journal %+v, want the step before and its outcome after", entries)
		}
		if v := p.words(); !strings.Contains(v, tc.says) {
			t.Errorf("live %v: the page does not say %q:\n%s", tc.live, tc.says, v)
		}
	}
}

// Stripe refusing the email is said, and the address stays in its field to try again.
func TestReceiptEmailRefused(t *testing.T) {
	p := newPage(t, Options{})
	p.open(For{ID: fake.Order})
	p.gw.EmailFn = func(string, string, string) (checkout.Intent, error) { return checkout.Intent{}, fake.ErrNetwork }
	p.press("e")
	p.typeText("ana@example.com")
	said := p.press("enter")
	if len(said) != 1 || !strings.HasPrefix(said[0], "The email receipt was not asked for: ") || !p.m.Typing() || p.m.input.Value() != "ana@example.com" {
		t.Errorf("said %v, field open %v with %q", said, p.m.Typing(), p.m.input.Value())
	}
}

func TestReceiptThatCannotBeReadIsSaidAndRetried(t *testing.T) {
	p := newPage(t, Options{})
	p.gw.ReadPaymentFn = func(string) (checkout.Payment, error) { return checkout.Payment{}, fake.ErrNetwork }
	p.open(For{ID: fake.Order})
	if v := p.words(); !strings.Contains(v, "No receipt for "+fake.Order) || !strings.Contains(v, "Press r to read it from Stripe again.") {
		t.Errorf("the failure is not said:\n%s", v)
	}
	p.gw.ReadPaymentFn = nil
	p.press("r")
	if v := p.words(); !strings.Contains(v, "TOTAL WITH TIP") {
		t.Errorf("r did not read it again:\n%s", v)
	}
}

// Scrolling moves a line, or a page, and stops with the receipt's last line at the
// bottom.
func TestReceiptScrolls(t *testing.T) {
	p := newPage(t, Options{})
	p.open(For{ID: fake.Order})
	p.m = p.m.Fit(common.Screen{Width: 80, Height: 12})
	n := len(p.m.lines)
	view := func() string { return p.m.View(common.Screen{Width: 80, Height: 12}) }
	if !strings.Contains(view(), "(lines 1–") {
		t.Fatalf("the first lines:\n%s", view())
	}
	p.press("pgdown", "pgdown", "pgdown", "pgdown", "down", "down")
	last := strings.TrimSpace(p.m.lines[n-1])
	if v := view(); !strings.Contains(v, last) || !strings.Contains(v, "of "+strconv.Itoa(n)+")") || strings.Count(v, "\n") > 11 {
		t.Errorf("at the end, the last line %q is not at the bottom:\n%s", last, v)
	}
	p.press("up")
	if v := view(); strings.Contains(v, last) {
		t.Errorf("one line up from the end still shows the last line:\n%s", v)
	}
}

// An answer for a page since closed is dropped.
func TestReceiptDropsAnswersForAClosedPage(t *testing.T) {
	p := newPage(t, Options{})
	var cmd tea.Cmd
	p.m, cmd = p.m.Open(For{ID: fake.Order})
	p.m = p.m.Close()
	p.run(cmd)
	if len(p.m.lines) != 0 || p.m.IsOpen() {
		t.Errorf("a closed page took its answer: %d lines", len(p.m.lines))
	}
}

// A refund's receipt: the same page, for a refund this till made; it prints under the
// refund's name, and offers no email (Stripe emails refund receipts itself).
func TestReceiptOfARefund(t *testing.T) {
	p := newPage(t, Options{})
	five := checkout.Money{Amount: 500, Currency: "usd"}
	sr, err := p.gw.CreateRefund(context.Background(), checkout.CreateRefund{PaymentIntentID: fake.Intent, Amount: five, RefundID: "rf_1", OrderID: fake.Order})
	if err != nil {
		t.Fatal(err)
	}
	p.st.PutRefund(checkout.Refund{ID: "rf_1", OrderID: fake.Order, PaymentIntentID: fake.Intent, Amount: five,
		Phase: checkout.RefundSucceeded, Status: checkout.RefundStatusSucceeded, StripeID: sr.ID, Card: checkout.Card{Brand: "visa", Last4: "4242"}, StartedAt: fake.T0})
	p.open(For{ID: "rf_1"})
	v := p.words()
	for _, want := range []string{"Refund receipt · $5.00 back to Visa •••• 4242", "REFUND rf_1", "Refund of the payment -$5.00", "REFUNDED $5.00", "re_1"} {
		if !strings.Contains(v, want) {
			t.Errorf("the refund's receipt lacks %q:\n%s", want, v)
		}
	}
	if p.m.keys().Email.Enabled() {
		t.Error("the keys offer an email")
	}
	p.press("e")
	if p.m.Typing() {
		t.Error("e opened the email field on a refund's receipt")
	}
	p.press("p")
	if len(p.printed) != 1 || !strings.HasPrefix(p.printed[0], "refund-rf_1\n") {
		t.Errorf("printed %q", p.printed)
	}
}
