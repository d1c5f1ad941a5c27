package model

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/vm"
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
	usesValue bool // parse the value's JSON only for expressions that read it
	machine   vm.VM
	env       whereEnv
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
	program, err := expr.Compile(source, expr.Env(whereEnv{}), expr.AsBool())
	if err != nil {
		return nil, fmt.Errorf("--where %q: %w", source, err)
	}
	uses := ast.Find(program.Node(), func(n ast.Node) bool {
		id, ok := n.(*ast.IdentifierNode)
		return ok && id.Value == "value"
	})
	return &Where{source: source, program: program, usesValue: uses != nil}, nil
}

// String is the expression as written.
func (w *Where) String() string { return w.source }

// Match evaluates the expression on r. It reuses its machine: a Where
// serves one goroutine.
func (w *Where) Match(r *Record) bool {
	w.env = whereEnv{Key: string(r.ShownKey()), Partition: int(r.Partition), Offset: r.Offset, Timestamp: r.Time()}
	if len(r.Headers) > 0 {
		w.env.Headers = make(map[string]string, len(r.Headers))
		for _, h := range r.Headers {
			w.env.Headers[h.Key] = string(h.Value)
		}
	}
	if w.usesValue {
		w.env.Value = valueOf(r.ShownValue())
	}
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
// arrays, numbers as float64), else its text.
func valueOf(b []byte) any {
	if b == nil {
		return nil
	}
	if t := strings.TrimLeft(string(b[:min(len(b), 64)]), " \t\r\n"); t != "" && strings.ContainsRune("{[", rune(t[0])) {
		var v any
		if json.Unmarshal(b, &v) == nil {
			return v
		}
	}
	return string(b)
}
