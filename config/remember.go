package config

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

// RememberDecode puts rule first among a context's decode rules, so it
// decides for its topic from now on. A rule for the very same topic
// (pattern) is replaced, not stacked under it; other rules stay, below
// it. Only the lines of the rules are touched, as Use touches its one
// line: comments and layout stay as they were.
func (f *File) RememberDecode(context string, rule DecodeRule) error {
	if err := rule.check(&Protobuf{}); err != nil {
		return err
	}
	err := f.rewrite("add a decode rule", func(data []byte, want *File) ([]byte, error) {
		c := want.Contexts[context]
		if c == nil {
			return nil, fmt.Errorf("context %q is no longer in the file", context)
		}
		c.Decode = withRule(c.Decode, rule)
		return addRule(data, context, rule)
	})
	if err == nil && f.Contexts[context] != nil {
		c := f.Contexts[context]
		c.Decode = withRule(c.Decode, rule)
	}
	return err
}

// withRule is rules with rule first, and none other for its topic.
func withRule(rules []DecodeRule, rule DecodeRule) []DecodeRule {
	rest := slices.DeleteFunc(slices.Clone(rules), func(r DecodeRule) bool { return r.Topic == rule.Topic })
	return append([]DecodeRule{rule}, rest...)
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
		// The rules for the same topic go, last first, so the offsets of
		// those before stay good; the new rule goes where the list starts.
		for i := len(seq.Values) - 1; i >= 0; i-- {
			if topicOf(seq.Values[i]) != rule.Topic {
				continue
			}
			from, _, ok := lineOfToken(data, lines, seq.Values[i].GetToken().Position)
			if !ok {
				return nil, errors.New("cannot find where a decode rule starts")
			}
			data = splice(data, from, itemEnd(data, from, len(indent)), "")
		}
		return splice(data, lineStart, lineStart, ruleLines(indent, rule)), nil
	}
	lineStart, indent, ok := lineOfToken(data, lines, values[0].Key.GetToken().Position)
	if !ok {
		return nil, errors.New("cannot find the context's first key")
	}
	return splice(data, lineStart, lineStart, indent+"decode:\n"+ruleLines(indent+"  ", rule)), nil
}

// topicOf is the topic of a decode rule's list item, or "".
func topicOf(item ast.Node) string {
	if v, ok := valueOf(mappingValues(item), "topic").(*ast.StringNode); ok {
		return v.Value
	}
	return ""
}

// itemEnd is where the block list item whose line starts at from ends:
// before the first line after it that is indented no deeper than its
// dash, or at the end. Blank lines inside it go with it.
func itemEnd(data []byte, from, dash int) int {
	at := from
	for {
		next := bytes.IndexByte(data[at:], '\n')
		if next < 0 {
			return len(data)
		}
		at += next + 1
		line := data[at:]
		if end := bytes.IndexByte(line, '\n'); end >= 0 {
			line = line[:end]
		}
		body := bytes.TrimLeft(line, " ")
		if len(body) > 0 && len(line)-len(body) <= dash {
			return at
		}
	}
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
