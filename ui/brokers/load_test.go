package brokers

import (
	"testing"

	"github.com/kscope/kscope/model"
)

// How full a broker's volumes are is said as df says it, and not at all
// where the broker does not say or says what cannot be.
func TestUsePercent(t *testing.T) {
	for _, tc := range []struct {
		total, usable int64
		want          string
	}{
		{1000, 960, "4%"},
		{-1, -1, "-"},      // before Kafka 3.3
		{758, 34_400, "-"}, // kfake: its used bytes as the volume
	} {
		if got := usePercent(model.BrokerLoad{Total: tc.total, Usable: tc.usable}); got != tc.want {
			t.Errorf("total %d, usable %d: %q, want %q", tc.total, tc.usable, got, tc.want)
		}
	}
}
