package model

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/vm"
	"github.com/tidwall/gjson"
)

// Where is a compiled search expression over a record, in expr-lang's
// language (https://expr-lang.org): key, value, headers, partition,
// offset and timestamp, with the value's JSON fields addressable:
//
//	value.status == "paid" && value.amount > 1000 && headers["source"] == "pos"
//	key startsWith "ord-" and timestamp > now() - duration("1h")
//
// expr-lang/expr compiles once to bytecode and runs it on a reused
// machine, type-checked against the record's fields; it was chosen over
// CEL for that speed, a smaller dependency, and a syntax that reads like
// the Go and JavaScript its users write.
type Where struct {
	source    string
	program   *vm.Program
	usesValue bool // read the value only for expressions that do
	// pick holds the JSON fields the expression reads, when it reads the
	// value only through fixed paths (value.status, value.items[0].sku):
	// those are picked out of the JSON, which is not parsed whole. No
	// fields: it reads the value whole.
	pick    picker
	guard   guard // when it picks fields, what a value must hold to be evaluated
	headers map[string]string
	machine vm.VM
	env     whereEnv
	built   *built
	// Failed counts the records the expression could not be evaluated on
	// (a field compared with the wrong type, say), and Err is the first
	// such error: they do not match, and a summary says so.
	Failed int
	Err    error
}

// whereEnv is what an expression sees of a record.
type whereEnv struct {
	Key       string            `expr:"key"`
	Value     any               `expr:"value"` // the JSON, decoded; else the text
	Headers   map[string]string `expr:"headers"`
	Partition int               `expr:"partition"`
	Offset    int64             `expr:"offset"`
	Timestamp time.Time         `expr:"timestamp"`
}

// ParseWhere compiles an expression that must be true or false.
func ParseWhere(source string) (*Where, error) {
	b := &built{}
	program, err := expr.Compile(source, append([]expr.Option{expr.Env(whereEnv{}), expr.AsBool()}, b.options()...)...)
	if err != nil {
		// expr's error is a message, the line and a caret under the
		// place: front ends show its lines as lines.
		return nil, fmt.Errorf("expression %q: %w", source, err)
	}
	w := &Where{source: source, program: program, built: b}
	w.usesValue, w.pick.fields = valueFields(program.Node())
	if w.pick.fields != nil {
		w.guard = guardOf(program.Node())
	}
	return w, nil
}

// String is the expression as written.
func (w *Where) String() string { return w.source }

// Match evaluates the expression on r. It reuses its machine: a Where
// serves one goroutine.
func (w *Where) Match(r *Record) bool {
	if w.pick.fields != nil && !w.guard.admits(r.ShownValue()) {
		return false
	}
	w.env = whereEnv{Key: view(r.ShownKey()), Partition: int(r.Partition), Offset: r.Offset, Timestamp: r.Time()}
	if len(r.Headers) > 0 {
		if w.headers == nil {
			w.headers = make(map[string]string, len(r.Headers))
		}
		clear(w.headers)
		for _, h := range r.Headers {
			w.headers[h.Key] = view(h.Value)
		}
		w.env.Headers = w.headers
	}
	switch {
	case w.pick.fields != nil:
		w.env.Value = w.pick.pick(r.ShownValue())
	case w.usesValue:
		w.env.Value = valueOf(r.ShownValue())
	}
	w.built.n = 0
	out, err := w.machine.Run(w.program, &w.env)
	if err != nil {
		w.Failed++
		if w.Err == nil {
			w.Err = fmt.Errorf("offset %d of partition %d: %w", r.Offset, r.Partition, err)
		}
		return false
	}
	return out == true
}

// valueOf is a value as an expression sees it: its JSON decoded (objects,
// arrays, and numbers as jsonValue has them), else its text.
func valueOf(b []byte) any {
	if b == nil {
		return nil
	}
	if t := strings.TrimLeft(string(b[:min(len(b), 64)]), " \t\r\n"); t != "" && strings.ContainsRune("{[", rune(t[0])) {
		if v, err := jsonValue(b); err == nil {
			return v
		}
	}
	return string(b)
}

// jsonValue decodes JSON with its integers exact: a whole number that
// fits 64 bits is an int (ids of 2^53 and more are common, and float64
// cannot tell 9007199254740993 from ...992; % needs integers), any other
// number a float64.
func jsonValue(b []byte) (any, error) {
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return nil, err
	}
	if d.More() {
		return nil, errors.New("more than one JSON value")
	}
	return exactNumbers(v), nil
}

func exactNumbers(v any) any {
	switch v := v.(type) {
	case json.Number:
		return number(string(v))
	case map[string]any:
		for k, e := range v {
			v[k] = exactNumbers(e)
		}
	case []any:
		for i, e := range v {
			v[i] = exactNumbers(e)
		}
	}
	return v
}

// number is a JSON number's text as an int when it is a whole number
// that fits, else as a float64.
func number(text string) any {
	if i, err := strconv.ParseInt(text, 10, 64); err == nil {
		return int(i)
	}
	f, _ := strconv.ParseFloat(text, 64)
	return f
}

// valueField is a fixed path into the value: its keys, and the same as a
// gjson path.
type valueField struct {
	keys []string
	path string
}

// valueFields says whether an expression reads the value, and, when it
// reads it only through fixed paths, which ones: the shortest, since a
// path read whole holds the longer ones.
func valueFields(root ast.Node) (uses bool, fields []valueField) {
	var c fieldCollector
	ast.Walk(&root, &c)
	if c.idents == 0 {
		return false, nil
	}
	if c.idents > c.rooted {
		return true, nil // the value is read whole somewhere: value == "x", len(value)
	}
	for _, keys := range c.chains {
		if len(keys) == 0 {
			return true, nil // value[0]: an array value is read whole
		}
		covered := false
		for _, other := range c.chains {
			if len(other) < len(keys) && slices.Equal(other, keys[:len(other)]) {
				covered = true
			}
		}
		if !covered && !slices.ContainsFunc(fields, func(f valueField) bool { return slices.Equal(f.keys, keys) }) {
			fields = append(fields, valueField{keys: keys, path: gjsonPath(keys)})
		}
	}
	return true, fields
}

// fieldCollector counts uses of the identifier value, and the member
// chains of fixed keys rooted at it.
type fieldCollector struct {
	idents, rooted int
	chains         [][]string
}

func (c *fieldCollector) Visit(node *ast.Node) {
	switch n := (*node).(type) {
	case *ast.IdentifierNode:
		if n.Value == "value" {
			c.idents++
		}
	case *ast.MemberNode:
		keys, ok := fixedChain(n)
		if !ok {
			return
		}
		c.chains = append(c.chains, keys)
		if id, isIdent := n.Node.(*ast.IdentifierNode); isIdent && id.Value == "value" {
			c.rooted++
		}
	}
}

// fixedChain is the keys of value.a.b..., or false for anything else. An
// index into an array ends the chain: the array is read whole.
func fixedChain(n ast.Node) ([]string, bool) {
	switch n := n.(type) {
	case *ast.IdentifierNode:
		return nil, n.Value == "value"
	case *ast.MemberNode:
		if n.Method {
			return nil, false
		}
		keys, ok := fixedChain(n.Node)
		if !ok {
			return nil, false
		}
		switch p := n.Property.(type) {
		case *ast.StringNode:
			return append(slices.Clone(keys), p.Value), true
		case *ast.IntegerNode:
			return keys, true // an array is picked whole, then indexed
		}
	}
	return nil, false
}

func gjsonPath(keys []string) string {
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = gjson.Escape(k)
	}
	return strings.Join(parts, ".")
}

func resultValue(r gjson.Result) any {
	switch r.Type {
	case gjson.Null:
		return nil
	case gjson.False:
		return false
	case gjson.True:
		return true
	case gjson.Number:
		return number(r.Raw)
	case gjson.String:
		return r.Str
	}
	v, _ := jsonValue([]byte(r.Raw))
	return v
}

// place sets v at keys under root, making the maps between.
func place(root map[string]any, keys []string, v any) {
	m := root
	for _, k := range keys[:len(keys)-1] {
		next, ok := m[k].(map[string]any)
		if !ok {
			next = map[string]any{}
			m[k] = next
		}
		m = next
	}
	m[keys[len(keys)-1]] = v
}
