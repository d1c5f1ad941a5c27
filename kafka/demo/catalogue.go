package demo

import (
	"strconv"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"
)

// topic is one demo topic: its shape, its traffic and its history.
type topic struct {
	name       string
	partitions int32
	configs    map[string]string
	rate       float64 // records per second at rate multiplier 1
	backlog    int     // records written before live traffic starts
	record     func(g *gen, at time.Time) *kgo.Record
}

const day = 24 * time.Hour

// history is how far back the backlog's timestamps reach.
const history = 6 * time.Hour

var topics = []topic{
	{name: "orders", partitions: 6, rate: 12, backlog: 1500, record: orderRecord,
		configs: map[string]string{"retention.ms": ms(7 * day)}},
	{name: "payments", partitions: 3, rate: 8, backlog: 900, record: paymentRecord,
		configs: map[string]string{"retention.ms": ms(7 * day), "min.insync.replicas": "2"}},
	{name: "clickstream", partitions: 12, rate: 60, backlog: 6000, record: clickRecord,
		configs: map[string]string{"retention.ms": ms(day), "compression.type": "zstd"}},
	{name: "inventory.updates", partitions: 4, rate: 4, backlog: 800, record: inventoryRecord,
		configs: map[string]string{"cleanup.policy": "compact"}},
	{name: "audit.log", partitions: 1, rate: 6, backlog: 600, record: auditRecord,
		configs: map[string]string{"retention.ms": ms(30 * day)}},
	{name: "sensor.readings", partitions: 8, rate: 20, backlog: 2000, record: sensorRecord,
		configs: map[string]string{"retention.ms": ms(3 * day)}},
	// Written through the demo's schema registry (schemas.go).
	{name: "payments.avro", partitions: 3, rate: 5, backlog: 600, record: avroPaymentRecord,
		configs: map[string]string{"retention.ms": ms(7 * day)}},
	{name: "shipments.proto", partitions: 3, rate: 3, backlog: 400, record: protoShipmentRecord,
		configs: map[string]string{"retention.ms": ms(7 * day)}},
}

// offsetsTopic stands in for Kafka's internal __consumer_offsets, which
// kfake keeps elsewhere, so the internal-topic toggle has something to show.
var offsetsTopic = topic{name: "__consumer_offsets", partitions: 50,
	configs: map[string]string{"kfake.is_internal": "true", "cleanup.policy": "compact"}}

func ms(d time.Duration) string { return strconv.FormatInt(d.Milliseconds(), 10) }
