package config

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

// AddContexts adds the imported contexts the file does not have yet, at
// the end of its contexts, as Use edits: the rest of the file, comments
// included, stays as written, and the result must parse to the file's
// contexts and these, or the file is left alone. added and kept name
// the contexts added, and those skipped because the file has one of the
// name already.
func (f *File) AddContexts(in Imported) (added, kept []string, err error) {
	err = f.rewrite("add contexts", func(data []byte, want *File) ([]byte, error) {
		added, kept = nil, nil
		fresh := map[string]*Context{}
		for _, name := range slices.Sorted(maps.Keys(in.Contexts)) {
			if want.Contexts[name] != nil {
				kept = append(kept, name)
				continue
			}
			fresh[name] = in.Contexts[name]
			want.Contexts[name] = in.Contexts[name]
			added = append(added, name)
		}
		if len(fresh) == 0 {
			return data, nil
		}
		return appendContexts(data, fresh)
	})
	if err == nil {
		for _, name := range added {
			f.Contexts[name] = in.Contexts[name]
		}
	}
	return added, kept, err
}

// CreateWith writes a new config file at path holding the imported
// contexts, the tool's current one current, readable by the user alone.
func CreateWith(path string, in Imported) error {
	var b bytes.Buffer
	b.WriteString("# Written by kscope config import; kscope config example shows every setting.\n")
	if in.Contexts[in.Current] != nil {
		fmt.Fprintf(&b, "current_context: %s\n", quote(in.Current))
	}
	b.WriteString("contexts:\n")
	body, err := renderContexts(in.Contexts, "  ")
	if err != nil {
		return err
	}
	b.Write(body)
	if _, err := Parse(b.Bytes()); err != nil {
		return fmt.Errorf("the contexts imported would not make a file kscope can read: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	file, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := file.Write(b.Bytes()); err != nil {
		file.Close()
		os.Remove(path)
		return err
	}
	return file.Close()
}

// appendContexts adds contexts at the end of the file's contexts mapping,
// at the indentation of its keys; a file without contexts gets them.
func appendContexts(data []byte, contexts map[string]*Context) ([]byte, error) {
	file, err := parser.ParseBytes(data, 0)
	if err != nil {
		return nil, err
	}
	if len(file.Docs) != 1 || file.Docs[0].Body == nil {
		return nil, errors.New("the file is not one YAML document")
	}
	top := mappingValues(file.Docs[0].Body)
	var key *ast.MappingValueNode
	for _, v := range top {
		if v.Key.GetToken().Value == "contexts" {
			key = v
		}
	}
	if key == nil || key.Value == nil || key.Value.Type() == ast.NullType {
		body, err := renderContexts(contexts, "  ")
		if err != nil {
			return nil, err
		}
		if key != nil {
			return nil, errors.New("its contexts: is empty; write a context by hand first, or remove the line")
		}
		if len(data) > 0 && data[len(data)-1] != '\n' {
			data = append(data, '\n')
		}
		return append(append(data, "contexts:\n"...), body...), nil
	}
	entries := mappingValues(key.Value)
	if len(entries) == 0 || isFlow(key.Value) {
		return nil, errors.New("its contexts are not a block mapping kscope can add to")
	}
	lines := lineStarts(data)
	_, indent, ok := lineOfToken(data, lines, entries[0].Key.GetToken().Position)
	if !ok || strings.TrimSpace(indent) != "" {
		return nil, errors.New("cannot find where its contexts start")
	}
	keyStart, keyIndent, _ := lineOfToken(data, lines, key.Key.GetToken().Position)
	end := itemEnd(data, keyStart, len(keyIndent))
	body, err := renderContexts(contexts, indent)
	if err != nil {
		return nil, err
	}
	if end == len(data) && len(data) > 0 && data[len(data)-1] != '\n' {
		body = append([]byte("\n"), body...)
	}
	return splice(data, end, end, string(body)), nil
}

// renderContexts writes contexts as YAML, each line indented.
func renderContexts(contexts map[string]*Context, indent string) ([]byte, error) {
	out, err := yaml.MarshalWithOptions(contexts, yaml.Indent(2))
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	for _, line := range strings.SplitAfter(strings.TrimRight(string(out), "\n"), "\n") {
		b.WriteString(indent + line)
	}
	b.WriteByte('\n')
	return b.Bytes(), nil
}
