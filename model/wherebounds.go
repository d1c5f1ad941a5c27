package model

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/vm/runtime"
)

// An expression's cost is bounded three ways, since one record's
// evaluation cannot be stopped from outside once it runs:
//   - its size, by expr-lang's node limit;
//   - what it loops over (ranges, map, filter), by expr-lang's memory
//     budget, which counts elements;
//   - the strings it builds, which that budget does not see until after
//     they are built (repeat("x", 1e6) of a 10 KB string is 10 GB), by
//     kscope's own versions of the functions that can make a string
//     longer than their input: repeat, replace, join and +, which count
//     every byte they build against a budget per record.
const (
	maxWhereNodes = 2000
	// maxBuilt is how many bytes one record's evaluation may build.
	maxBuilt = 16 << 20
)

// ErrWhereBudget is why a record's evaluation stopped: it built more than
// an expression may.
var ErrWhereBudget = fmt.Errorf("the expression built more than %s for one record", FormatIEC(maxBuilt))

// built counts the bytes one evaluation has built; Match resets it.
type built struct{ n int }

func (b *built) grow(n int) error {
	if n < 0 || n > maxBuilt-b.n {
		return ErrWhereBudget
	}
	b.n += n
	return nil
}

// concatCall names the function every + whose operands may be strings
// becomes.
const concatCall = "kscopeConcat"

// boundedOptions replace the string builders with counted ones.
func (b *built) options() []expr.Option {
	return []expr.Option{
		expr.MaxNodes(maxWhereNodes),
		expr.DisableBuiltin("repeat"),
		expr.Function("repeat", b.repeat, strings.Repeat),
		expr.DisableBuiltin("replace"),
		expr.Function("replace", b.replace, strings.ReplaceAll),
		expr.DisableBuiltin("join"),
		expr.Function("join", b.join, new(func([]any, string) string), new(func([]any) string)),
		expr.Function(concatCall, b.concat),
		expr.Patch(concatPatch{}),
	}
}

func (b *built) repeat(args ...any) (any, error) {
	s, n := args[0].(string), runtime.ToInt(args[1])
	if n < 0 {
		return nil, fmt.Errorf("repeat: %d times", n)
	}
	if n > 0 && len(s) > maxBuilt/n {
		return nil, ErrWhereBudget
	}
	if err := b.grow(len(s) * n); err != nil {
		return nil, err
	}
	return strings.Repeat(s, n), nil
}

func (b *built) replace(args ...any) (any, error) {
	s, old, with := args[0].(string), args[1].(string), args[2].(string)
	if len(with) > len(old) {
		if err := b.grow((len(with) - len(old)) * strings.Count(s, old)); err != nil {
			return nil, err
		}
	}
	return strings.ReplaceAll(s, old, with), nil
}

func (b *built) join(args ...any) (any, error) {
	glue := ""
	if len(args) == 2 {
		glue = args[1].(string)
	}
	items, ok := args[0].([]any)
	if !ok {
		return nil, fmt.Errorf("join: want an array of strings, not %T", args[0])
	}
	parts := make([]string, len(items))
	size := len(glue) * max(len(items)-1, 0)
	for i, it := range items {
		s, ok := it.(string)
		if !ok {
			return nil, fmt.Errorf("join: element %d is %T, not a string", i, it)
		}
		parts[i], size = s, size+len(s)
	}
	if err := b.grow(size); err != nil {
		return nil, err
	}
	return strings.Join(parts, glue), nil
}

// concat is +: strings joined within the budget, anything else added as
// expr-lang adds it.
func (b *built) concat(args ...any) (out any, err error) {
	if s, ok := args[0].(string); ok {
		if t, ok := args[1].(string); ok {
			if err := b.grow(len(s) + len(t)); err != nil {
				return nil, err
			}
			return s + t, nil
		}
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	return runtime.Add(args[0], args[1]), nil
}

// concatPatch turns each + that may join strings (either side a string,
// or of a type known only when it runs) into a call of concatCall; a +
// of numbers known as such stays as it is.
type concatPatch struct{}

func (concatPatch) Visit(node *ast.Node) {
	n, ok := (*node).(*ast.BinaryNode)
	if !ok || n.Operator != "+" || !mayBeString(n.Left) && !mayBeString(n.Right) {
		return
	}
	ast.Patch(node, &ast.CallNode{Callee: &ast.IdentifierNode{Value: concatCall}, Arguments: []ast.Node{n.Left, n.Right}})
}

func mayBeString(n ast.Node) bool {
	t := n.Type()
	return t == nil || t.Kind() == reflect.String || t.Kind() == reflect.Interface
}
