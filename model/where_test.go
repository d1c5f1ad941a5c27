package model

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestWhereReadsEveryPartOfARecord(t *testing.T) {
	r := &Record{Partition: 3, Offset: 42, Timestamp: time.Date(2026, 11, 25, 9, 30, 0, 0, time.UTC).UnixMilli(),
		Key:     []byte("ord-0001562"),
		Value:   []byte(`{"status":"paid","amount":1250.5,"items":[{"sku":"A"}]}`),
		Headers: []Header{{Key: "source", Value: []byte("pos")}}}
	for expr, want := range map[string]bool{
		`value.status == "paid" && value.amount > 1000 && headers["source"] == "pos"`: true,
		`value.amount > 2000`:                        false,
		`key startsWith "ord-" && partition == 3`:    true,
		`offset >= 42 && offset < 43`:                true,
		`value.items[0].sku == "A"`:                  true,
		`timestamp > date("2026-11-25T09:00:00Z")`:   true,
		`timestamp < date("2026-11-25T09:00:00Z")`:   false,
		`value.missing == nil`:                       true,
		`headers["nope"] == ""`:                      true,
		`value.status in ["paid", "shipped"]`:        true,
		`len(value.items) == 1 && value.note == nil`: true,
	} {
		w, err := ParseWhere(expr)
		if err != nil {
			t.Errorf("%s: %v", expr, err)
			continue
		}
		if got := w.Match(r); got != want || w.Failed != 0 {
			t.Errorf("%s: %v (failed %d: %v), want %v", expr, got, w.Failed, w.Err, want)
		}
	}
}

// Expressions that read fixed fields pick them out of the JSON; the rest
// parse it whole: both see the same value.
func TestWhereReadsFieldsAsAWholeParseWould(t *testing.T) {
	r := &Record{Value: []byte(`{"a":{"b":{"c":7}},"a.b":"dotted","list":[1,{"x":"y"}],"n":null,"t":true,"s":"text"}`)}
	for expr, want := range map[string]bool{
		`value.a.b.c == 7`:                               true,
		`value["a.b"] == "dotted"`:                       true,
		`value.list[1].x == "y" && value.list[0] == 1`:   true,
		`value.n == nil && value.t && value.s == "text"`: true,
		`value.a.b.c == 7 && value.a.b != nil`:           true,
		`value.missing?.deeper == nil`:                   true,
		`len(value) == 6`:                                true,
	} {
		w, err := ParseWhere(expr)
		if err != nil {
			t.Fatalf("%s: %v", expr, err)
		}
		if got := w.Match(r); got != want || w.Failed != 0 {
			t.Errorf("%s: %v (%v)", expr, got, w.Err)
		}
	}
	arr := &Record{Value: []byte(`[3, 4]`)}
	if w, _ := ParseWhere(`value[1] == 4`); !w.Match(arr) {
		t.Errorf("an array value: %v", w.Err)
	}
}

func TestWhereMatchesTheDecodedValue(t *testing.T) {
	r := &Record{Value: []byte{0, 0, 0, 0, 1, 2}, DecodedValue: &Decoded{JSON: []byte(`{"status":"DECLINED"}`)}}
	w, _ := ParseWhere(`value.status == "DECLINED"`)
	if !w.Match(r) {
		t.Error("the decoded value was not used")
	}
}

func TestWhereFailuresAreCountedNotMatched(t *testing.T) {
	w, err := ParseWhere(`value.amount > 1000`)
	if err != nil {
		t.Fatal(err)
	}
	if w.Match(&Record{Value: []byte(`{"amount":"lots"}`)}) || w.Failed != 1 || w.Err == nil {
		t.Errorf("failed %d, err %v", w.Failed, w.Err)
	}
	for _, bad := range []string{`value.status ==`, `partition == "3"`, `offset + 1`} {
		if _, err := ParseWhere(bad); err == nil || !strings.Contains(err.Error(), "expression") {
			t.Errorf("%s: %v", bad, err)
		}
	}
}

func BenchmarkWhere(b *testing.B) {
	r := &Record{Key: []byte("ord-1"), Value: []byte(`{"order_id":"ord-0001","status":"paid","total":1250.5,"currency":"EUR","items":[{"sku":"A","qty":1}]}`),
		Headers: []Header{{Key: "source", Value: []byte("pos")}}}
	w, _ := ParseWhere(`value.status == "paid" && value.total > 1000`)
	b.ReportAllocs()
	for b.Loop() {
		w.Match(r)
	}
}

// An expression cannot build more than its budget for one record, however
// it tries: each such record fails (counted, with why), quickly, and the
// expressions people write still work.
func TestWhereBuildsWithinItsBudget(t *testing.T) {
	r := &Record{Key: []byte("k1"), Value: []byte(`{"a":2,"b":3,"s":"xy"}`), Timestamp: time.Now().UnixMilli()}
	for _, src := range []string{
		`len(repeat(repeat("x", 100000), 100000)) > 0`,
		`reduce(1..80, #acc + #acc, "x") != ""`,
		`len(join(map(1..100000, repeat("x", 1000)), "")) > 0`,
		`len(replace(repeat("x", 100000), "x", repeat("y", 1000))) > 0`,
		`len(reduce(1..64, #acc + value.s + value.s + #acc, "")) > 0`,
	} {
		w, err := ParseWhere(src)
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		if w.Match(r) || w.Failed != 1 || !errors.Is(w.Err, ErrWhereBudget) && !strings.Contains(w.Err.Error(), "memory budget") {
			t.Errorf("%s: failed %d, %v; want one failure over budget", src, w.Failed, w.Err)
		}
	}
	for _, src := range []string{
		`value.a + value.b == 5`,
		`key + "-x" == "k1-x"`,
		`value.s + value.s == "xyxy"`,
		`timestamp + duration("1h") > now()`,
		`repeat("ab", 2) == "abab" && join(["a", "b"], "-") == "a-b" && replace("aa", "a", "b") == "bb"`,
		`1 + 2 == 3`,
	} {
		w, err := ParseWhere(src)
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		if !w.Match(r) {
			t.Errorf("%s: no match (%v)", src, w.Err)
		}
	}
	if _, err := ParseWhere(strings.Repeat("1 + ", 3000) + "1 > 0"); err == nil {
		t.Error("an expression of 6,000 nodes compiled")
	}
}

// JSON integers stay exact integers, as 64-bit ids need; other numbers
// compare as they always did.
func TestWhereIntegersAreExact(t *testing.T) {
	r := &Record{Value: []byte(`{"id":9007199254740993,"n":4,"price":10.5,"big":1e3,"items":[{"qty":3}]}`)}
	for src, want := range map[string]bool{
		`value.id == 9007199254740993`:         true,
		`value.id == 9007199254740992`:         false,
		`value.n % 2 == 0`:                     true,
		`value.price > 10 && value.price < 11`: true,
		`value.big == 1000`:                    true,
		`value.items[0].qty % 2 == 1`:          true,
		`value.id > 9007199254740992`:          true,
	} {
		w, err := ParseWhere(src)
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		if got := w.Match(r); got != want || w.Err != nil {
			t.Errorf("%s: %v (%v), want %v", src, got, w.Err, want)
		}
	}
	// The whole value read (not by fixed paths) is exact too.
	w, _ := ParseWhere(`value != nil && value.id == 9007199254740993 && value.id != 9007199254740992`)
	if !w.Match(r) {
		t.Errorf("read whole: no match (%v)", w.Err)
	}
}

// A value that holds neither a literal its expression needs (value.tag
// == "needle" in a top-level &&) nor an escape is not evaluated: it
// cannot match. One that spells the literal with an escape, or an
// expression that does not need it (||), is evaluated as before.
func TestWhereSkipsValuesThatCannotHoldItsLiteral(t *testing.T) {
	for _, c := range []struct {
		expr, value string
		want        bool
		evaluated   bool
	}{
		{`value.tag == "needle" && value.total < 500`, `{"tag":"needle","total":1}`, true, true},
		{`value.tag == "needle" && value.total < 500`, `{"tag":"ne\u0065dle","total":1}`, true, true},
		{`value.n > 0 and "needle" == value.tag`, `{"tag":"plain","n":"x"}`, false, false},
		{`value.n > 0 && value.tag == "needle"`, `{"tag":"plain","n":"x"}`, false, false},
		{`value.n > 0 || value.tag == "needle"`, `{"tag":"plain","n":"x"}`, false, true},
		{`value.n > 0 && value.tag == "say \"hi\""`, `{"tag":"plain","n":"x"}`, false, true},
		{`value.n > 0 && value.tag != "needle"`, `{"tag":"plain","n":1}`, true, true},
	} {
		w, err := ParseWhere(c.expr)
		if err != nil {
			t.Fatalf("%s: %v", c.expr, err)
		}
		// value.n > 0 on a string fails, and comes first: a failure
		// says the expression was evaluated.
		got := w.Match(&Record{Value: []byte(c.value)})
		evaluated := got || w.Failed > 0
		if got != c.want || c.value != `{"tag":"plain","n":1}` && evaluated != c.evaluated {
			t.Errorf("%s on %s: matched %v, evaluated %v (failed %d); want %v, %v", c.expr, c.value, got, evaluated, w.Failed, c.want, c.evaluated)
		}
	}
}

// What an expression sees of one record is never what it saw of the one
// before: the map of fields and headers it reuses is emptied.
func TestWhereForgetsTheRecordBefore(t *testing.T) {
	w, _ := ParseWhere(`value.a == nil && headers["h"] == ""`)
	if !w.Match(&Record{Value: []byte(`{}`)}) {
		t.Fatal("an empty record did not match")
	}
	w.Match(&Record{Value: []byte(`{"a":1}`), Headers: []Header{{Key: "h", Value: []byte("x")}}})
	if !w.Match(&Record{Value: []byte(`{"b":2}`)}) || !w.Match(&Record{Value: []byte(`{}`), Headers: []Header{{Key: "other", Value: []byte("y")}}}) {
		t.Error("a field or header of an earlier record was still seen")
	}
}
