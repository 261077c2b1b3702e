package ui

import "testing"

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
