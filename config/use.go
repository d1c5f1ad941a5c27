package config

import (
	"fmt"
	"os"
	"regexp"
	"strings"
)

var currentLine = regexp.MustCompile(`(?m)^current_context:.*$`)

// Use makes name the file's current context. It rewrites that one line
// (or adds it), so the file's comments and layout stay as the user wrote
// them.
func (f *File) Use(name string) error {
	if f.Contexts[name] == nil {
		return fmt.Errorf("context %q is not in %s; it has: %s", name, f.path, strings.Join(f.Names(), ", "))
	}
	data, err := os.ReadFile(f.path)
	if err != nil {
		return err
	}
	line := "current_context: " + quote(name)
	if currentLine.Match(data) {
		data = currentLine.ReplaceAll(data, []byte(line))
	} else {
		data = append([]byte(line+"\n"), data...)
	}
	if err := os.WriteFile(f.path, data, f.mode|0o600); err != nil {
		return err
	}
	f.CurrentContext = name
	return nil
}

// quote writes a context name as a YAML scalar, quoted when it must be.
func quote(s string) string {
	if regexp.MustCompile(`^[A-Za-z0-9_./-]+$`).MatchString(s) {
		return s
	}
	return fmt.Sprintf("%q", s)
}
