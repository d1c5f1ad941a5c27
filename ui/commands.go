package ui

import (
	"fmt"
	"strings"
)

// Command is a parsed command line: a canonical route name, its argument
// and an optional second one.
type Command struct {
	Name string
	Arg  string
	Opt  string
}

// route is one command of the : command line.
type route struct {
	names []string // the first is the canonical name, the rest aliases
	arg   string   // the argument it needs, empty for none
	opt   string   // an optional argument after it, empty for none
	rest  bool     // opt is the rest of the line, spaces and all
	help  string
}

// routes are the commands, in the order help lists them.
var routes = []route{
	{names: []string{"topics", "t", "tp"}, help: "list topics"},
	{names: []string{"topic", "partitions", "p"}, arg: "NAME", help: "show a topic's partitions"},
	{names: []string{"tail", "tl"}, arg: "TOPIC", opt: "FROM", help: "tail a topic, from end or FROM (beginning, -15m, -100…)"},
	{names: []string{"search", "find"}, arg: "TOPIC", opt: "QUERY", rest: true, help: `search a whole topic: key:K, ~regex, /text, or value.status == "paid"`},
	{names: []string{"groups", "cg", "g", "consumers"}, opt: "TOPIC", help: "consumer groups and their lag, or those of TOPIC"},
	{names: []string{"brokers", "b", "br", "nodes"}, help: "list brokers"},
	{names: []string{"acls", "acl"}, help: "the cluster's ACLs, filtered as you type"},
	{names: []string{"transactions", "txn", "txns"}, help: "transactional ids, open and hanging transactions first"},
	{names: []string{"producers", "prod", "writers"}, arg: "TOPIC", help: "the producers writing to TOPIC, open transactions first"},
	{names: []string{"quotas", "quota"}, help: "client quotas of users, client ids and IPs"},
	{names: []string{"users", "user", "scram"}, help: "SCRAM users and their mechanisms"},
	{names: []string{"schemas", "sr", "subjects"}, opt: "SUBJECT", help: "the schema registry's subjects, or SUBJECT's versions"},
	{names: []string{"ctx", "context", "contexts"}, opt: "NAME", help: "list the config's contexts, or switch to NAME"},
	{names: []string{"history", "jumps", "hist"}, help: "the views : commands left, to go back to one (esc goes to the last)"},
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
			args := fields[1:]
			if r.rest && len(args) > 1 {
				// The query keeps its spaces: cut the line after the topic.
				line := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(line), ":"))
				_, after, _ := strings.Cut(line, fields[1])
				args = []string{args[0], strings.TrimSpace(after)}
			}
			need, allowed := count(r.arg), count(r.arg)+count(r.opt)
			switch {
			case len(args) >= need && len(args) <= allowed:
			case r.arg != "":
				return Command{}, fmt.Errorf(":%s needs %s, e.g. :%s orders", r.names[0], r.usage(), r.names[0])
			case allowed == 0:
				return Command{}, fmt.Errorf(":%s takes no argument", r.names[0])
			default:
				return Command{}, fmt.Errorf(":%s takes at most %s", r.names[0], r.usage())
			}
			c := Command{Name: r.names[0]}
			if r.arg == "" && len(args) == 1 {
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
	}
	return Command{}, fmt.Errorf("unknown command %q; press ? for the list", fields[0])
}

func count(arg string) int {
	if arg == "" {
		return 0
	}
	return 1
}

// usage is the route's arguments as help shows them: "TOPIC [FROM]".
func (r route) usage() string {
	u := r.arg
	if r.opt != "" {
		u = strings.TrimSpace(u + " [" + r.opt + "]")
	}
	return u
}

// commandNames are each command's first name, for the command line's
// completion; aliases are not offered.
func commandNames() []string {
	var names []string
	for _, r := range routes {
		names = append(names, r.names[0])
	}
	return names
}
