package common

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// A detail under a list is whole with a blank above it when it has room; on a shorter
// page the blank goes, then its last rows, named on one line; with room for neither,
// the lines above its first row.
func TestDetailGivesWay(t *testing.T) {
	for _, tc := range []struct {
		left int
		want []string
	}{
		{6, []string{"", "Title", "Shows idle", "Device a device", "Location a shop", "Last seen 15:09"}},
		{5, []string{"Title", "Shows idle", "Device a device", "Location a shop", "Last seen 15:09"}},
		{4, []string{"Title", "Shows idle", "Device a device", "… no room for: Location, Last seen"}},
		{2, []string{"Title", "… no room for: Shows, Device, Location, Last seen"}},
		{1, []string{"Title"}},
	} {
		p := &Page{Width: 60, Height: tc.left}
		d := p.Detail(DefaultStyles())
		d.Line("Title")
		d.Row("Shows", "idle")
		d.Row("Device", "a device")
		d.Row("Location", "a shop")
		d.Row("Last seen", "15:09")
		p.Under(d)
		got := plainLines(p)
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%d lines left:\n got %q\nwant %q", tc.left, got, tc.want)
		}
	}
}

// The rows left out are named as far as the line goes, then counted.
func TestDetailNamesWhatItLeavesOut(t *testing.T) {
	p := &Page{Width: 50, Height: 2}
	d := p.Detail(DefaultStyles())
	d.Line("Title")
	for _, label := range []string{"Authorization", "Card", "Reader", "Created"} {
		d.Row(label, "x")
	}
	p.Under(d)
	got := strings.TrimSpace(ansi.Strip(p.Lines[len(p.Lines)-1]))
	if want := "… no room for: Authorization and 3 more rows"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// A table's heading stands over its rows: with room for one line, the note naming the
// rows takes its place (the Shift pane's totals said "… no room for the totals" by a
// rule of their own; without it the heading stood over nothing).
func TestDetailHeadingGivesWayWithItsRows(t *testing.T) {
	want := map[int]string{ // lines left → what they show
		3: "USD|captured $1|refunded $0",
		2: "USD|… no room for: captured, refunded",
		1: "… no room for: captured, refunded",
	}
	for left, w := range want {
		p := &Page{Width: 60, Height: left}
		d := p.Detail(DefaultStyles())
		d.Heading("USD")
		d.LineRow("captured", "captured $1")
		d.LineRow("refunded", "refunded $0")
		p.Above(d, 0)
		if got := strings.Join(plainLines(p), "|"); got != w {
			t.Errorf("%d lines left:\n got %q\nwant %q", left, got, w)
		}
	}
}

// plainLines are a page's lines as a person reads them: no colour, one space between
// words.
func plainLines(p *Page) []string {
	var out []string
	for _, l := range p.Lines {
		out = append(out, strings.Join(strings.Fields(ansi.Strip(l)), " "))
	}
	return out
}
