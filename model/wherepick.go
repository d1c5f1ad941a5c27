package model

import (
	"bytes"
	"strings"
	"unsafe"

	"github.com/expr-lang/expr/ast"
	"github.com/tidwall/gjson"
)

// view is b as a string without a copy. A record's bytes never change
// once read, and what an evaluation sees of them is dropped by the next:
// copying every key, value and header of a scan into strings was a third
// of what an expression cost.
func view(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }

// picker picks an expression's fixed fields out of values, into one map
// it reuses: what json.Unmarshal would give, for those paths.
type picker struct {
	fields []valueField
	root   map[string]any
}

func (p *picker) pick(b []byte) map[string]any {
	if p.root == nil {
		p.root = make(map[string]any, len(p.fields))
	}
	clear(p.root)
	s := view(b)
	for _, f := range p.fields {
		r := gjson.Get(s, f.path)
		if !r.Exists() {
			continue
		}
		place(p.root, f.keys, resultValue(r))
	}
	return p.root
}

// guard is what a value's bytes must hold for an expression to be true:
// each string that a top-level conjunct (a && b && ...) compares with ==
// to a fixed path of the value. A JSON string equal to such a literal is
// written either as the literal itself or with an escape, so a value
// that holds neither the literal nor a backslash cannot make the
// expression true, and is not evaluated. Literals JSON must escape (a
// quote, a backslash, a control) guard nothing.
type guard [][]byte

func guardOf(n ast.Node) guard {
	b, ok := n.(*ast.BinaryNode)
	if !ok {
		return nil
	}
	switch b.Operator {
	case "&&", "and":
		return append(guardOf(b.Left), guardOf(b.Right)...)
	case "==":
		for _, pair := range [][2]ast.Node{{b.Left, b.Right}, {b.Right, b.Left}} {
			lit, isString := pair[1].(*ast.StringNode)
			keys, isPath := fixedChain(pair[0])
			if isString && isPath && len(keys) > 0 && lit.Value != "" && verbatimInJSON(lit.Value) {
				return guard{[]byte(lit.Value)}
			}
		}
	}
	return nil
}

// verbatimInJSON reports whether a JSON string may hold s as it is.
func verbatimInJSON(s string) bool {
	return !strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 || r == '"' || r == '\\' })
}

// admits reports whether value may make the expression true.
func (g guard) admits(value []byte) bool {
	if len(g) == 0 || bytes.IndexByte(value, '\\') >= 0 {
		return true
	}
	for _, lit := range g {
		if !bytes.Contains(value, lit) {
			return false
		}
	}
	return true
}
