package ui

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/till-pos/till/ui/internal/fake"
)

// BenchmarkView renders every cashier screen of the storybook at 80×24 once per
// iteration: the cost of one frame, screen by screen.
func BenchmarkView(b *testing.B) {
	screens := storybook(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, m := range screens {
			_ = m.View()
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(screens)), "ns/screen")
}

// BenchmarkKeyOnCart is one key on a cart of three lines through the root: the update,
// and what the root hands the components after it (the reader's display among them).
func BenchmarkKeyOnCart(b *testing.B) {
	m := storybook(b)["cart_lines"]
	keys := []tea.KeyMsg{fake.Key("up"), fake.Key("down")}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		next, _ := m.Update(keys[i%2])
		m = next.(Model)
	}
}
