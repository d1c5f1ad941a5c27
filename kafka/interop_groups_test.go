package kafka

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kscope/kscope/kafka/clustertest"
	"github.com/kscope/kscope/model"
)

// Groups made by librdkafka (confluent-kafka) with each of its assignors,
// with static membership, and by a consumer that assigns itself partitions
// and only commits: kscope shows the right members, who owns which
// partition, and lag exactly as made (one record per partition produced
// after the consumers caught up and paused).
func TestGroupsOfOtherClientsShowExactLagAndMembers(t *testing.T) {
	clustertest.Each(t, func(t *testing.T, cluster *clustertest.Cluster) {
		for _, tt := range []struct {
			name     string
			args     []string
			assignor string // "" for the manual consumer, which has no group protocol
			members  int
			static   bool
		}{
			{"range", []string{"--assignor", "range", "--members", "2"}, "range", 2, false},
			{"roundrobin", []string{"--assignor", "roundrobin", "--members", "2"}, "roundrobin", 2, false},
			{"cooperative-sticky", []string{"--assignor", "cooperative-sticky", "--members", "2"}, "cooperative-sticky", 2, false},
			{"static", []string{"--assignor", "range", "--members", "2", "--static"}, "range", 2, true},
			{"manual", []string{"--manual"}, "", 0, false},
		} {
			t.Run(tt.name, func(t *testing.T) {
				topic := cluster.Topic(t, "interop", 4, nil)
				produce(t, cluster.Addrs, topic, map[int32]int{0: 5, 1: 6, 2: 7, 3: 8})
				group := clustertest.Unique(tt.name)
				clustertest.Python(t, "consumer.py", append([]string{"--bootstrap", strings.Join(cluster.Addrs, ","),
					"--topic", topic, "--group", group, "--client-id", "py"}, tt.args...)...)
				produce(t, cluster.Addrs, topic, map[int32]int{0: 1, 1: 1, 2: 1, 3: 1})

				c := newClient(t, cluster.Addrs, 10*time.Second)
				wantState := "Stable"
				if tt.members == 0 {
					wantState = "Empty"
				}
				var g model.Group
				// The consumers' last sync may still be on its way.
				clustertest.WaitFor(t, group+" "+wantState, func() error {
					groups, err := c.Groups(context.Background(), group)
					if err == nil {
						g = groups[0]
						if g.State != wantState {
							err = fmt.Errorf("state %s", g.State)
						}
					}
					return err
				})
				if g.Err != nil || g.State != wantState || len(g.Members) != tt.members || g.Type != "classic" {
					t.Fatalf("group: state %s, %d members, type %s, err %v; want %s, %d, classic", g.State, len(g.Members), g.Type, g.Err, wantState, tt.members)
				}
				if g.Protocol != tt.assignor {
					t.Errorf("protocol %q, want %q", g.Protocol, tt.assignor)
				}
				if g.TotalLag() != 4 || len(g.Partitions) != 4 {
					t.Errorf("lag %d over %d partitions, want 4 over 4: %+v", g.TotalLag(), len(g.Partitions), g.Partitions)
				}
				var assigned []model.TopicPartition
				for _, m := range g.Members {
					if !strings.HasPrefix(m.ClientID, "py-") || (m.InstanceID != "") != tt.static {
						t.Errorf("member client %q instance %q", m.ClientID, m.InstanceID)
					}
					assigned = append(assigned, m.Assigned...)
				}
				for _, p := range g.Partitions {
					if p.Lag != 1 {
						t.Errorf("%v: lag %d, want 1", p.TopicPartition, p.Lag)
					}
					if owned := p.Member != nil; owned != (tt.members > 0) {
						t.Errorf("%v: member %v", p.TopicPartition, p.Member)
					}
					if p.Member != nil && !slices.Contains(p.Member.Assigned, p.TopicPartition) {
						t.Errorf("%v is shown with %s, which is not assigned it", p.TopicPartition, p.Member.ClientID)
					}
				}
				if tt.members > 0 && len(assigned) != 4 {
					t.Errorf("members are assigned %v, want the 4 partitions between them", assigned)
				}
			})
		}
	})
}
