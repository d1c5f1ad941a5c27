package serde

import (
	"math"
	"math/big"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/hamba/avro/v2"
)

func orderSchema(t testing.TB) *Avro {
	t.Helper()
	text, err := os.ReadFile("testdata/order.avsc")
	if err != nil {
		t.Fatal(err)
	}
	a, err := ParseAvro(string(text))
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// order is one Order, as hamba/avro encodes from Go values: an encoder
// independent of the decoder under test.
func order(t testing.TB, a *Avro) []byte {
	t.Helper()
	b, err := avro.Marshal(a.Schema(), map[string]any{
		"id": int64(42), "customer": "cus-\u202e7", "total": big.NewRat(-1234, 100),
		"placed": time.UnixMilli(1795588800123).UTC(), "ref": "0b7c6e2a-5a8e-4c1e-9d55-0c2f3c9e4a11",
		"status": "PAID", "note": "gift wrap",
		"items": []map[string]any{{"sku": "A-1", "qty": 2}, {"sku": "B-2", "qty": 1}},
		"tags":  map[string]any{"weight": 1.5}, "express": true,
	})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestAvroDecodesEveryTypeInSchemaOrder(t *testing.T) {
	a := orderSchema(t)
	got, _, err := a.AppendJSON(nil, order(t, a))
	if err != nil {
		t.Fatal(err)
	}
	want := `{"id":42,"customer":"cus-\u202e7","total":"-12.34","placed":"2026-11-25T06:40:00.123Z",` +
		`"ref":"0b7c6e2a-5a8e-4c1e-9d55-0c2f3c9e4a11","status":"PAID","note":"gift wrap",` +
		`"items":[{"sku":"A-1","qty":2},{"sku":"B-2","qty":1}],"tags":{"weight":1.5},"express":true}`
	if string(got) != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if a.Name() != "shop.Order" {
		t.Errorf("name %q", a.Name())
	}
}

func TestAvroRefusesWhatDoesNotFit(t *testing.T) {
	a := orderSchema(t)
	b := order(t, a)
	for name, in := range map[string][]byte{
		"truncated":  b[:len(b)/2],
		"left over":  append(append([]byte{}, b...), 0, 0),
		"empty":      {},
		"huge count": {0x54, 0x02, 'x'},
	} {
		if _, _, err := a.AppendJSON(nil, in); err == nil {
			t.Errorf("%s: decoded", name)
		}
	}
}

func TestAvroBoundsWhatFewBytesClaim(t *testing.T) {
	nulls, err := ParseAvro(`{"type":"array","items":"null"}`)
	if err != nil {
		t.Fatal(err)
	}
	// One block of 2^62 nulls: nine bytes that would decode forever.
	_, _, err = nulls.AppendJSON(nil, []byte{0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f})
	if err == nil || !strings.Contains(err.Error(), "output limit") {
		t.Errorf("err %v", err)
	}
	deep, err := ParseAvro(`{"type":"record","name":"N","fields":[{"name":"next","type":["null","N"]}]}`)
	if err != nil {
		t.Fatal(err)
	}
	chain := make([]byte, 1000)
	for i := range chain {
		chain[i] = 2 // union branch 1: another N
	}
	if _, _, err = deep.AppendJSON(nil, chain); err == nil || !strings.Contains(err.Error(), "deep") {
		t.Errorf("err %v", err)
	}
}

func TestAvroEncodesWhatItDecodes(t *testing.T) {
	a := orderSchema(t)
	want := order(t, a)
	text, _, err := a.AppendJSON(nil, want)
	if err != nil {
		t.Fatal(err)
	}
	encoded, err := a.EncodeJSON(text)
	if err != nil {
		t.Fatal(err)
	}
	// hamba writes arrays in blocks sized in bytes, this encoder in
	// counted ones: both are Avro, so compare what they decode to.
	again, _, err := a.AppendJSON(nil, encoded)
	if err != nil || string(again) != string(text) {
		t.Errorf("re-encoded decodes to %s (%v), want %s", again, err, text)
	}
}

func TestAvroEncodeNamesTheFieldThatDoesNotFit(t *testing.T) {
	a := orderSchema(t)
	text, _, _ := a.AppendJSON(nil, order(t, a))
	for _, c := range []struct{ from, to, want string }{
		{`"qty":1`, `"qty":"one"`, `items[1].qty: want a whole number, got "one"`},
		{`"status":"PAID"`, `"status":"LOST"`, `status: "LOST" is not one of NEW, PAID, SHIPPED`},
		{`"total":"-12.34"`, `"total":"-12.345"`, `total: -12.345 has more than 2 digits after the point`},
		{`,"express":true`, ``, `express: missing, and the schema gives no default`},
		{`"note":"gift wrap"`, `"note":7`, `note: want a string, got 7`},
	} {
		_, err := a.EncodeJSON([]byte(strings.Replace(string(text), c.from, c.to, 1)))
		if err == nil || err.Error() != c.want {
			t.Errorf("%s → %s: err %v, want %s", c.from, c.to, err, c.want)
		}
	}
}

// A schema file that is not Avro is refused without quoting it: a file
// named by mistake may hold a secret.
func TestAvroSchemaErrorsQuoteNothing(t *testing.T) {
	const secret = "AKIAFAKESECRETKEY123"
	for _, text := range []string{
		"aws_access_key_id = " + secret + "\naws_secret_access_key = x\n",
		`{"type": "` + secret + `"}`,
		`{"type": "record", "name": "r", "fields": [{"name": "f", "type": "` + secret + `"}]}`,
		`"` + secret + `"`,
	} {
		_, err := ParseAvro(text)
		if err == nil || strings.Contains(err.Error(), secret) || !strings.HasPrefix(err.Error(), "not an Avro schema") {
			t.Errorf("ParseAvro(%q): %v", text, err)
		}
	}
	if _, err := ParseAvro("{\n\n  oops"); err == nil || err.Error() != "not an Avro schema: not JSON at line 3" {
		t.Errorf("a JSON error: %v, want its line", err)
	}
}

// Negative zero keeps its sign in every place a float can stand: a
// record's field, a union, a map, an array.
func TestAvroNegativeZeroKeepsItsSign(t *testing.T) {
	a, err := ParseAvro(`{"type":"record","name":"r","fields":[{"name":"d","type":"double"},{"name":"u","type":["null","double"]},{"name":"f","type":["null","float"]},{"name":"m","type":{"type":"map","values":"float"}},{"name":"a","type":{"type":"array","items":"double"}}]}`)
	if err != nil {
		t.Fatal(err)
	}
	neg := math.Copysign(0, -1)
	neg32 := float32(neg)
	b, err := avro.Marshal(a.Schema(), map[string]any{"d": neg, "u": &neg, "f": &neg32, "m": map[string]float32{"k": neg32}, "a": []float64{neg}})
	if err != nil {
		t.Fatal(err)
	}
	out, _, err := a.AppendJSON(nil, b)
	if want := `{"d":-0,"u":-0,"f":-0,"m":{"k":-0},"a":[-0]}`; err != nil || string(out) != want {
		t.Errorf("%s (%v), want %s", out, err, want)
	}
}

// Every temporal logical type is written as time's formatter writes it,
// before 1970 and after 9999 too.
func TestAvroTemporalTypesAreTheFormatters(t *testing.T) {
	for _, c := range []struct {
		logical, prim, layout string
		at                    func(v int64) time.Time
	}{
		{"timestamp-millis", "long", "2006-01-02T15:04:05.000Z07:00", time.UnixMilli},
		{"timestamp-micros", "long", "2006-01-02T15:04:05.000000Z07:00", time.UnixMicro},
		{"local-timestamp-millis", "long", "2006-01-02T15:04:05.000", time.UnixMilli},
		{"local-timestamp-micros", "long", "2006-01-02T15:04:05.000000", time.UnixMicro},
		{"time-millis", "int", "15:04:05.000", func(v int64) time.Time { return time.UnixMilli(v) }},
		{"date", "int", "2006-01-02", func(v int64) time.Time { return time.Unix(v*86400, 0) }},
	} {
		a, err := ParseAvro(`{"type":"` + c.prim + `","logicalType":"` + c.logical + `"}`)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range []int64{0, 1, -1, 1795588800123, -62135596800123, 253402300800000, 86399999, 20000, math.MaxInt32} {
			if c.prim == "int" && (v > math.MaxInt32 || v < math.MinInt32) {
				continue
			}
			zig := uint64(v<<1) ^ uint64(v>>63) // Avro's zigzag varint
			var b []byte
			for ; zig >= 0x80; zig >>= 7 {
				b = append(b, byte(zig)|0x80)
			}
			got, _, err := a.AppendJSON(nil, append(b, byte(zig)))
			want := `"` + c.at(v).UTC().Format(c.layout) + `"`
			if err != nil || string(got) != want {
				t.Errorf("%s %d: %s (%v), want %s", c.logical, v, got, err, want)
			}
		}
	}
}
