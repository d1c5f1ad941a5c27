package config

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

// RememberDecode puts rule first among a context's decode rules, so it
// decides for its topic from now on; older rules stay, below it. Only the
// lines of the new rule are added to the file, as Use adds its one line:
// comments and layout stay as they were.
func (f *File) RememberDecode(context string, rule DecodeRule) error {
	if err := rule.check(&Protobuf{}); err != nil {
		return err
	}
	err := f.rewrite("add a decode rule", func(data []byte, want *File) ([]byte, error) {
		c := want.Contexts[context]
		if c == nil {
			return nil, fmt.Errorf("context %q is no longer in the file", context)
		}
		c.Decode = append([]DecodeRule{rule}, c.Decode...)
		return addRule(data, context, rule)
	})
	if err == nil && f.Contexts[context] != nil {
		c := f.Contexts[context]
		c.Decode = append([]DecodeRule{rule}, c.Decode...)
	}
	return err
}

// addRule edits the bytes of a config to put rule first in the decode
// list of context, making the list when there is none.
func addRule(data []byte, context string, rule DecodeRule) ([]byte, error) {
	file, err := parser.ParseBytes(data, 0)
	if err != nil {
		return nil, err
	}
	if len(file.Docs) != 1 || file.Docs[0].Body == nil {
		return nil, errors.New("the file is not one YAML document")
	}
	contexts := valueOf(mappingValues(file.Docs[0].Body), "contexts")
	ctx := valueOf(mappingValues(contexts), context)
	values := mappingValues(ctx)
	if len(values) == 0 || isFlow(ctx) {
		return nil, fmt.Errorf("context %q is not a block mapping kscope can add lines to", context)
	}
	lines := lineStarts(data)
	if list := valueOf(values, "decode"); list != nil {
		seq, ok := list.(*ast.SequenceNode)
		if !ok || seq.IsFlowStyle || seq.Start == nil {
			return nil, errors.New("its decode is not a block list kscope can add to")
		}
		lineStart, indent, ok := lineOfToken(data, lines, seq.Start.Position)
		if !ok {
			return nil, errors.New("cannot find where its decode list starts")
		}
		if strings.TrimSpace(indent) != "" {
			return nil, errors.New("its decode list does not start a line")
		}
		return splice(data, lineStart, lineStart, ruleLines(indent, rule)), nil
	}
	lineStart, indent, ok := lineOfToken(data, lines, values[0].Key.GetToken().Position)
	if !ok {
		return nil, errors.New("cannot find the context's first key")
	}
	return splice(data, lineStart, lineStart, indent+"decode:\n"+ruleLines(indent+"  ", rule)), nil
}

// ruleLines writes a rule as a block list item at indent.
func ruleLines(indent string, rule DecodeRule) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s- topic: %s\n", indent, quote(rule.Topic))
	for _, part := range []struct {
		name string
		f    *DecodeFormat
	}{{"key", rule.Key}, {"value", rule.Value}} {
		if part.f == nil {
			continue
		}
		fields := []string{"format: " + quote(part.f.Format)}
		if part.f.Message != "" {
			fields = append(fields, "message: "+quote(part.f.Message))
		}
		if part.f.SchemaFile != "" {
			fields = append(fields, "schema_file: "+quote(part.f.SchemaFile))
		}
		fmt.Fprintf(&b, "%s  %s: {%s}\n", indent, part.name, strings.Join(fields, ", "))
	}
	return b.String()
}

// mappingValues are the key-value pairs of a mapping node, or none.
func mappingValues(n ast.Node) []*ast.MappingValueNode {
	switch n := n.(type) {
	case *ast.MappingNode:
		return n.Values
	case *ast.MappingValueNode:
		return []*ast.MappingValueNode{n}
	}
	return nil
}

func valueOf(values []*ast.MappingValueNode, key string) ast.Node {
	i := slices.IndexFunc(values, func(mv *ast.MappingValueNode) bool { return mv.Key.GetToken().Value == key })
	if i < 0 {
		return nil
	}
	return values[i].Value
}

func isFlow(n ast.Node) bool {
	m, ok := n.(*ast.MappingNode)
	return ok && m.IsFlowStyle
}
