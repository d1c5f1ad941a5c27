package engine

import (
	"testing"

	"github.com/kscope/kscope/model"
)

// A dead letter goes back to the topic its first origin header names,
// never to the dead-letter topic itself (a loop), and stripping removes
// only the writers' error headers.
func TestOrigin(t *testing.T) {
	route := Origin(OriginHeaders, "orders.DLT", true)
	for _, c := range []struct {
		headers []model.Header
		want    string
	}{
		{[]model.Header{{Key: "kafka_dlt-original-topic", Value: []byte("orders")}}, "orders"},
		{[]model.Header{{Key: "__connect.errors.topic", Value: []byte("payments")}, {Key: "kafka_dlt-original-topic", Value: []byte("orders")}}, "orders"},
		{[]model.Header{{Key: "kafka_dlt-original-topic", Value: []byte("orders.DLT")}}, ""},
		{[]model.Header{{Key: "trace", Value: []byte("x")}}, ""},
		{nil, ""},
	} {
		r := model.Record{Headers: c.headers}
		got, ok := route(&r)
		if got != c.want || ok != (c.want != "") {
			t.Errorf("%v: routed to %q (%v), want %q", c.headers, got, ok, c.want)
		}
	}
	r := model.Record{Headers: []model.Header{{Key: "kafka_dlt-original-topic", Value: []byte("orders")},
		{Key: "kafka_dlt-exception-message", Value: []byte("boom")}, {Key: "__connect.errors.stage", Value: []byte("x")}, {Key: "trace", Value: []byte("t")}}}
	original := r.Headers
	if _, ok := route(&r); !ok || len(r.Headers) != 1 || r.Headers[0].Key != "trace" {
		t.Errorf("stripped to %v, want only trace", r.Headers)
	}
	if len(original) != 4 {
		t.Error("stripping changed the record as read")
	}
}
