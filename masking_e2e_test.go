package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/kscope/kscope/kafka/clustertest"
)

// On either lane, a masked context's search cannot find a record by a
// masked value, whichever way it asks, and its tail shows no secret; the
// same searches in an open context find the record, so the test knows
// what it looks for is there.
func TestSearchForAMaskedValueFindsNothing(t *testing.T) {
	clustertest.Each(t, func(t *testing.T, c *clustertest.Cluster) {
		topic := c.Topic(t, "masked", 3, nil)
		brokers := strings.Join(c.Addrs, ", ")
		cfg := writeConfig(t, 0o600, fmt.Sprintf(`contexts:
  open:
    brokers: [%s]
  masked:
    brokers: [%[1]s]
    masking:
      rules:
        - topic: %s
          fields: [value.card, value.customer.email]
        - detect: [card, email]
`, brokers, topic))
		kscope := func(stdin string, args ...string) (string, string) {
			t.Helper()
			out, errOut, code := run(t, stdin, kscope, append([]string{"--config", cfg}, args...)...)
			if code != 0 {
				t.Fatalf("%v: exit %d: %s", args, code, errOut)
			}
			return out, errOut
		}
		kscope(`{"card":"4111111111111111","customer":{"email":"ann@example.com"},"note":"card 5555 5555 5555 4444"}`+"\n"+`{"card":"none"}`+"\n",
			"--context", "open", "produce", topic)
		queries := [][]string{
			{"--where", `value.card == "4111111111111111"`},
			{"--where", `value.customer.email contains "ann"`},
			{"--filter", "4111111111111111"},
			{"--filter", "5555 5555"},
			{"--filter", "~ann@"},
		}
		for _, q := range queries {
			if _, errOut := kscope("", append([]string{"--context", "open", "search", topic}, q...)...); !strings.Contains(errOut, "1 match;") {
				t.Fatalf("open %v: %s", q, errOut)
			}
			out, errOut := kscope("", append([]string{"--context", "masked", "search", topic}, q...)...)
			if out != "" || !strings.Contains(errOut, "0 matches;") || !strings.Contains(errOut, "masking applied") {
				t.Errorf("masked %v found:\n%s\n%s", q, out, errOut)
			}
		}
		out, _ := kscope("", "--context", "masked", "tail", topic, "--from", "beginning", "-e")
		for _, secret := range []string{"4111111111111111", "ann@example.com", "5555 5555 5555 4444"} {
			if strings.Contains(out, secret) {
				t.Errorf("the masked tail shows %q:\n%s", secret, out)
			}
		}
		if strings.Count(out, "\n") != 2 || !strings.Contains(out, `\"card\":\"***\"`) {
			t.Errorf("the masked tail:\n%s", out)
		}
	})
}
