package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The protocol's own Python SDK, an independent client, drives kscope mcp
// over stdio on the embedded demo: it lists the tools, judges the groups,
// explains the worst, searches, and meets the demo's masking and a broken
// expression as a tool error; it finds no write tool without
// --allow-writes, and with it a create that waits for its token.
func TestPythonMCPClientDrivesKscope(t *testing.T) {
	if err := exec.Command("python3", "-c", "import mcp").Run(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("the Python MCP SDK is not installed; .ci/run installs it")
		}
		t.Skip("the Python MCP SDK is not installed (pip install -r scripts/python-requirements.txt)")
	}
	// No config and no address: the embedded demo, whatever the machine
	// has.
	out, errOut, code := run(t, "", "env", "XDG_CONFIG_HOME="+t.TempDir(), "KAFKA_BROKERS=", "KSCOPE_CONTEXT=",
		"python3", filepath.Join("testdata", "interop", "mcp_agent.py"), kscope)
	if code != 0 {
		t.Fatalf("mcp_agent.py: exit %d\n%s", code, errOut)
	}
	var got struct {
		Tools          []string `json:"tools"`
		Groups         []string `json:"groups"`
		ExplainRestsOn string   `json:"explain_rests_on"`
		ExplainWaitsAt *int64   `json:"explain_waits_at"`
		SearchMatches  int      `json:"search_matches"`
		SearchSummary  string   `json:"search_summary"`
		SearchStatuses []string `json:"search_statuses"`
		MaskedMatches  int      `json:"masked_matches"`
		MaskedNote     string   `json:"masked_note"`
		BrokenIsError  bool     `json:"broken_is_error"`
		ReadOnlyCreate string   `json:"read_only_create"`
		Preview        string   `json:"preview"`
		BeforeExecuted string   `json:"before_preview_executed"`
		WrongToken     bool     `json:"wrong_token_is_error"`
		Done           string   `json:"done"`
		AfterParts     int      `json:"after_partitions"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	want := "acls cluster consumer_groups describe_topic explain_group read_records schemas search topics transactions"
	switch {
	case strings.Join(got.Tools, " ") != want:
		t.Errorf("tools %v, want %s", got.Tools, want)
	// The demo's consumers join as the demo starts, on their own time:
	// the group it seeds stopped, with its commits, is there from the
	// first.
	case !slices.Contains(got.Groups, "analytics-etl") || got.ExplainRestsOn == "" || got.ExplainWaitsAt == nil:
		t.Errorf("groups %v, explained %q, waits at %v", got.Groups, got.ExplainRestsOn, got.ExplainWaitsAt)
	case got.SearchMatches != 5 || strings.Join(got.SearchStatuses, ",") != "declined" || !strings.Contains(got.SearchSummary, "stopped before the end of the range"):
		t.Errorf("search: %d matches of %v, %q", got.SearchMatches, got.SearchStatuses, got.SearchSummary)
	case got.MaskedMatches != 0 || !strings.Contains(got.MaskedNote, "value.card_number is masked"):
		t.Errorf("a search for a masked card found %d: %q", got.MaskedMatches, got.MaskedNote)
	case !got.BrokenIsError:
		t.Error("a broken expression was not a tool error")
	case !strings.Contains(got.ReadOnlyCreate, `unknown tool "create_topic"`):
		t.Errorf("without --allow-writes, create_topic: %q", got.ReadOnlyCreate)
	case got.Preview != "create topic agent-made with 2 partitions, replication factor the broker's default" || !strings.Contains(got.BeforeExecuted, "does not exist"):
		t.Errorf("the preview %q created the topic already: %q", got.Preview, got.BeforeExecuted)
	case !got.WrongToken || got.Done != "created topic agent-made" || got.AfterParts != 2:
		t.Errorf("a wrong token refused: %v; with the right one: %q, %d partitions", got.WrongToken, got.Done, got.AfterParts)
	}
}
