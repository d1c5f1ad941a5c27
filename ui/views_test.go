package ui

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kscope/kscope/kafka/kafkatest"
	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/uitest"
)

// The fake serves every view; a client without a pane's method is named,
// and opening that view says so rather than fail later.
func TestEveryViewIsServed(t *testing.T) {
	if u := Unserved(kafkatest.New(model.Cluster{})); len(u) > 0 {
		t.Errorf("the fake cannot open %v", u)
	}
	var bare struct{ Client }
	u := Unserved(bare)
	for _, want := range []string{"acls", "quotas", "users", "transactions", "brokers"} {
		if !slices.Contains(u, want) {
			t.Errorf("Unserved(a client of the app's own methods) = %v, want %s in it", u, want)
		}
	}
	if slices.Contains(u, "topics") || slices.Contains(u, "schemas") {
		t.Errorf("Unserved = %v: topics and schemas need no more than the app's client", u)
	}
	d := uitest.Start(t, New(appOnly{kafkatest.Sample()}, Options{Refresh: time.Hour}), 100, 20)
	d.WaitFor("orders")
	d.Type(":", "quotas", "enter")
	d.WaitFor(":quotas is not served by this connection")
}

// appOnly hides every method of the fake but the app's own.
type appOnly struct{ Client }

// Every command's name and alias is one view's, and every view names
// its help: the registry is the one place commands are declared.
func TestRegistryNamesAreUnique(t *testing.T) {
	seen := map[string]string{}
	for _, v := range views {
		if v.help == "" || (v.open == nil) == (v.do == nil) {
			t.Errorf(":%s: want a help line and exactly one of open and do", v.names[0])
		}
		for _, n := range v.names {
			if other, ok := seen[n]; ok {
				t.Errorf("%q names both :%s and :%s", n, other, v.names[0])
			}
			seen[n] = v.names[0]
		}
	}
}

func TestAliases(t *testing.T) {
	l := commandLine{help: "?", aliases: map[string]string{"dlq": "tail orders.dlq", "late": "groups orders", "f": "search orders"}}
	for line, want := range map[string]Command{
		"dlq":                      {Name: "tail", Arg: "orders.dlq"},
		":DLQ -1h":                 {Name: "tail", Arg: "orders.dlq", Opt: "-1h"},
		"late":                     {Name: "groups", Opt: "orders"},
		`f value.status == "paid"`: {Name: "search", Arg: "orders", Opt: `value.status == "paid"`},
		"topics":                   {Name: "topics"},
	} {
		if got, err := l.parse(line); err != nil || got != want {
			t.Errorf("parse(%q) = %+v, %v; want %+v", line, got, err, want)
		}
	}
	if got := l.names(); !slices.Equal(got[len(got)-3:], []string{"dlq", "f", "late"}) || got[0] != "topics" {
		t.Errorf("completion offers %v", got)
	}
	for aliases, want := range map[string]string{
		"g":     `alias "g" hides the command :g`,
		"a b":   `alias "a b": an alias is one word`,
		"oops":  `alias oops: unknown command "florb"; press ? for the list`,
		"short": "alias short: :tail needs TOPIC [FROM], e.g. :tail orders",
	} {
		expansion := map[string]string{"g": "groups", "a b": "topics", "oops": "florb x", "short": "tail"}[aliases]
		if err := CheckAliases(map[string]string{aliases: expansion}); err == nil || err.Error() != want {
			t.Errorf("CheckAliases(%s: %s) = %v, want %q", aliases, expansion, err, want)
		}
	}
}

// A user's alias opens its view, is offered by completion and listed in
// help beside the commands.
func TestAliasOpensItsView(t *testing.T) {
	fake := kafkatest.Sample()
	app := New(fake, Options{Refresh: time.Hour, Now: func() time.Time { return epoch }, Aliases: map[string]string{"pay": "tail payments beginning"}})
	d := uitest.Start(t, app, 120, 60)
	d.WaitFor("orders")
	d.Type(":", "pa", "tab", "enter")
	d.WaitFor("tail payments")
	d.Type("?")
	help := d.WaitFor("Commands")
	if !strings.Contains(help, "your alias: tail payments beginning") {
		t.Errorf("help does not list the alias:\n%s", help)
	}
}
