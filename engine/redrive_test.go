package engine

import (
	"errors"
	"testing"

	"github.com/kscope/kscope/kafka/kafkatest"
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

// A redrive's dry run counts each origin's records and those without one;
// Unsendable names the origins the cluster cannot take records for.
func TestRedrivePreviewAndItsOrigins(t *testing.T) {
	f := kafkatest.New(model.Cluster{}, kafkatest.Topic("orders", 2, 1, 0, 0), kafkatest.Topic("orders.DLT", 1, 1, 0, 0))
	origin := func(topic string) []model.Header {
		return []model.Header{{Key: "kafka_dlt-original-topic", Value: []byte(topic)}}
	}
	f.Append(model.Record{Topic: "orders.DLT", Value: []byte("a"), Headers: origin("orders")},
		model.Record{Topic: "orders.DLT", Value: []byte("b"), Headers: origin("gone")},
		model.Record{Topic: "orders.DLT", Value: []byte("c")},
		model.Record{Topic: "orders.DLT", Value: []byte("d"), Headers: origin("orders")})
	tail, err := f.Tail(t.Context(), model.TailRequest{Topic: "orders.DLT", Start: model.Start{Kind: model.FromBeginning}, Until: &model.Start{Kind: model.FromEnd}})
	if err != nil {
		t.Fatal(err)
	}
	scan, _ := model.NewScan(tail, model.Query{})
	preview := &Copy{Route: Origin(OriginHeaders, "orders.DLT", false)}
	if err := preview.Run(t.Context(), scan, NewLedger(map[int32]int64{0: 0})); err != nil {
		t.Fatal(err)
	}
	if preview.ByTopic["orders"] != 2 || preview.ByTopic["gone"] != 1 || preview.Left != 1 || preview.Copied != 3 {
		t.Errorf("preview: %+v", preview)
	}
	bad, err := Unsendable(t.Context(), f, []string{"gone", "orders"})
	if err != nil || len(bad) != 1 || !errors.Is(bad["gone"], model.ErrNoSuchTopic) {
		t.Errorf("unsendable: %v %v", bad, err)
	}
	if bad, err := Unsendable(t.Context(), f, nil); bad != nil || err != nil {
		t.Errorf("no origins: %v %v", bad, err)
	}
}
