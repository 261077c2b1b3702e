package cart

import (
	"encoding/json"
	"fmt"
	"sync"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/till-pos/till/checkout"
)

// PrefDraft is the preference that keeps the cart under way (JSON), so a restart or a
// crash does not lose it.
const PrefDraft = "draft_cart"

// Prefs keeps the draft.
type Prefs interface {
	Pref(key string) (string, error)
	SetPref(key, value string) error
}

// drafts writes the cart under way. Cmds run concurrently, so each write carries a
// revision and an older one never replaces a newer one.
type drafts struct {
	prefs Prefs
	mu    sync.Mutex
	revs  int // handed out
	wrote int // the newest on disk
}

func newDrafts(p Prefs) *drafts { return &drafts{prefs: p} }

type (
	// draftMsg is the cart an earlier run left under way.
	draftMsg struct {
		cart checkout.Cart
		err  error
	}
	// draftSavedMsg reports a failure to keep the cart on disk.
	draftSavedMsg struct{ err error }
)

// loadCmd reads the draft; a cart of another currency is not taken.
func (d *drafts) loadCmd(currency string) tea.Cmd {
	return func() tea.Msg {
		text, err := d.prefs.Pref(PrefDraft)
		if err != nil || text == "" {
			return draftMsg{err: err}
		}
		var c checkout.Cart
		if err := json.Unmarshal([]byte(text), &c); err != nil {
			return draftMsg{err: fmt.Errorf("it is not a cart: %w", err)}
		}
		if c.Currency != currency {
			return draftMsg{}
		}
		return draftMsg{cart: c}
	}
}

// saveCmd keeps c as the draft; an empty cart clears it.
func (d *drafts) saveCmd(c checkout.Cart) tea.Cmd {
	d.mu.Lock()
	d.revs++
	rev := d.revs
	d.mu.Unlock()
	text := ""
	if !c.Empty() {
		b, err := json.Marshal(c)
		if err != nil {
			return func() tea.Msg { return draftSavedMsg{err: err} }
		}
		text = string(b)
	}
	return func() tea.Msg {
		d.mu.Lock()
		defer d.mu.Unlock()
		if rev < d.wrote {
			return nil
		}
		if err := d.prefs.SetPref(PrefDraft, text); err != nil {
			return draftSavedMsg{err: err}
		}
		d.wrote = rev
		return nil
	}
}
