package cli

import (
	"context"
	"strings"
	"testing"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"
)

// commitOffset commits a group's offset on a partition of the demo cluster, as
// a consumer would.
func commitOffset(t *testing.T, group, topic string, partition int32, at int64) {
	t.Helper()
	cl, err := kgo.NewClient(kgo.SeedBrokers(cluster.Addrs()...))
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	var offsets kadm.Offsets
	offsets.Add(kadm.Offset{Topic: topic, Partition: partition, At: at, LeaderEpoch: -1})
	if err := kadm.NewClient(cl).CommitAllOffsets(context.Background(), group, offsets); err != nil {
		t.Fatal(err)
	}
}

// records delete previews what goes, warns of commits inside it, and
// deletes only with --execute; read-only refuses it.
func TestRecordsDelete(t *testing.T) {
	kscope(t, "", "topic", "create", "cli-purge", "-p", "2").want(t, 0)
	var lines strings.Builder
	for i := range 20 {
		lines.WriteString("k" + string(rune('a'+i%2)) + "|v\n")
	}
	kscope(t, lines.String(), "produce", "cli-purge", "-K", "|", "-p", "0").want(t, 0, "20 records")
	commitOffset(t, "cli-purge-readers", "cli-purge", 0, 5)

	kscope(t, "", "records", "delete", "cli-purge", "--to", "10").want(t, 0,
		"0          0          10     10", "cli-purge: 10 records go",
		"warning: group cli-purge-readers has committed offset 5 on partition 0, inside what goes", "nothing deleted")
	kscope(t, "", "tail", "cli-purge", "--from", "beginning", "-e", "-n", "1").want(t, 0, `"offset":0`)
	kscope(t, "", "records", "delete", "cli-purge", "--to", "10", "--execute").want(t, 0, "deleted 10 records from cli-purge")
	kscope(t, "", "tail", "cli-purge", "--from", "beginning", "-e", "-n", "1").want(t, 0, `"offset":10`)
	kscope(t, "", "records", "delete", "cli-purge", "--to", "5").want(t, 0, "nothing to delete")
	kscope(t, "", "records", "delete", "cli-purge", "--to", "99").want(t, 0, "skipped: offset 99 is past the end, 20")
	kscope(t, "", "records", "delete", "cli-purge", "--to", "end", "--execute", "--read-only").want(t, 1, "read-only")
	kscope(t, "", "records", "delete", "cli-purge", "--to", "beginning").want(t, 2, "give end, an offset, or a time")
	kscope(t, "", "records", "delete", "cli-purge", "--to", "end", "--execute").want(t, 0, "deleted 10 records")
	kscope(t, "", "tail", "cli-purge", "--from", "beginning", "-e").want(t, 0)
}

// offsets-delete previews the commits that go and deletes them only with
// --execute.
func TestGroupOffsetsDelete(t *testing.T) {
	kscope(t, "", "topic", "create", "cli-offdel", "-p", "2").want(t, 0)
	commitOffset(t, "cli-offdel-readers", "cli-offdel", 0, 0)
	commitOffset(t, "cli-offdel-readers", "cli-offdel", 1, 0)
	kscope(t, "", "group", "offsets-delete", "cli-offdel-readers", "--topic", "cli-offdel", "-p", "1").want(t, 0, "cli-offdel  1          0          deleted", "nothing deleted")
	kscope(t, "", "group", "offsets-delete", "cli-offdel-readers", "--topic", "cli-offdel", "-p", "1", "--execute").want(t, 0, "deleted 1 committed offset of cli-offdel-readers on cli-offdel")
	r := kscope(t, "", "lag", "cli-offdel-readers", "-o", "json").want(t, 0)
	if !strings.Contains(r.stdout, `"partition":0,"committed":0`) || strings.Contains(r.stdout, `"partition":1,"committed":0`) {
		t.Errorf("after deleting partition 1's commit:\n%s", r.stdout)
	}
	kscope(t, "", "group", "offsets-delete", "cli-offdel-readers", "--topic", "cli-offdel", "-p", "1").want(t, 1, "has committed no offset")
	kscope(t, "", "group", "offsets-delete", "cli-offdel-readers", "--topic", "cli-offdel", "--execute", "--read-only").want(t, 1, "read-only")
}
