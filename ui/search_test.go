package ui

import (
	"strings"
	"testing"

	"github.com/kscope/kscope/kafka/kafkatest"
	"github.com/kscope/kscope/ui/uitest"
)

func TestSearchATopic(t *testing.T) {
	fake := kafkatest.Sample()
	fake.Append(orders(0, 30)...)
	d := startTail(t, fake, 200, 20, `search orders value.status == "paid" && value.total > 10`)
	done := d.WaitFor(`search orders · value.status == "paid" && value.total > 10`, "✓ 7 matches; scanned 30 records in 3 partitions")
	t.Run("done", func(t *testing.T) { uitest.Golden(t, done) })
	for _, n := range []string{"ord-00010", "ord-00013", "ord-00016", "ord-00019", "ord-00022", "ord-00025", "ord-00028"} {
		if !strings.Contains(done, n) {
			t.Errorf("%s was not found:\n%s", n, done)
		}
	}
	if strings.Contains(done, "ord-00007") || strings.Contains(done, "ord-00001") {
		t.Errorf("found what does not match:\n%s", done)
	}
	// Records arriving after the search began are past its range.
	fake.Append(orders(31, 3)...)
	d.Type("enter")
	d.WaitFor("── value", `"status": "paid"`)
	d.Type("esc")
	s := d.WaitFor("✓ 7 matches")
	if strings.Contains(s, "ord-00031") {
		t.Errorf("the search read past its range:\n%s", s)
	}

	// S starts another search of the topic, typed on the command line.
	d.Type("S")
	d.WaitFor(":search orders ")
	d.Type("key:cus-0003", "enter")
	// cus-0003 is the key of orders 3, 10, 17, 24 and 31.
	d.WaitFor("search orders · key:cus-0003", "✓ 5 matches")

	// A broken expression is shown as expr says it, in lines, the caret
	// under the place, never a literal \n.
	d.Type(":", "search orders value.nope ==", "enter")
	s = d.WaitFor(`expression "value.nope ==": unexpected token EOF (1:13)`)
	if !strings.Contains(s, " | value.nope ==\n") || !strings.Contains(s, " | ............^") || strings.Contains(s, `\n`) {
		t.Errorf("the error is not shown in lines:\n%s", s)
	}
}
