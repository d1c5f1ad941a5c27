package ui

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kscope/kscope/kafka/kafkatest"
	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/uitest"
)

// n in :acls creates a binding after a preview of exactly it; D deletes
// the selected one after the same; a principal Kafka could not match is
// refused in its field.
func TestCreateAndDeleteAnACL(t *testing.T) {
	fake := kafkatest.Sample()
	bob := model.ACL{Principal: "User:bob", Host: "*", ResourceType: "TOPIC", ResourceName: "payments", Pattern: "LITERAL", Operation: "WRITE", Permission: "ALLOW"}
	fake.SetACLs(bob)
	d := startActions(t, fake, false)
	d.Type(":", "acls", "enter")
	d.WaitFor("1 of 1 ACLs", "User:bob")
	d.Type("n")
	form := d.WaitFor("new ACL", "Principal", "Host")
	t.Run("form", func(t *testing.T) { uitest.Golden(t, form) })
	d.Type("carol", "enter")
	d.WaitFor("a principal is TYPE:NAME")
	d.Type("bksp", "bksp", "bksp", "bksp", "bksp")
	d.Fill("User:carol", "", "", "", "orders", "", "")
	preview := d.WaitFor("create this binding", "User:carol", "y applies this")
	t.Run("preview", func(t *testing.T) { uitest.Golden(t, preview) })
	d.Type("y")
	d.WaitFor("created ALLOW User:carol to READ TOPIC orders (LITERAL) from *", "2 of 2 ACLs")
	carol := model.ACL{Principal: "User:carol", Host: "*", ResourceType: "TOPIC", ResourceName: "orders", Pattern: "LITERAL", Operation: "READ", Permission: "ALLOW"}
	if got, _ := fake.ACLs(context.Background()); !slices.Contains(got, carol) {
		t.Fatalf("the cluster's ACLs: %+v", got)
	}

	d.Type("/", "bob", "enter")
	d.WaitFor("1 of 2 ACLs")
	d.Type("D")
	d.WaitFor("delete this binding", "User:bob", "WRITE")
	d.Type("y")
	d.WaitFor("deleted ALLOW User:bob to WRITE TOPIC payments (LITERAL) from *")
	if got, _ := fake.ACLs(context.Background()); !slices.Equal(got, []model.ACL{carol}) {
		t.Fatalf("after deleting bob's: %+v", got)
	}
}

// :quotas sets a new entity's limits in human units, previewed, refuses a
// key Kafka does not know before sending, and removes an entity's limits.
func TestQuotasPane(t *testing.T) {
	fake := kafkatest.Sample()
	fake.SetQuotas(model.Quota{Entity: []model.QuotaPart{{Type: "user", Name: "alice"}}, Values: map[string]float64{"producer_byte_rate": 1 << 20}})
	d := startActions(t, fake, false)
	d.Type(":", "quotas", "enter")
	s := d.WaitFor("1 of 1 quotas", "user=alice", "producer_byte_rate=1048576 (1 MiB/s)")
	t.Run("list", func(t *testing.T) { uitest.Golden(t, s) })

	d.Type("n")
	d.WaitFor("new quota", "Client id")
	d.Fill("bob", "", "")
	d.Type("consumer_rate=5", "enter")
	d.WaitFor(`"consumer_rate" is not a quota Kafka knows for users and client ids`)
	for range "consumer_rate=5" {
		d.Type("bksp")
	}
	d.Fill("consumer_byte_rate=2MiB")
	d.WaitFor("change the quota of user=bob", "consumer_byte_rate", "2097152 (2 MiB/s)")
	d.Type("y")
	d.WaitFor("quota of user=bob: 1 limit changed", "2 of 2 quotas")

	d.Type("/", "alice", "enter")
	d.WaitFor("1 of 2 quotas")
	d.Type("e")
	d.WaitFor("quota of user=alice", "producer_byte_rate=1048576")
	d.Fill("")
	d.WaitFor("nothing changes")
	d.Type("esc")
	d.WaitFor("1 of 2 quotas")
	d.Type("D")
	d.WaitFor("change the quota of user=alice", "removed: no limit")
	d.Type("y")
	d.WaitFor("quota of user=alice: 1 limit changed")
	got, _ := fake.Quotas(context.Background())
	if len(got) != 1 || got[0].EntityText() != "user=bob" || got[0].Values["consumer_byte_rate"] != 2<<20 {
		t.Fatalf("the cluster's quotas: %+v", got)
	}
}

// :users adds a SCRAM user with a password typed twice and never shown,
// and deletes one once its name is typed.
func TestSCRAMUsersPane(t *testing.T) {
	fake := kafkatest.Sample()
	fake.SetSCRAMUsers(model.SCRAMUser{Name: "alice", Credentials: []model.SCRAMCredential{{Mechanism: "SCRAM-SHA-512", Iterations: 4096}}})
	d := startActions(t, fake, false)
	d.Type(":", "users", "enter")
	s := d.WaitFor("1 of 1 SCRAM users", "SCRAM-SHA-512 (4096 iterations)")
	t.Run("list", func(t *testing.T) { uitest.Golden(t, s) })

	d.Type("n")
	d.WaitFor("new SCRAM user", "Password again")
	d.Fill("carol", "", "s3cret-pw")
	d.Type("typo", "enter")
	s = d.WaitFor("the two passwords differ")
	for range "typo" {
		d.Type("bksp")
	}
	d.Fill("s3cret-pw")
	s += d.WaitFor("set the SCRAM-SHA-256 password of carol", "2 of 2 SCRAM users")
	if strings.Contains(s, "s3cret") || strings.Contains(s, "typo") {
		t.Fatalf("a password was shown:\n%s", s)
	}

	d.Type("/", "alice", "enter")
	d.WaitFor("1 of 2 SCRAM users")
	d.Type("D")
	d.WaitFor("Type alice to delete it")
	d.Fill("alice")
	d.WaitFor("deleted SCRAM user alice")
	got, _ := fake.SCRAMUsers(context.Background())
	if len(got) != 1 || got[0].Name != "carol" || got[0].Credentials[0].Mechanism != "SCRAM-SHA-256" {
		t.Fatalf("the cluster's users: %+v", got)
	}
}

// Read-only mode refuses every new write of these panes before a dialog
// opens.
func TestReadOnlyRefusesSecurityWrites(t *testing.T) {
	fake := kafkatest.Sample()
	fake.SetACLs(model.ACL{Principal: "User:bob", Host: "*", ResourceType: "TOPIC", ResourceName: "payments", Pattern: "LITERAL", Operation: "WRITE", Permission: "ALLOW"})
	fake.SetQuotas(model.Quota{Entity: []model.QuotaPart{{Type: "user", Name: "alice"}}, Values: map[string]float64{"producer_byte_rate": 1}})
	fake.SetSCRAMUsers(model.SCRAMUser{Name: "alice"})
	fake.SetTransactions(model.Transaction{ID: "stuck-job", State: "Ongoing", ProducerID: 40, Started: epoch, Partitions: []model.TopicPartition{{Topic: "orders"}}})
	d := startActions(t, fake, true)
	for _, c := range []struct{ pane, loaded, keys string }{
		{"acls", "1 of 1 ACLs", "nD"}, {"quotas", "1 of 1 quotas", "neD"}, {"users", "1 of 1 SCRAM users", "neD"}, {"txn", "1 of 1 transactional ids", "A"},
	} {
		d.Type(":", c.pane, "enter")
		s := d.WaitFor(c.loaded)
		for _, write := range []string{"new ACL", "delete ACL", "new quota", "edit limits", "remove quota", "new user", "set password", "delete user", "abort transaction"} {
			if offers(lastLine(s), write) {
				t.Errorf("%s: read-only mode offers %q: %s", c.pane, write, lastLine(s))
			}
		}
		for _, k := range c.keys {
			d.Type(string(k))
			s := d.WaitFor("read-only")
			if strings.Contains(s, "esc closes") {
				t.Fatalf("%s: %c opened a dialog:\n%s", c.pane, k, s)
			}
		}
	}
}

// A list that cannot be had says why in its place.
func TestListThatCannotBeHadSaysWhy(t *testing.T) {
	fake := kafkatest.Sample()
	d := startActions(t, fake, false)
	fake.Fail(errors.New("CLUSTER_AUTHORIZATION_FAILED"))
	d.Type(":", "users", "enter")
	d.WaitFor("cannot list SCRAM users: CLUSTER_AUTHORIZATION_FAILED")
}

// Kafka lists only what a principal may describe: an empty list names
// whom the cluster showed nothing, never says the cluster has none.
func TestEmptyListsSayWhoseView(t *testing.T) {
	fake := kafkatest.New(model.Cluster{ID: "c", Controller: -1, Brokers: []model.Broker{{ID: 1, Host: "h", Port: 1}}})
	fake.SetPrincipal("User:alice")
	d := uitest.Start(t, New(fake, Options{Name: "test", Refresh: time.Hour}), 120, 20)
	s := d.WaitFor("no topics visible to User:alice (Kafka lists only those it may describe)")
	if strings.Contains(s, "controller") {
		t.Errorf("a controller the cluster would not name is shown:\n%s", s)
	}
	d.Type(":", "groups", "enter")
	d.WaitFor("no consumer groups visible to User:alice")
}
