package store

import (
	"bytes"
	"testing"
	"time"
)

func TestTimeKeySortsLikeTime(t *testing.T) {
	times := []time.Time{
		{},
		time.Date(1, 1, 1, 0, 0, 0, 1, time.UTC),
		time.Date(1969, 12, 31, 23, 59, 59, 999999999, time.UTC),
		time.Unix(0, 0),
		time.Unix(0, 1),
		t0,
		t0.Add(time.Nanosecond),
		t0.In(time.FixedZone("east", 10*3600)).Add(time.Second),
		time.Date(2262, 4, 12, 0, 0, 0, 0, time.UTC), // beyond int64 nanoseconds
		time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC),
	}
	for i := range times {
		for j := range times {
			want := times[i].Compare(times[j])
			if got := bytes.Compare(timeKey(times[i]), timeKey(times[j])); got != want {
				t.Errorf("compare keys of %v and %v = %d, want %d", times[i], times[j], got, want)
			}
		}
	}
}

func TestSeqKeySortsLikeNumbers(t *testing.T) {
	nums := []uint64{0, 1, 255, 256, 1 << 32, 1<<64 - 1}
	for i := range nums {
		for j := range nums {
			want := 0
			if nums[i] < nums[j] {
				want = -1
			} else if nums[i] > nums[j] {
				want = 1
			}
			if got := bytes.Compare(seqKey(nums[i]), seqKey(nums[j])); got != want {
				t.Errorf("compare keys of %d and %d = %d, want %d", nums[i], nums[j], got, want)
			}
		}
	}
}
