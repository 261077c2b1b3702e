package emulator

import (
	"fmt"
	"testing"
)

// TestAppendPaddedIsSprintf: ids and request ids keep the shape fmt gave them, numbers
// wider than the padding included.
func TestAppendPaddedIsSprintf(t *testing.T) {
	for _, n := range []int64{0, 7, 999, 1234567, 12345678901} {
		for _, w := range []int{3, 7, 10} {
			want := fmt.Sprintf("x%0*d", w, n)
			if got := string(appendPadded([]byte("x"), n, w)); got != want {
				t.Errorf("%d/%d: got %s, want %s", n, w, got, want)
			}
		}
	}
}
