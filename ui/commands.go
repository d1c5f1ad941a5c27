package ui

import (
	"fmt"
	"sort"
	"strings"
)

// Command is a parsed command line: a canonical view name, its argument
// and an optional second one.
type Command struct {
	Name string
	Arg  string
	Opt  string
}

// ParseCommand reads a command line such as "topic orders" or ":t".
func ParseCommand(line string) (Command, error) { return commandLine{help: "?"}.parse(line) }

// commandLine reads the : line: the registry's names, and the user's
// aliases (a word standing for a command line, "dlq: tail orders.dlq").
type commandLine struct {
	aliases map[string]string
	help    string // the help key, for the error of an unknown command
}

// CheckAliases refuses aliases that hide a command or stand for no
// command line, before the TUI starts.
func CheckAliases(aliases map[string]string) error {
	for _, name := range sortedKeys(aliases) {
		if _, ok := lookup(strings.ToLower(name)); ok {
			return fmt.Errorf("alias %q hides the command :%s", name, name)
		}
		if strings.ContainsAny(name, " \t") || name == "" {
			return fmt.Errorf("alias %q: an alias is one word", name)
		}
		if _, err := ParseCommand(aliases[name]); err != nil {
			return fmt.Errorf("alias %s: %w", name, err)
		}
	}
	return nil
}

func (l commandLine) parse(line string) (Command, error) {
	line = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(line), ":"))
	fields := strings.Fields(line)
	if len(fields) == 0 {
		return Command{}, fmt.Errorf("empty command; try :topics or :brokers")
	}
	if expansion, ok := l.alias(fields[0]); ok {
		// The alias stands for the start of a line: what follows it is kept.
		line = strings.TrimSpace(expansion + strings.TrimPrefix(line, fields[0]))
		fields = strings.Fields(line)
	}
	v, ok := lookup(strings.ToLower(fields[0]))
	if !ok {
		return Command{}, fmt.Errorf("unknown command %q; press %s for the list", fields[0], l.help)
	}
	args := fields[1:]
	if v.rest && len(args) > 1 {
		// The query keeps its spaces: cut the line after the topic.
		_, after, _ := strings.Cut(strings.TrimPrefix(line, fields[0]), fields[1])
		args = []string{args[0], strings.TrimSpace(after)}
	}
	need, allowed := count(v.arg), count(v.arg)+count(v.opt)
	switch {
	case len(args) >= need && len(args) <= allowed:
	case v.arg != "":
		return Command{}, fmt.Errorf(":%s needs %s, e.g. :%s orders", v.names[0], v.usage(), v.names[0])
	case allowed == 0:
		return Command{}, fmt.Errorf(":%s takes no argument", v.names[0])
	default:
		return Command{}, fmt.Errorf(":%s takes at most %s", v.names[0], v.usage())
	}
	c := Command{Name: v.names[0]}
	if v.arg == "" && len(args) == 1 {
		c.Opt = args[0]
		return c, nil
	}
	if len(args) > 0 {
		c.Arg = args[0]
	}
	if len(args) > 1 {
		c.Opt = args[1]
	}
	return c, nil
}

func (l commandLine) alias(word string) (string, bool) {
	for name, expansion := range l.aliases {
		if strings.EqualFold(name, word) {
			return expansion, true
		}
	}
	return "", false
}

// names are what completion offers: each command's first name, then the
// user's aliases (the registry's aliases are for typing, not offering).
func (l commandLine) names() []string {
	var out []string
	for _, v := range views {
		out = append(out, v.names[0])
	}
	return append(out, sortedKeys(l.aliases)...)
}

func count(arg string) int {
	if arg == "" {
		return 0
	}
	return 1
}

// usage is the view's arguments as help shows them: "TOPIC [FROM]".
func (v view) usage() string {
	u := v.arg
	if v.opt != "" {
		u = strings.TrimSpace(u + " [" + v.opt + "]")
	}
	return u
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
