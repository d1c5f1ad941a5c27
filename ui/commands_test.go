package ui

import "testing"

func TestParseCommand(t *testing.T) {
	ok := []struct {
		line string
		want Command
	}{
		{"topics", Command{Name: "topics"}},
		{":t", Command{Name: "topics"}},
		{"  :TP  ", Command{Name: "topics"}},
		{"topic orders", Command{Name: "topic", Arg: "orders"}},
		{"p Inventory.Updates", Command{Name: "topic", Arg: "Inventory.Updates"}},
		{"nodes", Command{Name: "brokers"}},
		{"q!", Command{Name: "quit"}},
		{"h", Command{Name: "help"}},
		{"tail orders", Command{Name: "tail", Arg: "orders"}},
		{"tl orders -15m", Command{Name: "tail", Arg: "orders", Opt: "-15m"}},
		{"tail orders yesterday 09:00", Command{Name: "tail", Arg: "orders", Opt: "yesterday 09:00"}},
		{"cg", Command{Name: "groups"}},
		{"consumers orders", Command{Name: "groups", Opt: "orders"}},
	}
	for _, tt := range ok {
		got, err := ParseCommand(tt.line)
		if err != nil || got != tt.want {
			t.Errorf("ParseCommand(%q) = %+v, %v; want %+v", tt.line, got, err, tt.want)
		}
	}
	bad := map[string]string{
		"":             "empty command; try :topics or :brokers",
		"topic":        ":topic needs NAME, e.g. :topic orders",
		"topics x":     ":topics takes no argument",
		"topic a b":    ":topic needs NAME, e.g. :topic orders",
		"florb":        `unknown command "florb"; press ? for the list`,
		":partitions ": ":topic needs NAME, e.g. :topic orders",
		"tail":         ":tail needs TOPIC [FROM], e.g. :tail orders",
		"groups a b":   ":groups takes at most [TOPIC]",
	}
	for line, want := range bad {
		if _, err := ParseCommand(line); err == nil || err.Error() != want {
			t.Errorf("ParseCommand(%q) error = %v, want %q", line, err, want)
		}
	}
}
