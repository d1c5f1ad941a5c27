package ui

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/kscope/kscope/kafka/kafkatest"
	"github.com/kscope/kscope/ui/uitest"
)

// The columns a user chooses show, in the order chosen, and no others;
// a tail's choice holds for a search too.
func TestChosenColumns(t *testing.T) {
	fake := kafkatest.Sample()
	fake.Append(orders(0, 3)...)
	chosen := map[string][]string{"topics": {"urp", "TOPIC", "IN/S"}, "tail": {"OFFSET", "VALUE"}}
	if err := CheckColumns(chosen); err != nil {
		t.Fatal(err)
	}
	app := New(fake, Options{Name: "test", Refresh: time.Hour, Now: func() time.Time { return epoch }, Location: time.UTC, Columns: chosen})
	d := uitest.Start(t, app, 120, 20)
	s := d.WaitFor("orders")
	if !regexp.MustCompile(`\n\s*URP\s+TOPIC\s+IN/S\s*\n`).MatchString(s) || strings.Contains(s, "MESSAGES") {
		t.Errorf("topics does not show URP, TOPIC, IN/S alone:\n%s", s)
	}
	d.Type(":", "search orders /ord", "enter")
	s = d.WaitFor("✓ 3 matches")
	if !regexp.MustCompile(`\n\s*OFFSET\s+VALUE\s*\n`).MatchString(s) || strings.Contains(s, "cus-0001") {
		t.Errorf("the search does not show OFFSET and VALUE alone:\n%s", s)
	}
}

func TestCheckColumns(t *testing.T) {
	for want, chosen := range map[string]map[string][]string{
		`columns: no view "florb"; views with columns: topics, topic, tail, groups, acls, transactions, producers, quotas, users`: {"florb": {"X"}},
		`columns: no view "cg"`:                     {"cg": {"GROUP"}}, // an alias is not the view's name
		"columns: brokers has no columns to choose": {"brokers": {"ID"}},
		`columns: groups: no column "LAGG"; it has GROUP, STATE, TYPE, MEMBERS, TOPICS, LAG, BEHIND, MAX, TREND, STATUS`: {"groups": {"GROUP", "LAGG"}},
		`columns: tail: column "key" named twice`: {"tail": {"KEY", "key"}},
	} {
		if err := CheckColumns(chosen); err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("CheckColumns(%v) = %v, want %q", chosen, err, want)
		}
	}
}
