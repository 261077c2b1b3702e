package ui

import (
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/cart"
	"github.com/till-pos/till/ui/cash"
	"github.com/till-pos/till/ui/common"
	"github.com/till-pos/till/ui/drive"
	"github.com/till-pos/till/ui/golive"
	"github.com/till-pos/till/ui/history"
	"github.com/till-pos/till/ui/outbox"
	"github.com/till-pos/till/ui/payment"
	"github.com/till-pos/till/ui/picker"
	"github.com/till-pos/till/ui/receipt"
	"github.com/till-pos/till/ui/refund"
	"github.com/till-pos/till/ui/support"
)

// spinMsg advances the spinner.
type spinMsg struct{}

// bannerMsg is the end of the "Stripe answers again" line: the screen is drawn anew.
type bannerMsg struct{}

// Update implements tea.Model. Keys go to the page on screen; the components' requests
// to the root are handled here; every other message goes to every component, which
// takes its own and ignores the rest.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	m, before := m.sync()
	next, cmd := m.update(msg)
	next, after := next.sync()
	next, anim := next.fit().animate()
	return next, tea.Batch(before, cmd, after, anim)
}

func (m Model) update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.help.Width = msg.Width
		return m, nil
	case tea.KeyMsg:
		return m.key(msg)
	case common.FlashMsg:
		m.flash = common.Flash(msg)
		return m, nil
	case spinMsg:
		return m.spun()
	case bannerMsg:
		return m, nil
	case noticeMsg:
		return m.noticed(msg)
	case hooksMsg:
		return m.readHooks(), m.hooksTick()
	case golive.ConfirmedMsg:
		return m, tea.Batch(m.payment.Init(), m.outbox.Init(), m.refund.Init()) // payments and refunds left open are resumed now, held calls sent

	case cart.ChargeMsg:
		return m.charge(msg.Cart)
	case cart.PickReaderMsg:
		return m.openPicker(picker.Choose, "")
	case cart.CashMsg:
		m.cash = m.cash.Open(msg.Cart)
		return m, nil
	case cash.ReceiptMsg:
		return m.openReceipt(receipt.For{ID: msg.OrderID, Sale: true})
	case cash.DoneMsg:
		var cmd tea.Cmd
		m.cart, cmd = m.cart.Clear()
		return m, cmd
	case payment.SetAsideMsg:
		var cmd tea.Cmd
		m.outbox, cmd = m.outbox.Take(msg.Session)
		return m, cmd
	case outbox.NeedsCashierMsg:
		m.payment = m.payment.Enqueue(msg.Session)
		return m, nil
	case cart.QuitMsg:
		return m, m.quit()
	case payment.ReceiptMsg:
		return m.openReceipt(receipt.For{ID: msg.Session.OrderID, Sale: true})
	case receipt.CloseMsg:
		m.receipt = m.receipt.Close()
		if msg.NewSale {
			return m.withPayment(m.payment.NewSale())
		}
		return m, nil
	case picker.ChosenMsg:
		return m.chosen(msg)
	case payment.RetryElsewhereMsg:
		return m.openPicker(picker.ForRetry, msg.ReaderID)
	case payment.BackToCartMsg:
		var cmd tea.Cmd
		m.cart, cmd = m.cart.Put(msg.Cart, msg.Failure)
		return m, cmd
	case support.CloseMsg:
		m.support = m.support.Close()
		return m, nil
	case support.SettleCashierMsg:
		return m.withPayment(m.payment.Act(msg.Event))
	case support.ForgetMsg:
		m.payment, m.outbox = m.payment.Forget(msg.OrderID), m.outbox.Forget(msg.OrderID)
		return m, nil
	case cart.HistoryMsg, support.HistoryMsg, history.CloseMsg, history.TimelineMsg, history.RefundMsg, history.ReceiptMsg,
		refund.CloseMsg, refund.PickReaderMsg, refund.ReceiptMsg:
		return m.refunds(msg) // refunds.go
	}
	m = m.note(msg)
	return m.broadcast(msg)
}

// broadcast hands a message to every component: each takes its own (a lane's result,
// a list's answer) and ignores the rest, whether it is on screen or not.
func (m Model) broadcast(msg tea.Msg) (Model, tea.Cmd) {
	var cmds [10]tea.Cmd
	m.cart, cmds[0] = m.cart.Update(msg)
	m.picker, cmds[1] = m.picker.Update(msg)
	m.payment, cmds[2] = m.payment.Update(msg)
	m.receipt, cmds[3] = m.receipt.Update(msg)
	m.support, cmds[4] = m.support.Update(msg)
	m.display, cmds[5] = m.display.Update(msg)
	m.cash, cmds[6] = m.cash.Update(msg)
	m.outbox, cmds[7] = m.outbox.Update(msg)
	m.history, cmds[8] = m.history.Update(msg)
	m.refund, cmds[9] = m.refund.Update(msg)
	return m, tea.Batch(cmds[:]...)
}

// note keeps the reader list current with every reader Stripe returns, so the header
// shows its latest status.
func (m Model) note(msg tea.Msg) Model {
	var r *checkout.Reader
	switch msg := msg.(type) {
	case drive.ResultMsg:
		r = drive.ReaderOf(msg.Event())
	case payment.PresentedMsg:
		r = &msg.Reader
	case refund.PresentedMsg:
		r = &msg.Reader
	}
	if r != nil {
		m.picker = m.picker.Note(*r)
	}
	return m
}

// sync hands each component what it reads of the others: values, one way.
func (m Model) sync() (Model, tea.Cmd) {
	var cmd, shown tea.Cmd
	m.payment = m.payment.WithReaders(m.picker.Readers())
	m.outbox = m.outbox.Driving(m.payment.Session().OrderID)
	m.refund = m.refund.WithReaders(m.picker.Readers(), m.picker.Chosen())
	ck := m.checkout()
	m.history = m.history.With(ck)
	m.support, cmd = m.support.With(ck)
	// Support knows every lane of this till: whose work a busy reader has is its word.
	m.payment = m.payment.WithInUse(m.support.Whose(common.InUseBy(m.payment.Session().Failure)))
	m.refund = m.refund.WithInUse(m.support.Whose(common.InUseBy(m.refund.Refund().Failure)))
	m.support = m.support.WithWebhooks(m.hooks)
	reader := m.picker.Chosen()
	if m.golive.Asking() {
		reader = "" // nothing reaches a live reader before the cashier says live
	}
	m.display, shown = m.display.With(m.onDisplay(), reader)
	if m.receipt.IsOpen() {
		m.receipt = m.receipt.Fit(m.body())
	}
	return m, tea.Batch(cmd, shown)
}

// onDisplay is what the reader's screen follows: the payment once the cart is charged,
// else the cart being built.
func (m Model) onDisplay() checkout.Session {
	if m.payment.Active() {
		return m.payment.Session()
	}
	return checkout.Session{Cart: m.cart.Cart()}
}

// quit ends the program; the cart being built comes off the reader's screen first.
func (m Model) quit() tea.Cmd { return tea.Sequence(m.display.Quit(), tea.Quit) }

// openReceipt shows the receipt page.
func (m Model) openReceipt(f receipt.For) (Model, tea.Cmd) {
	var cmd tea.Cmd
	m.receipt, cmd = m.receipt.Open(f)
	return m, cmd
}

// key hands a key press to whatever has the keys now: the quit question, the support
// screen, the picker, or the cashier's page.
func (m Model) key(msg tea.KeyMsg) (Model, tea.Cmd) {
	m.flash = common.Flash{}
	k := m.rootKeys()
	if m.confirmQuit {
		switch {
		case key.Matches(msg, k.Yes), key.Matches(msg, k.ForceQuit):
			return m, tea.Quit
		case key.Matches(msg, k.No):
			m.confirmQuit = false
		}
		return m, nil
	}
	if key.Matches(msg, k.ForceQuit) {
		if m.payment.Live() || m.refund.Live() {
			m.confirmQuit = true
			return m, nil
		}
		return m, m.quit()
	}
	if m.golive.Asking() {
		var cmd tea.Cmd
		m.golive, cmd = m.golive.Update(msg)
		return m, cmd
	}
	if m.showHelp {
		switch {
		case key.Matches(msg, k.Help, k.Back):
			m.showHelp = false
		case key.Matches(msg, k.Up):
			m = m.scrollHelp(-1)
		case key.Matches(msg, k.Down):
			m = m.scrollHelp(1)
		}
		return m, nil
	}
	if key.Matches(msg, k.Help) && !m.active().Typing() {
		m.showHelp, m.helpTop = true, 0
		return m, nil
	}
	if key.Matches(msg, k.Support) {
		if m.support.IsOpen() {
			m.support = m.support.Close()
			return m, nil
		}
		var cmd tea.Cmd
		m.support, cmd = m.support.Open()
		return m, cmd
	}
	// The page on screen has the keys; active decides which it is, for the body and
	// the help as well.
	var cmd tea.Cmd
	switch m.active().(type) {
	case support.Model:
		m.support, cmd = m.support.Update(msg)
	case picker.Model:
		m.picker, cmd = m.picker.Update(msg)
	case receipt.Model:
		m.receipt, cmd = m.receipt.Update(msg)
	case refund.Model:
		m.refund, cmd = m.refund.Update(msg)
	case history.Model:
		m.history, cmd = m.history.Update(msg)
	case cash.Model:
		m.cash, cmd = m.cash.Update(msg)
	case payment.Model:
		m.payment, cmd = m.payment.Update(msg)
	case cart.Model:
		m.cart, cmd = m.cart.Update(msg)
	}
	return m, cmd
}

// rootKeys are the keys the root itself answers.
func (m Model) rootKeys() common.Keys {
	k := m.keys
	common.On(&k.ForceQuit, &k.Support, &k.Help)
	if m.confirmQuit {
		common.On(&k.Yes, &k.No)
	}
	if m.showHelp {
		common.On(&k.Back, &k.Up, &k.Down)
	}
	return k
}

// withPayment takes the payment page back after a call on it.
func (m Model) withPayment(p payment.Model, cmd tea.Cmd) (Model, tea.Cmd) {
	m.payment = p
	return m, cmd
}

// charge starts the payment of the cart on the chosen reader, or asks for a reader. While
// Stripe does not answer no card can be taken: the cart stays, and cash is offered.
func (m Model) charge(c checkout.Cart) (Model, tea.Cmd) {
	if m.reachNow().Down() {
		// The banner says since when; this says what to do.
		return m, common.Say(common.LevelError, "No card payments while Stripe is unreachable: the reader needs it for every card. Nothing was charged. Press $ to take the cart in cash.")
	}
	readerID := m.picker.Chosen()
	if readerID == "" {
		m, cmd := m.openPicker(picker.ForCharge, "")
		return m, tea.Batch(cmd, common.Say(common.LevelWarn, "Choose a reader for this payment."))
	}
	var cmd, cleared tea.Cmd
	m.payment, cmd = m.payment.Charge(c, readerID)
	if m.payment.Active() {
		m.cart, cleared = m.cart.Clear()
	}
	return m, tea.Batch(cmd, cleared)
}

// openPicker shows the reader list; current is the reader its cursor starts on.
func (m Model) openPicker(p picker.Purpose, current string) (Model, tea.Cmd) {
	var cmd tea.Cmd
	m.picker, cmd = m.picker.Open(p, current)
	return m, cmd
}

// chosen carries on with what the reader was chosen for.
func (m Model) chosen(msg picker.ChosenMsg) (Model, tea.Cmd) {
	switch msg.Purpose {
	case picker.ForCharge:
		// The picker opened because a charge had no reader: carry on with it.
		return m.charge(m.cart.Cart())
	case picker.ForRetry:
		m, cmd := m.withPayment(m.payment.Act(checkout.RetryRequested{ReaderID: msg.ReaderID, At: m.opts.Now()}))
		if later := m.picker.Chosen(); later != "" && later != msg.ReaderID {
			cmd = tea.Batch(cmd, common.Say(common.LevelWarn, "This payment moves to "+common.ReaderName(m.picker.Readers(), msg.ReaderID)+
				"; later sales stay on "+common.ReaderName(m.picker.Readers(), later)+" (p on the cart changes that)."))
		}
		return m, cmd
	case picker.ForRefund:
		return m.withRefund(m.refund.UseReader(msg.ReaderID))
	}
	return m, nil
}

// fit closes the picker when it no longer belongs to the payment's phase (a poll can
// move the payment on while the cashier is looking at the list), and the quit question
// when no payment is left open.
func (m Model) fit() Model {
	if m.picker.IsOpen() {
		ok := !m.payment.Active()
		switch m.picker.Purpose() {
		case picker.ForRetry:
			ok = m.payment.Session().Phase == checkout.Declined
		case picker.ForRefund:
			ok = m.refund.IsOpen()
		}
		if !ok {
			m.picker = m.picker.Close()
		}
	}
	if !m.payment.Live() && !m.refund.Live() {
		m.confirmQuit = false
	}
	return m
}

// animate starts the spinner when the screen needs one that is not running yet; the
// loop stops when it is no longer needed.
func (m Model) animate() (Model, tea.Cmd) {
	var spin, banner tea.Cmd
	if m.spins() && !m.spinning {
		m.spinning = true
		spin = m.opts.after(common.SpinnerKind.FPS, func(time.Time) tea.Msg { return spinMsg{} })
	}
	// The "Stripe answers again" line ends by itself: nothing else may come to redraw
	// an idle screen, so a tick is due when it ends.
	if end, ok := m.recoveredUntil(); ok && !end.Equal(m.bannerUntil) {
		m.bannerUntil = end
		banner = m.opts.after(end.Sub(m.opts.Now()), func(time.Time) tea.Msg { return bannerMsg{} })
	}
	return m, tea.Batch(spin, banner)
}

// spins reports whether the screen shows a spinner: a call is under way.
func (m Model) spins() bool {
	return m.payment.Spins() || m.picker.Busy() || m.receipt.Busy() || m.refund.Spins() || m.history.Busy()
}

// spun advances the spinner, or ends its loop.
func (m Model) spun() (Model, tea.Cmd) {
	if !m.spins() {
		m.spinning = false
		return m, nil
	}
	m.frame++
	return m, m.opts.after(common.SpinnerKind.FPS, func(time.Time) tea.Msg { return spinMsg{} })
}
