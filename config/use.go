package config

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"
)

// Use makes name the file's current context, and nothing else changes:
// the YAML parser finds where current_context's value is (or where the
// first top-level key is, to add it), and only those bytes are edited, so
// comments, layout and quoting stay as the user wrote them. The result
// must parse to the same contexts with name current, or the file is left
// alone. It is written to a temporary file beside the original, synced,
// and renamed over it (keeping its mode and owner; a symlinked config is
// followed to its target), under a lock, so two kscopes at once, or a
// full disk, never leave a file cut short.
func (f *File) Use(name string) error {
	if f.Contexts[name] == nil {
		return fmt.Errorf("context %q is not in %s; it has: %s", name, f.path, strings.Join(f.Names(), ", "))
	}
	err := f.rewrite("set current_context", func(data []byte, want *File) ([]byte, error) {
		if want.Contexts[name] == nil {
			return nil, fmt.Errorf("context %q is no longer in the file", name)
		}
		want.CurrentContext = name
		return setCurrent(data, name)
	})
	if err == nil {
		f.CurrentContext = name
	}
	return err
}

// rewrite edits the file's bytes with edit, which also changes want (the
// file as read, under the lock) into what the edited bytes must parse
// to. Anything else changed, and the file is left alone. See Use for how
// it is written.
func (f *File) rewrite(what string, edit func(data []byte, want *File) ([]byte, error)) error {
	target, err := filepath.EvalSymlinks(f.path)
	if err != nil {
		return err
	}
	unlock, err := lock(target)
	if err != nil {
		return err
	}
	defer unlock()
	// Read again under the lock: another kscope may have just written it.
	data, err := os.ReadFile(target)
	if err != nil {
		return err
	}
	want, err := Parse(data)
	if err != nil {
		return fmt.Errorf("%s:%w", f.path, err)
	}
	edited, err := edit(data, want)
	if err != nil {
		return fmt.Errorf("%s: cannot %s: %w; the file is unchanged", f.path, what, err)
	}
	after, err := Parse(edited)
	if err != nil {
		return fmt.Errorf("%s: to %s would leave a file kscope cannot read (%v); the file is unchanged", f.path, what, err)
	}
	if after.CurrentContext != want.CurrentContext || !reflect.DeepEqual(after.Contexts, want.Contexts) {
		return fmt.Errorf("%s: to %s would change more than that; the file is unchanged, edit it by hand", f.path, what)
	}
	if err := replaceFile(target, edited); err != nil {
		return fmt.Errorf("%s: %w; the file is unchanged", f.path, err)
	}
	return nil
}

// setCurrent edits the bytes of a config so current_context is name.
func setCurrent(data []byte, name string) ([]byte, error) {
	file, err := parser.ParseBytes(data, 0)
	if err != nil {
		return nil, err
	}
	if len(file.Docs) != 1 || file.Docs[0].Body == nil {
		return nil, errors.New("the file is not one YAML document")
	}
	body := file.Docs[0].Body
	var values []*ast.MappingValueNode
	flow := false
	switch b := body.(type) {
	case *ast.MappingNode:
		values, flow = b.Values, b.IsFlowStyle
	case *ast.MappingValueNode:
		values = []*ast.MappingValueNode{b}
	default:
		return nil, errors.New("its top level is not a mapping")
	}
	lines := lineStarts(data)
	for _, mv := range values {
		if mv.Key.GetToken().Value != "current_context" {
			continue
		}
		start, ok := offsetOf(data, lines, mv.Value.GetToken().Position)
		if !ok {
			return nil, errors.New("its current_context has no value to replace")
		}
		end := start + scalarLen(data[start:], flow)
		return splice(data, start, end, quote(name)), nil
	}
	if len(values) == 0 {
		return nil, errors.New("it has no keys")
	}
	if flow {
		// {"contexts": …} becomes {"current_context": name, "contexts": …}
		at, ok := offsetOf(data, lines, body.GetToken().Position)
		if !ok || data[at] != '{' {
			return nil, errors.New("cannot find where its mapping opens")
		}
		return splice(data, at+1, at+1, `"current_context": `+quote(name)+", "), nil
	}
	// A new line above the first top-level key, indented as it is, so a
	// leading "---" or comment stays first.
	lineStart, indent, ok := lineOfToken(data, lines, values[0].Key.GetToken().Position)
	if !ok {
		return nil, errors.New("cannot find its first key")
	}
	return splice(data, lineStart, lineStart, indent+"current_context: "+quote(name)+"\n"), nil
}

// lineOfToken is where the line of a token starts and what comes before
// the token on it: the indentation of a key that starts its line.
func lineOfToken(data []byte, lines []int, p *token.Position) (lineStart int, before string, ok bool) {
	at, ok := offsetOf(data, lines, p)
	if !ok {
		return 0, "", false
	}
	lineStart = lines[p.Line-1]
	return lineStart, string(data[lineStart:at]), true
}

func lineStarts(data []byte) []int {
	starts := []int{0}
	for i, c := range data {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// offsetOf turns a token's line and column (1-based, in characters) into
// a byte offset in data.
func offsetOf(data []byte, lines []int, p *token.Position) (int, bool) {
	line, col := p.Line, p.Column
	if line < 1 || line > len(lines) || col < 1 {
		return 0, false
	}
	at := lines[line-1]
	for range col - 1 {
		if at >= len(data) || data[at] == '\n' {
			return 0, false
		}
		_, size := utf8.DecodeRune(data[at:])
		at += size
	}
	return at, at < len(data)
}

// scalarLen is the length of the scalar at the start of b: a quoted one to
// its closing quote, a plain one to a comment, the line's end, or in a
// flow mapping a comma or brace.
func scalarLen(b []byte, flow bool) int {
	if len(b) > 0 && (b[0] == '"' || b[0] == '\'') {
		q := b[0]
		for i := 1; i < len(b); i++ {
			switch {
			case b[i] == '\\' && q == '"':
				i++
			case b[i] == q && q == '\'' && i+1 < len(b) && b[i+1] == '\'':
				i++ // '' is an escaped quote
			case b[i] == q:
				return i + 1
			}
		}
		return len(b)
	}
	end := bytes.IndexByte(b, '\n')
	if end < 0 {
		end = len(b)
	}
	if c := bytes.Index(b[:end], []byte(" #")); c >= 0 {
		end = c
	}
	if flow {
		if c := bytes.IndexAny(b[:end], ",}"); c >= 0 {
			end = c
		}
	}
	return len(bytes.TrimRight(b[:end], " \t\r"))
}

func splice(data []byte, start, end int, with string) []byte {
	out := make([]byte, 0, len(data)+len(with))
	out = append(out, data[:start]...)
	out = append(out, with...)
	return append(out, data[end:]...)
}

// quote writes a context name as a YAML scalar, quoted when it must be.
func quote(s string) string {
	if plainName.MatchString(s) {
		return s
	}
	return fmt.Sprintf("%q", s)
}

var plainName = regexp.MustCompile(`^[A-Za-z0-9_./-]+$`)

// replaceFile writes data to path atomically: a temporary file in the same
// folder with path's mode and owner, synced, then renamed over path, and
// the folder synced. A failure leaves path as it was and no temporary file.
func replaceFile(path string, data []byte) (err error) {
	info, err := os.Stat(path)
	if err != nil {
		return err
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = tmp.Chmod(info.Mode().Perm()); err != nil {
		return err
	}
	if err = keepOwner(tmp, info); err != nil {
		return err
	}
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	if d, e := os.Open(dir); e == nil {
		d.Sync()
		d.Close()
	}
	return nil
}
