package mask

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/kscope/kscope/model"
)

func mustPolicy(t *testing.T, c Config) *Policy {
	t.Helper()
	p, err := New(c, []byte("test key"))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func maskValue(p *Policy, topic, value string) string {
	rs := []model.Record{{Topic: topic, Value: []byte(value)}}
	p.Mask(rs)
	return string(rs[0].Value)
}

func TestFieldPaths(t *testing.T) {
	p := mustPolicy(t, Config{Rules: []Rule{{Topic: "payments*", Fields: []string{
		"value.customer.email", "value.items[*].card", "value.refs[1]", "value.*.iban", "value.secret"}}}})
	cases := []struct{ in, want string }{
		{`{"customer":{"email":"a@b.io","name":"Ann"}}`, `{"customer":{"email":"***","name":"Ann"}}`},
		{`{"items":[{"card":"4111","sku":"x"},{"card":4242}]}`, `{"items":[{"card":"***","sku":"x"},{"card":"***"}]}`},
		{`{"refs":["a","b","c"]}`, `{"refs":["a","***","c"]}`},
		{`{"bank":{"iban":"x"},"other":{"iban":"y"},"iban":"z"}`, `{"bank":{"iban":"***"},"other":{"iban":"***"},"iban":"z"}`},
		// A masked object or array has every leaf masked; null says nothing and stays.
		{`{"secret":{"a":"1","b":[true,2,null]}}`, `{"secret":{"a":"***","b":["***","***",null]}}`},
		// Spacing and escapes are read as JSON reads them.
		{"{ \"customer\" : { \"em\\u0061il\" : \"x\" } }", "{ \"customer\" : { \"em\\u0061il\" : \"***\" } }"},
		{`{"customer":"not an object"}`, `{"customer":"not an object"}`},
	}
	for _, c := range cases {
		if got := maskValue(p, "payments", c.in); got != c.want {
			t.Errorf("mask(%s)\n got %s\nwant %s", c.in, got, c.want)
		}
		if !json.Valid([]byte(maskValue(p, "payments", c.in))) {
			t.Errorf("mask(%s) is not JSON", c.in)
		}
	}
	if got := maskValue(p, "orders", `{"secret":"s"}`); got != `{"secret":"s"}` {
		t.Errorf("a topic no rule names was masked: %s", got)
	}
}

func TestUnchangedValuesAreNotCopied(t *testing.T) {
	p := mustPolicy(t, Config{Rules: []Rule{{Fields: []string{"value.card"}}}})
	in := []byte(`{"sku":"x","n":[1,2,{"deep":"y"}]}`)
	rs := []model.Record{{Topic: "t", Value: in}}
	p.Mask(rs)
	if &rs[0].Value[0] != &in[0] {
		t.Error("a value with nothing to mask was copied")
	}
}

func TestStyles(t *testing.T) {
	value := `{"card":"4111111111111111","pin":"12"}`
	cases := []struct {
		rule Rule
		want string
	}{
		{Rule{Fields: []string{"value.card", "value.pin"}}, `{"card":"***","pin":"***"}`},
		{Rule{Fields: []string{"value.card"}, With: "[redacted]"}, `{"card":"[redacted]","pin":"12"}`},
		// keep_last keeps nothing of a value no longer than what it keeps.
		{Rule{Fields: []string{"value.card", "value.pin"}, Style: "keep_last", Keep: 4}, `{"card":"***1111","pin":"***"}`},
	}
	for _, c := range cases {
		if got := maskValue(mustPolicy(t, Config{Rules: []Rule{c.rule}}), "t", value); got != c.want {
			t.Errorf("%+v: got %s, want %s", c.rule, got, c.want)
		}
	}
	hash := Config{Rules: []Rule{{Fields: []string{"value.a", "value.b", "value.c"}, Style: "hash"}}, KeyEnv: "K"}
	p1 := mustPolicy(t, hash)
	p2, _ := New(hash, []byte("another key"))
	var m1, m2 map[string]string
	json.Unmarshal([]byte(maskValue(p1, "t", `{"a":"alice@example.com","b":"alice@example.com","c":"bob@example.com"}`)), &m1)
	json.Unmarshal([]byte(maskValue(p2, "t", `{"a":"alice@example.com"}`)), &m2)
	switch {
	case !strings.HasPrefix(m1["a"], "hmac:") || len(m1["a"]) != len("hmac:")+16:
		t.Errorf("hash wrote %q", m1["a"])
	case m1["a"] != m1["b"]:
		t.Errorf("equal values hashed apart: %q, %q", m1["a"], m1["b"])
	case m1["a"] == m1["c"]:
		t.Errorf("different values hashed alike: %q", m1["a"])
	case m1["a"] == m2["a"]:
		t.Errorf("another key gave the same hash: %q", m1["a"])
	}
}

func TestDetectors(t *testing.T) {
	p := mustPolicy(t, Config{Rules: []Rule{{Detect: []string{"email", "card", "iban"}, Style: "keep_last", Keep: 4}}})
	cases := []struct{ in, want string }{
		{"mail alice.smith+x@mail.example.com now", "mail ***.com now"},
		{"not@an-address", "not@an-address"},
		{"card 4111 1111 1111 1111 ok", "card ***1111 ok"},
		{"card 4111-1111-1111-1111", "card ***1111"},
		{"fails luhn 4111111111111112", "fails luhn 4111111111111112"},
		{"an id of 20 digits 41111111111111111111", "an id of 20 digits 41111111111111111111"},
		{"iban GB82 WEST 1234 5698 7654 32 end", "iban ***4 32 end"},
		{"iban GB82WEST12345698765432", "iban ***5432"},
		{"bad check GB83WEST12345698765432", "bad check GB83WEST12345698765432"},
		// In JSON: strings, numbers and the keys of maps.
		{`{"n":4111111111111111,"m":{"bob@example.org":1}}`, `{"n":"***1111","m":{"***.org":1}}`},
		{`{"s":"x\u0040example.com"}`, `{"s":"***.com"}`},
	}
	for _, c := range cases {
		if got := maskValue(p, "any", c.in); got != c.want {
			t.Errorf("mask(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestPatterns(t *testing.T) {
	p := mustPolicy(t, Config{Rules: []Rule{{Pattern: `ssn=(\d{3})-(\d{2})-\d{4}`}, {Pattern: `secret-\w+`, With: "<s>"}}})
	if got, want := maskValue(p, "t", "ssn=123-45-6789 and secret-abc"), "ssn=***-***-6789 and <s>"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestWhatIsNotJSONIsMaskedWhole(t *testing.T) {
	p := mustPolicy(t, Config{Rules: []Rule{{Fields: []string{"value.card"}}}})
	for _, in := range []string{"card=4111111111111111", `{"card": "4111111111111111"`, "\x00\x01\x02binary 4111111111111111"} {
		if got := maskValue(p, "t", in); got != "***" {
			t.Errorf("mask(%q) = %q: a value whose fields cannot be found must be masked whole", in, got)
		}
	}
	if got := maskValue(p, "t", ""); got != "" {
		t.Errorf("an empty value became %q", got)
	}
}

func TestRecordParts(t *testing.T) {
	p := mustPolicy(t, Config{Rules: []Rule{{Fields: []string{"key.id", "value.email", "headers.authorization", "headers.x-*"}}, {Detect: []string{"email"}}}})
	headers := []model.Header{{Key: "authorization", Value: []byte("Bearer abc")}, {Key: "x-user", Value: []byte("u1")}, {Key: "trace", Value: []byte("to bob@example.com")}, {Key: "plain", Value: []byte("p")}}
	r := model.Record{Topic: "t", Key: []byte(`{"id":"k1"}`), Value: []byte{0, 0, 0, 0, 7, 1, 2},
		DecodedValue: &model.Decoded{JSON: []byte(`{"email":"a@b.io","n":1}`), Format: "avro"}, Headers: headers}
	rs := []model.Record{r}
	p.Mask(rs)
	got := rs[0]
	if string(got.Key) != `{"id":"***"}` {
		t.Errorf("key %s", got.Key)
	}
	if string(got.DecodedValue.JSON) != `{"email":"***","n":1}` || string(got.Value) != string(got.DecodedValue.JSON) {
		t.Errorf("decoded value %s, bytes %q: the Avro bytes hold the fields in clear and must go", got.DecodedValue.JSON, got.Value)
	}
	if r.DecodedValue.JSON[10] != 'a' {
		t.Error("the decoder's Decoded was changed in place")
	}
	want := []string{"***", "***", "to ***", "p"}
	for i, h := range got.Headers {
		if string(h.Value) != want[i] {
			t.Errorf("header %s = %q, want %q", h.Key, h.Value, want[i])
		}
	}
	if string(headers[0].Value) != "Bearer abc" {
		t.Error("the record's headers were changed in place: they may be shared")
	}
}

func TestConfigErrors(t *testing.T) {
	cases := []struct {
		c    Config
		want string
	}{
		{Config{}, "give at least one rule"},
		{Config{Rules: []Rule{{Topic: "t"}}}, "give fields, detect or a pattern"},
		{Config{Rules: []Rule{{Fields: []string{"body.x"}}}}, "start with key, value or headers"},
		{Config{Rules: []Rule{{Fields: []string{"value.a[x]"}}}}, "want an index"},
		{Config{Rules: []Rule{{Fields: []string{"headers"}}}}, "name the header"},
		{Config{Rules: []Rule{{Detect: []string{"phone"}}}}, "want email, card or iban"},
		{Config{Rules: []Rule{{Pattern: "("}}}, "pattern"},
		{Config{Rules: []Rule{{Detect: []string{"card"}, Style: "blur"}}}, "want replace, keep_last or hash"},
		{Config{Rules: []Rule{{Detect: []string{"card"}, Style: "keep_last"}}}, "give keep"},
		{Config{Rules: []Rule{{Detect: []string{"card"}, Style: "hash"}}}, "key_env or key_cmd"},
		{Config{Rules: []Rule{{Detect: []string{"card"}, Style: "hash", With: "x"}}, KeyEnv: "K"}, "only style replace"},
		{Config{Rules: []Rule{{Detect: []string{"card"}}}, KeyEnv: "A", KeyCmd: "b"}, "one of key_env, key_cmd"},
	}
	for _, c := range cases {
		err := c.c.Check()
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: got %v, want %q", c.c, err, c.want)
		}
	}
	if err := (Config{KeyEnv: "K", Rules: []Rule{{Detect: []string{"card"}, Style: "hash"}}}).Check(); err != nil {
		t.Error(err)
	}
}

func TestRefuseAndExplain(t *testing.T) {
	p := mustPolicy(t, Config{Rules: []Rule{{Topic: "payments", Fields: []string{"value.card"}}}})
	if err := p.Refuse("payments", "--raw"); err == nil || !strings.Contains(err.Error(), "allow_raw") {
		t.Errorf("raw read of a masked topic: %v", err)
	}
	if err := p.Refuse("orders", "--raw"); err != nil {
		t.Errorf("a topic no rule names: %v", err)
	}
	var none *Policy
	if none.Refuse("payments", "--raw") != nil || none.Masks("payments") {
		t.Error("a nil policy masks")
	}
	allow := mustPolicy(t, Config{AllowRaw: true, Rules: []Rule{{Topic: "payments", Fields: []string{"value.card"}}}})
	if err := allow.Refuse("payments", "--raw"); err != nil {
		t.Errorf("allow_raw: %v", err)
	}
	if e := p.Explain("payments", model.Query{Where: `value.card == "4111"`}); !strings.Contains(e, "value.card is masked") {
		t.Errorf("explain: %q", e)
	}
	if p.Explain("orders", model.Query{Where: "x"}) != "" {
		t.Error("explained a topic no rule names")
	}
}

// FuzzMask checks that masking never fails on what a cluster may send, and
// that it keeps JSON JSON.
func FuzzMask(f *testing.F) {
	for _, s := range []string{`{"card":"4111111111111111","a":[1,{"b":"x@y.io"}]}`, `[{"card":1}]`, `{"card":{"x":[null,true]}}`, "text 4111 1111 1111 1111", `{"a":"\u00e9\ud83d\ude00"}`, `{`, `{"a":[}`} {
		f.Add([]byte(s))
	}
	p, _ := New(Config{Rules: []Rule{{Fields: []string{"value.card", "value.a[*].b", "headers.h"}, Detect: []string{"email", "card", "iban"}}}}, nil)
	f.Fuzz(func(t *testing.T, b []byte) {
		rs := []model.Record{{Topic: "t", Value: b, Key: b, Headers: []model.Header{{Key: "h", Value: b}}}}
		p.Mask(rs)
		if json.Valid(b) && !json.Valid(rs[0].Value) {
			t.Errorf("%q masked to %q, not JSON", b, rs[0].Value)
		}
	})
}

// The eight-bytes-at-a-time features agree with a look at each byte.
func TestFeaturesOf(t *testing.T) {
	for _, s := range []string{"", "a", "@", "4111111111111111", "GB82 WEST", "x@y.io 12 AZ az 09 /: @[ `{ \x80\xff\x7f", strings.Repeat("9Z@\x00\xc0/:", 9)} {
		var want features
		for _, c := range []byte(s) {
			want.at = want.at || c == '@'
			want.upper = want.upper || 'A' <= c && c <= 'Z'
			if '0' <= c && c <= '9' {
				want.digits++
			}
		}
		if got := featuresOf([]byte(s)); got != want {
			t.Errorf("featuresOf(%q) = %+v, want %+v", s, got, want)
		}
	}
}

// What masking wrote for a batch is written over only once the batch is
// given back, as a printer gives it; a buffer, which keeps its records,
// never gives them back.
func TestBatchesBytesAreReusedOnlyWhenGivenBack(t *testing.T) {
	p := mustPolicy(t, Config{Rules: []Rule{{Fields: []string{"value.card"}}}})
	d := Decoding(nil, p)
	batch := func(card string) []model.Record {
		return []model.Record{{Topic: "t", Value: []byte(`{"card":"` + card + `","n":"` + card + `"}`)}}
	}
	a := batch("a1")
	d.Decode(context.Background(), a)
	kept := string(a[0].Value)
	b := batch("b2")
	d.Decode(context.Background(), b)
	if string(a[0].Value) != kept || kept != `{"card":"***","n":"a1"}` {
		t.Fatalf("a batch not given back was written over: %s", a[0].Value)
	}
	written := &a[0].Value[0]
	d.(model.Recycler).Recycle(a)
	c := batch("c3")
	d.Decode(context.Background(), c)
	if &c[0].Value[0] != written || string(c[0].Value) != `{"card":"***","n":"c3"}` {
		t.Errorf("a batch given back was not reused: %s", c[0].Value)
	}
	if string(b[0].Value) != `{"card":"***","n":"b2"}` {
		t.Errorf("the batch still held was written over: %s", b[0].Value)
	}
}
