package demo

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/sr"

	"github.com/kscope/kscope/serde"
)

// The demo's schema-registry topics: payments in Avro, shipments in
// Protobuf, framed as Confluent's serializers frame them, so that
// decoding shows with no set-up.
var (
	//go:embed schemas/payment.avsc
	paymentSchema string
	//go:embed schemas/shipment.proto
	shipmentSchema string
)

// codecs encode the schema topics' values, with the ids their schemas
// have in the cluster's registry.
type codecs struct {
	payment         *serde.Avro
	shipment        *serde.ProtoMessage
	avroID, protoID int
}

// registerSchemas registers the demo's schemas and readies their
// encoders. The registry is new with each cluster, so the ids are too.
func registerSchemas(r *registry) (*codecs, error) {
	c := &codecs{}
	var err error
	if c.payment, err = serde.ParseAvro(paymentSchema); err != nil {
		return nil, fmt.Errorf("payment schema: %w", err)
	}
	protos, err := serde.CompileProto(context.Background(), "shipment.proto", map[string]string{"shipment.proto": shipmentSchema})
	if err != nil {
		return nil, fmt.Errorf("shipment schema: %w", err)
	}
	if c.shipment, err = protos.Message("demo.shipping.Shipment"); err != nil {
		return nil, err
	}
	c.avroID = r.add("payments.avro-value", registered{Schema: paymentSchema})
	c.protoID = r.add("shipments.proto-value", registered{Schema: shipmentSchema, SchemaType: "PROTOBUF"})
	return c, nil
}

// framed is a value in the Confluent wire format.
func framed(id int, index []int, payload []byte) []byte {
	var h sr.ConfluentHeader
	b, err := h.AppendEncode(nil, id, index)
	if err != nil {
		panic(err) // ids and indexes here are small and fixed
	}
	return append(b, payload...)
}

// encoded is v, as JSON, encoded by enc; the demo's values are built to
// fit their schemas, so a failure is a bug here.
func encoded(enc func([]byte) ([]byte, error), v any) []byte {
	text, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	b, err := enc(text)
	if err != nil {
		panic(fmt.Sprintf("demo value does not fit its schema: %v: %s", err, text))
	}
	return b
}

func avroPaymentRecord(g *gen, at time.Time) *kgo.Record {
	status := g.pick("AUTHORIZED", "CAPTURED", "CAPTURED", "CAPTURED", "DECLINED")
	p := map[string]any{
		"payment_id": fmt.Sprintf("pay-%07d", g.seq), "order_id": fmt.Sprintf("ord-%07d", g.rnd.Int64N(g.seq+1)),
		"amount": fmt.Sprintf("%.2f", g.price()), "currency": g.pick("EUR", "EUR", "USD", "GBP"),
		"method": g.pick("card", "card", "paypal", "sepa"), "status": status,
		"decline_reason": nil, "card_last4": nil,
		"attempted_at": at.UnixMilli(), "risk_score": float64(g.rnd.IntN(1000)) / 1000,
	}
	if p["method"] == "card" {
		p["card_last4"] = fmt.Sprintf("%04d", g.rnd.IntN(10000))
	}
	if status == "DECLINED" {
		p["decline_reason"] = g.pick("insufficient_funds", "expired_card", "suspected_fraud")
	}
	return &kgo.Record{
		Key:   fmt.Appendf(nil, "%s", p["order_id"]),
		Value: framed(g.codecs.avroID, nil, encoded(g.codecs.payment.EncodeJSON, p)),
	}
}

func protoShipmentRecord(g *gen, at time.Time) *kgo.Record {
	s := map[string]any{
		"shipmentId": fmt.Sprintf("shp-%07d", g.seq), "orderId": fmt.Sprintf("ord-%07d", g.rnd.Int64N(g.seq+1)),
		"carrier":     g.pick("DHL", "UPS", "POSTNL"),
		"destination": map[string]string{"city": g.pick("Amsterdam", "Berlin", "Dublin", "Lyon"), "country": g.pick("NL", "DE", "IE", "FR")},
		"shippedAt":   at.UTC().Format(time.RFC3339Nano),
	}
	var parcels []map[string]any
	for range 1 + g.rnd.IntN(3) {
		parcels = append(parcels, map[string]any{"sku": g.sku(), "grams": 100 + g.rnd.IntN(5000)})
	}
	s["parcels"] = parcels
	if g.rnd.IntN(4) == 0 {
		s["pickupPoint"] = fmt.Sprintf("PP-%04d", g.rnd.IntN(10000))
	} else {
		s["trackingCode"] = fmt.Sprintf("TRK%010d", g.rnd.Int64N(1e10))
	}
	return &kgo.Record{
		Key:   fmt.Appendf(nil, "%s", s["orderId"]),
		Value: framed(g.codecs.protoID, []int{1}, encoded(g.codecs.shipment.EncodeJSON, s)),
	}
}
