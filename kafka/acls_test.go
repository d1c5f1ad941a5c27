package kafka

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/sasl/scram"

	"github.com/kscope/kscope/kafka/clustertest"
	"github.com/kscope/kscope/model"
)

// Bindings made through kscope are listed back exactly and deleted one
// at a time; on Apache Kafka a DENY made so really denies, and deleting
// it lets the user read again.
func TestACLsCreateListDelete(t *testing.T) {
	clustertest.Each(t, func(t *testing.T, cluster *clustertest.Cluster) {
		topic := cluster.Topic(t, "guarded", 1, nil)
		c := newClient(t, cluster.Addrs, 30*time.Second)
		ctx := context.Background()
		user := "User:kscope-test-nobody"
		if cluster.Real != nil {
			user = "User:" + cluster.Real.User.User
		}
		binding := func(op, perm string) model.ACL {
			return model.ACL{Principal: user, Host: "*", ResourceType: "TOPIC", ResourceName: topic, Pattern: "LITERAL", Operation: op, Permission: perm}
		}
		// A PREFIXED binding too: a listing that asked for LITERAL ones
		// alone would lose it.
		prefixed := binding("DESCRIBE", "ALLOW")
		prefixed.Pattern = "PREFIXED"
		allow := []model.ACL{binding("READ", "ALLOW"), binding("DESCRIBE", "ALLOW"), prefixed}
		deny := binding("READ", "DENY")
		for _, a := range allow {
			if err := c.CreateACL(ctx, a); err != nil {
				t.Fatal(err)
			}
		}
		t.Cleanup(func() {
			for _, a := range append(allow, deny) {
				_ = c.DeleteACL(context.Background(), a)
			}
		})
		// Apache Kafka's brokers learn a new binding from the controller a
		// moment after it is made: the broker asked may not have it yet.
		listsTheAllows := func() error {
			all, err := c.ACLs(ctx)
			if err != nil {
				return err
			}
			got := slices.DeleteFunc(all, func(a model.ACL) bool { return a.ResourceName != topic })
			if len(got) != 3 || !slices.Contains(got, allow[0]) || !slices.Contains(got, allow[1]) || !slices.Contains(got, allow[2]) {
				return fmt.Errorf("listed %+v", got)
			}
			return nil
		}
		clustertest.WaitFor(t, "the three ALLOWs listed", listsTheAllows)
		read := func() error { return nil }
		if cluster.Real != nil {
			produce(t, cluster.Addrs, topic, map[int32]int{0: 1})
			read = func() error { return readAs(cluster, topic) }
			if err := read(); err != nil {
				t.Fatalf("allowed, alice cannot read: %v", err)
			}
		}
		if err := c.CreateACL(ctx, deny); err != nil {
			t.Fatal(err)
		}
		if cluster.Real != nil {
			clustertest.WaitFor(t, "the DENY to deny", func() error {
				if err := read(); !errors.Is(err, kerr.TopicAuthorizationFailed) {
					return fmt.Errorf("read: %v", err)
				}
				return nil
			})
		}
		if err := c.DeleteACL(ctx, deny); err != nil {
			t.Fatal(err)
		}
		if err := c.DeleteACL(ctx, deny); err == nil {
			t.Error("deleting a binding twice: no error")
		}
		clustertest.WaitFor(t, "the three ALLOWs alone listed after the delete", listsTheAllows)
		clustertest.WaitFor(t, "reading again", read)
	})
}

// readAs reads the topic's first record as the SCRAM user with no ACLs of
// its own.
func readAs(cluster *clustertest.Cluster, topic string) error {
	u := cluster.Real.User
	cl, err := kgo.NewClient(kgo.SeedBrokers(cluster.Real.SASLAddrs...),
		kgo.SASL(scram.Auth{User: u.User, Pass: u.Password}.AsSha512Mechanism()),
		kgo.ConsumePartitions(map[string]map[int32]kgo.Offset{topic: {0: kgo.NewOffset().AtStart()}}))
	if err != nil {
		return err
	}
	defer cl.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute) // against a hang
	defer cancel()
	for {
		fs := cl.PollFetches(ctx)
		if err := fs.Err0(); err != nil {
			return err
		}
		if fs.NumRecords() > 0 {
			return nil
		}
	}
}
