package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/kscope/kscope/model"
)

// reassign plans a change of replication factor in Kafka's plan format,
// previews a plan file's moves, names what is wrong in one, and changes
// nothing without --execute or in read-only mode.
func TestReassign(t *testing.T) {
	kscope(t, "", "topic", "create", "cli-moved", "-p", "2").want(t, 0)
	out := kscope(t, "", "reassign", "plan", "cli-moved", "--replication-factor", "1", "-o", "json").want(t, 0)
	var plan model.PlanFile
	if err := json.Unmarshal([]byte(out.stdout), &plan); err != nil {
		t.Fatalf("%v: %s", err, out.stdout)
	}
	if plan.Version != 1 {
		t.Errorf("plan %+v", plan)
	}
	kscope(t, "", "reassign", "plan", "cli-moved", "--replication-factor", "9").want(t, 1, "needs 9 replicas")
	kscope(t, "", "reassign", "plan", "cli-moved", "--broker-list", "7").want(t, 1, "broker 7 is not in the cluster")

	dir := t.TempDir()
	file := filepath.Join(dir, "plan.json")
	write := func(s string) {
		if err := os.WriteFile(file, []byte(s), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write(`{"version":1,"partitions":[{"topic":"cli-moved","partition":1,"replicas":[0]}]}`)
	kscope(t, "", "reassign", "apply", file).want(t, 0, "nothing to move")
	write(`{"version":1,"partitions":[{"topic":"cli-moved","partition":1,"replicas":[42]}]}`)
	kscope(t, "", "reassign", "apply", file).want(t, 1, "cli-moved partition 1: broker 42 is not in the cluster")
	kscope(t, `{"version":1,"partitions":[{"topic":"cli-gone","partition":0,"replicas":[0]}]}`, "reassign", "apply", "-").want(t, 1, "cli-gone")
	kscope(t, "", "reassign", "apply", file, "--throttle", "fast").want(t, 2, "--throttle")
	kscope(t, "", "reassign", "apply", file, "--execute", "--read-only").want(t, 1, "read-only")
	kscope(t, "", "reassign", "status").want(t, 0, "no reassignment in progress")
	kscope(t, "", "reassign", "status", "--clear-throttle", "--read-only").want(t, 1, "read-only")
	kscope(t, "", "reassign", "cancel").want(t, 0, "no reassignment in progress")
}
