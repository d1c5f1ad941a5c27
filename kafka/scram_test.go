package kafka

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/sasl/scram"

	"github.com/kscope/kscope/kafka/clustertest"
	"github.com/kscope/kscope/model"
)

// A SCRAM user made through kscope is listed with its mechanism, can log
// in to Apache Kafka with the password, and once deleted cannot.
func TestSCRAMUsers(t *testing.T) {
	clustertest.Each(t, func(t *testing.T, cluster *clustertest.Cluster) {
		c := newClient(t, cluster.Addrs, 30*time.Second)
		ctx := context.Background()
		user, password := clustertest.Unique("bob"), "bob-secret-42"
		if err := c.SetSCRAMPassword(ctx, user, "SCRAM-SHA-512", password); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = c.DeleteSCRAMUser(context.Background(), user) })
		// Apache Kafka's brokers learn credentials from the controller, a
		// moment after the change is accepted.
		clustertest.WaitFor(t, user+" listed", func() error {
			users, err := c.SCRAMUsers(ctx)
			if err != nil {
				return err
			}
			i := slices.IndexFunc(users, func(u model.SCRAMUser) bool { return u.Name == user })
			if i < 0 || len(users[i].Credentials) != 1 || users[i].Credentials[0] != (model.SCRAMCredential{Mechanism: "SCRAM-SHA-512", Iterations: 8192}) {
				return fmt.Errorf("users %+v", users)
			}
			return nil
		})
		if cluster.Real != nil {
			clustertest.WaitFor(t, user+" to log in", func() error { return logIn(cluster, user, password) })
		}
		if err := c.DeleteSCRAMUser(ctx, user); err != nil {
			t.Fatal(err)
		}
		clustertest.WaitFor(t, "a second delete refused: the user is gone", func() error {
			if err := c.DeleteSCRAMUser(ctx, user); err == nil {
				return fmt.Errorf("deleting a user twice: no error")
			}
			return nil
		})
		if cluster.Real != nil {
			clustertest.WaitFor(t, user+" refused", func() error {
				if err := logIn(cluster, user, password); err == nil {
					return fmt.Errorf("a deleted user logged in")
				}
				return nil
			})
		}
	})
}

// logIn asks the cluster's metadata as a SCRAM user.
func logIn(cluster *clustertest.Cluster, user, password string) error {
	cl, err := kgo.NewClient(kgo.SeedBrokers(cluster.Real.SASLAddrs...),
		kgo.SASL(scram.Auth{User: user, Pass: password}.AsSha512Mechanism()))
	if err != nil {
		return err
	}
	defer cl.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute) // against a hang
	defer cancel()
	return cl.Ping(ctx)
}
