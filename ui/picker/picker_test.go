package picker

import (
	"testing"

	"github.com/till-pos/till/checkout"
	"github.com/till-pos/till/ui/common"
)

// listedWith is the picker once its list has come: readers, sorted by name.
func listedWith(t *testing.T, readers ...checkout.Reader) Model {
	t.Helper()
	m, _ := New(common.DefaultStyles(), common.DefaultKeys(), nil, nil, 0, "").Update(listedMsg{readers: readers})
	if len(m.Readers()) != len(readers) {
		t.Fatalf("listed %d readers of %d", len(m.Readers()), len(readers))
	}
	return m
}

// Asked for another reader after a failure, the cursor starts on another reader that
// is online, not on the one that failed (enter sent the payment straight back to it).
func TestAnotherReaderStartsOnAnotherOnline(t *testing.T) {
	back := checkout.Reader{ID: "tmr_back", Label: "Back counter", Status: "offline"}
	front := checkout.Reader{ID: "tmr_front", Label: "Front counter", Status: "online"}
	side := checkout.Reader{ID: "tmr_side", Label: "Side counter", Status: "offline"}
	for _, c := range []struct {
		name    string
		purpose Purpose
		readers []checkout.Reader
		current string
		want    string
	}{
		{"retry", ForRetry, []checkout.Reader{back, front, side}, back.ID, front.ID},
		{"refund", ForRefund, []checkout.Reader{back, front, side}, back.ID, front.ID},
		{"no other online", ForRetry, []checkout.Reader{back, side}, side.ID, side.ID},
		{"choosing the lane's reader", Choose, []checkout.Reader{back, front, side}, back.ID, back.ID},
	} {
		m, _ := listedWith(t, c.readers...).Open(c.purpose, c.current)
		if got := m.Readers()[m.pick].ID; got != c.want {
			t.Errorf("%s: the cursor starts on %s, want %s", c.name, got, c.want)
		}
	}
}
