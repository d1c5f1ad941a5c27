package mask

import (
	"fmt"
	"testing"

	"github.com/kscope/kscope/model"
)

// BenchmarkMask masks a batch of payment records as the demo's policy
// does: two fields, one hashed, and the detectors over every string.
func BenchmarkMask(b *testing.B) {
	p, err := New(Config{KeyEnv: "K", Rules: []Rule{
		{Topic: "payments", Fields: []string{"value.card"}, Style: "keep_last", Keep: 4},
		{Topic: "payments", Fields: []string{"value.customer.email"}, Style: "hash"},
		{Topic: "payments", Detect: []string{"email", "card", "iban"}},
	}}, []byte("key"))
	if err != nil {
		b.Fatal(err)
	}
	// As scripts/bench-mask.sh writes them: every value its own, the
	// customers coming back.
	values := make([][]byte, 10_000)
	size := 0
	for i := range values {
		values[i] = fmt.Appendf(nil, `{"payment_id":"pay-%07d","amount":%d.%02d,"currency":"EUR","status":"captured","customer":{"id":"cus-%04d","email":"cus-%04d@example.com"},"card":"4111111111111111","note":"paid by card, receipt sent"}`, i, i%500, i%100, i%9973, i%9973)
		size += len(values[i])
	}
	batch := make([]model.Record, len(values))
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for i := range batch {
			batch[i] = model.Record{Topic: "payments", Value: values[i]}
		}
		p.Mask(batch)
	}
}
