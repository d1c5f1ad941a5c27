package kafka

import (
	"context"
	"fmt"

	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kmsg"
)

// mayOnCluster refuses at once, with why, what the principal may not do
// on the cluster, where the cluster says what it may (its authorized
// operations, Kafka 2.3 on). Some requests a principal may not make go
// unanswered rather than refused (Apache Kafka 4.4 never answers alice's
// DescribeUserScramCredentials): asking first turns a wait of --timeout
// into a line that names the cause. A cluster that does not say is
// asked anyway.
func (c *Client) mayOnCluster(ctx context.Context, op kmsg.ACLOperation, what string) error {
	req := kmsg.NewPtrDescribeClusterRequest()
	req.IncludeClusterAuthorizedOperations = true
	resp, err := req.RequestWith(ctx, c.kgo)
	if err != nil || resp.ErrorCode != 0 || resp.ClusterAuthorizedOperations == -2147483648 {
		return nil // not told: the request itself will say
	}
	ops := resp.ClusterAuthorizedOperations
	if ops&(1<<int(op)) != 0 || ops&(1<<int(kmsg.ACLOperationAll)) != 0 {
		return nil
	}
	who := c.Principal()
	if who == "" {
		who = "kscope's principal"
	}
	return &explained{msg: fmt.Sprintf("%s: not authorized: %s lacks %s on the cluster (an ACL on Cluster:kafka-cluster)", what, who, op), cause: kerr.ClusterAuthorizationFailed}
}
