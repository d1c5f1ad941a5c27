package model

import (
	"sync/atomic"
	"testing"
)

func TestInPartsCoversEveryItemOnce(t *testing.T) {
	for _, tt := range []struct{ n, from, workers, parts int }{
		{0, 512, 4, 1}, {100, 512, 4, 1}, {1024, 512, 4, 2}, {5000, 512, 2, 2}, {5000, 512, 16, 9}, {7, 0, 3, 3},
	} {
		seen := make([]int32, tt.n)
		var parts atomic.Int32
		InParts(tt.n, tt.from, tt.workers, func(part, lo, hi int) {
			parts.Add(1)
			for i := lo; i < hi; i++ {
				atomic.AddInt32(&seen[i], 1)
			}
		})
		for i, c := range seen {
			if c != 1 {
				t.Fatalf("%+v: item %d seen %d times", tt, i, c)
			}
		}
		if int(parts.Load()) != tt.parts {
			t.Errorf("%+v: %d parts", tt, parts.Load())
		}
	}
}
