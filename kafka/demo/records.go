package demo

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"
)

// gen makes one topic's records. Its random source is seeded, so the same
// seed gives the same keys, values and headers in the same order.
type gen struct {
	rnd    *rand.Rand
	seq    int64
	codecs *codecs // the schema topics' encoders
}

func (g *gen) pick(options ...string) string { return options[g.rnd.IntN(len(options))] }

func (g *gen) customer() string { return fmt.Sprintf("cus-%04d", g.rnd.IntN(500)) }

func (g *gen) sku() string { return fmt.Sprintf("SKU-%05d", 100+g.rnd.IntN(40)) }

func (g *gen) traceID() string { return fmt.Sprintf("%016x%016x", g.rnd.Uint64(), g.rnd.Uint64()) }

func (g *gen) price() float64 { return float64(199+g.rnd.IntN(9800)) / 100 }

func jsonRecord(key string, v any, headers ...kgo.RecordHeader) *kgo.Record {
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("demo record does not marshal: %v", err)) // a bug in the structs below
	}
	h := append([]kgo.RecordHeader{{Key: "content-type", Value: []byte("application/json")}}, headers...)
	return &kgo.Record{Key: []byte(key), Value: b, Headers: h}
}

type orderItem struct {
	SKU       string  `json:"sku"`
	Qty       int     `json:"qty"`
	UnitPrice float64 `json:"unit_price"`
}

type order struct {
	OrderID    string      `json:"order_id"`
	CustomerID string      `json:"customer_id"`
	Status     string      `json:"status"`
	Items      []orderItem `json:"items"`
	Total      float64     `json:"total"`
	Currency   string      `json:"currency"`
	CreatedAt  time.Time   `json:"created_at"`
}

func orderRecord(g *gen, at time.Time) *kgo.Record {
	o := order{
		OrderID:    fmt.Sprintf("ord-%07d", g.seq),
		CustomerID: g.customer(),
		Status:     g.pick("created", "created", "created", "paid", "paid", "shipped", "delivered", "cancelled"),
		Currency:   g.pick("EUR", "EUR", "USD", "GBP"),
		CreatedAt:  at.UTC(),
	}
	for range 1 + g.rnd.IntN(3) {
		it := orderItem{SKU: g.sku(), Qty: 1 + g.rnd.IntN(4), UnitPrice: g.price()}
		o.Items = append(o.Items, it)
		o.Total += float64(it.Qty) * it.UnitPrice
	}
	o.Total = math.Round(o.Total*100) / 100
	return jsonRecord(o.OrderID, o,
		kgo.RecordHeader{Key: "trace-id", Value: []byte(g.traceID())},
		kgo.RecordHeader{Key: "source", Value: []byte(g.pick("checkout-api", "checkout-api", "mobile-app", "pos"))},
	)
}

// payment is what a payment service writes, personal data included: the
// demo's masking (Masking) hides it.
type payment struct {
	PaymentID string   `json:"payment_id"`
	OrderID   string   `json:"order_id"`
	Amount    float64  `json:"amount"`
	Currency  string   `json:"currency"`
	Method    string   `json:"method"`
	Status    string   `json:"status"`
	Customer  customer `json:"customer"`
	Card      *string  `json:"card_number,omitempty"`
	Note      string   `json:"note,omitempty"`
}

type customer struct {
	ID    string `json:"id"`
	Email string `json:"email"`
}

// cardNumber is a made-up Visa number that passes the Luhn check, as a
// real one does.
func (g *gen) cardNumber() string {
	digits := []byte("4")
	for range 14 {
		digits = append(digits, byte('0'+g.rnd.IntN(10)))
	}
	sum := 0
	for i := len(digits) - 1; i >= 0; i-- {
		d := int(digits[i] - '0')
		if (len(digits)-i)%2 == 1 { // doubled: every second digit from the check digit
			if d *= 2; d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return string(append(digits, byte('0'+(10-sum%10)%10)))
}

func paymentRecord(g *gen, _ time.Time) *kgo.Record {
	p := payment{
		PaymentID: fmt.Sprintf("pay-%07d", g.seq),
		OrderID:   fmt.Sprintf("ord-%07d", g.rnd.Int64N(g.seq+1)),
		Amount:    g.price(),
		Currency:  "EUR",
		Method:    g.pick("card", "card", "card", "paypal", "sepa", "apple_pay"),
		Status:    g.pick("authorized", "authorized", "captured", "captured", "captured", "declined"),
	}
	id := g.customer()
	p.Customer = customer{ID: id, Email: id + "@example.com"}
	if p.Method == "card" {
		card := g.cardNumber()
		p.Card = &card
		if p.Status == "declined" {
			// Free text with personal data in it: what detectors are for.
			p.Note = "declined: card " + card[:4] + " " + card[4:8] + " " + card[8:12] + " " + card[12:] + ", receipt to " + p.Customer.Email
		}
	}
	return jsonRecord(p.OrderID, p, kgo.RecordHeader{Key: "trace-id", Value: []byte(g.traceID())})
}

type click struct {
	Session string  `json:"session"`
	User    *string `json:"user"`
	Event   string  `json:"event"`
	Path    string  `json:"path"`
	Query   string  `json:"query,omitempty"`
	Device  string  `json:"device"`
}

func clickRecord(g *gen, _ time.Time) *kgo.Record {
	c := click{
		Session: fmt.Sprintf("ses-%06x", g.rnd.IntN(5000)),
		Event:   g.pick("page_view", "page_view", "page_view", "click", "add_to_cart", "search"),
		Device:  g.pick("desktop", "mobile", "mobile", "tablet"),
	}
	if g.rnd.IntN(3) > 0 {
		u := g.customer()
		c.User = &u
	}
	switch c.Event {
	case "search":
		c.Path = "/search"
		// Searches carry the odd non-ASCII term, as real ones do.
		c.Query = g.pick("running shoes", "café crème", "東京 guide", "Zürich map", "ñandú plush", "rain jacket")
	default:
		c.Path = g.pick("/", "/cart", "/products/"+g.sku(), "/products/"+g.sku(), "/checkout")
	}
	return jsonRecord(c.Session, c)
}

type stockLevel struct {
	SKU       string `json:"sku"`
	Warehouse string `json:"warehouse"`
	OnHand    int    `json:"on_hand"`
	Reserved  int    `json:"reserved"`
}

// inventoryRecord writes the latest stock of a SKU. The topic is compacted,
// and now and then a SKU is discontinued with a tombstone (a null value).
func inventoryRecord(g *gen, _ time.Time) *kgo.Record {
	s := stockLevel{SKU: g.sku(), Warehouse: g.pick("ams-1", "fra-2", "dub-1"), OnHand: g.rnd.IntN(500)}
	s.Reserved = g.rnd.IntN(s.OnHand/4 + 1)
	if g.rnd.IntN(40) == 0 {
		return &kgo.Record{Key: []byte(s.SKU)}
	}
	return jsonRecord(s.SKU, s)
}

func auditRecord(g *gen, at time.Time) *kgo.Record {
	line := fmt.Sprintf("%s %s user=%s action=%s ip=203.0.113.%d result=%s",
		at.UTC().Format(time.RFC3339Nano),
		g.pick("INFO", "INFO", "INFO", "WARN"),
		g.pick("alice", "bob", "carol", "deploy-bot", "svc-billing"),
		g.pick("login", "logout", "read", "update", "delete", "grant-role"),
		1+g.rnd.IntN(254),
		g.pick("success", "success", "success", "denied"),
	)
	return &kgo.Record{Value: []byte(line), Headers: []kgo.RecordHeader{{Key: "content-type", Value: []byte("text/plain")}}}
}

// sensorRecord packs a reading the way small devices do: a fixed binary
// layout, big-endian, that only a decoder that knows it can read.
//
//	0  uint16 magic 0x5e45
//	2  uint16 device id
//	4  uint32 sequence
//	8  int64  unix milliseconds
//	16 float32 temperature °C
//	20 float32 relative humidity %
//	24 uint8  battery %
func sensorRecord(g *gen, at time.Time) *kgo.Record {
	device := g.rnd.IntN(24)
	v := make([]byte, 25)
	binary.BigEndian.PutUint16(v[0:], 0x5e45)
	binary.BigEndian.PutUint16(v[2:], uint16(device))
	binary.BigEndian.PutUint32(v[4:], uint32(g.seq))
	binary.BigEndian.PutUint64(v[8:], uint64(at.UnixMilli()))
	binary.BigEndian.PutUint32(v[16:], math.Float32bits(float32(18+g.rnd.NormFloat64()*3)))
	binary.BigEndian.PutUint32(v[20:], math.Float32bits(float32(40+g.rnd.Float64()*30)))
	v[24] = byte(20 + g.rnd.IntN(81))
	return &kgo.Record{
		Key:     fmt.Appendf(nil, "sensor-%02d", device),
		Value:   v,
		Headers: []kgo.RecordHeader{{Key: "content-type", Value: []byte("application/x-sensor-v1")}},
	}
}
