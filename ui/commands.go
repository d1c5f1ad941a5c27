package ui

import (
	"fmt"
	"strings"
)

// Command is a parsed command line: a canonical route name and its argument.
type Command struct {
	Name string
	Arg  string
}

// route is one command of the : command line.
type route struct {
	names []string // the first is the canonical name, the rest aliases
	arg   string   // the argument it needs, empty for none
	help  string
}

// routes are the commands, in the order help lists them.
var routes = []route{
	{names: []string{"topics", "t", "tp"}, help: "list topics"},
	{names: []string{"topic", "partitions", "p"}, arg: "NAME", help: "show a topic's partitions"},
	{names: []string{"brokers", "b", "br", "nodes"}, help: "list brokers"},
	{names: []string{"help", "h"}, help: "show keys and commands"},
	{names: []string{"quit", "q", "q!", "exit"}, help: "quit kscope"},
}

// ParseCommand reads a command line such as "topic orders" or ":t".
func ParseCommand(line string) (Command, error) {
	fields := strings.Fields(strings.TrimPrefix(strings.TrimSpace(line), ":"))
	if len(fields) == 0 {
		return Command{}, fmt.Errorf("empty command; try :topics or :brokers")
	}
	word := strings.ToLower(fields[0])
	for _, r := range routes {
		for _, n := range r.names {
			if n != word {
				continue
			}
			switch {
			case r.arg != "" && len(fields) != 2:
				return Command{}, fmt.Errorf(":%s needs %s, e.g. :%s orders", r.names[0], r.arg, r.names[0])
			case r.arg == "" && len(fields) != 1:
				return Command{}, fmt.Errorf(":%s takes no argument", r.names[0])
			}
			c := Command{Name: r.names[0]}
			if r.arg != "" {
				c.Arg = fields[1]
			}
			return c, nil
		}
	}
	return Command{}, fmt.Errorf("unknown command %q; press ? for the list", fields[0])
}

// commandNames are every name and alias, for the command line's completion.
func commandNames() []string {
	var names []string
	for _, r := range routes {
		names = append(names, r.names[0])
	}
	return names
}
