package kafka

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"

	"github.com/kscope/kscope/kafka/clustertest"
	"github.com/kscope/kscope/model"
)

// tlsConfig trusts the test CA and, when cert is given, presents it.
func tlsConfig(t *testing.T, real *clustertest.Real, cert, key string) *tls.Config {
	t.Helper()
	ca, err := os.ReadFile(real.CA)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(ca)
	cfg := &tls.Config{RootCAs: pool}
	if cert != "" {
		pair, err := tls.LoadX509KeyPair(cert, key)
		if err != nil {
			t.Fatal(err)
		}
		cfg.Certificates = []tls.Certificate{pair}
	}
	return cfg
}

// On Apache Kafka's SCRAM, mutual-TLS listeners and authorizer, each
// failure is the one line the README promises, and a user denied some
// things still sees what she may.
func TestSecurityFailuresOnApacheKafka(t *testing.T) {
	cluster := clustertest.Apache(t)
	real := cluster.Real
	topic := cluster.Topic(t, "secure", 1, nil)
	sasl := strings.Join(real.SASLAddrs, ",")
	ssl := strings.Join(real.TLSAddrs, ",")

	tests := []struct {
		name string
		cfg  Config
		want string // "" for success
	}{
		{"SCRAM admin", Config{Brokers: real.SASLAddrs, SASL: &SASL{Mechanism: "SCRAM-SHA-512", User: real.Admin.User, Password: real.Admin.Password}}, ""},
		{"SCRAM wrong password", Config{Brokers: real.SASLAddrs, SASL: &SASL{Mechanism: "SCRAM-SHA-512", User: "alice", Password: "wrong"}},
			`list topics: authentication failed for user "alice" (SCRAM-SHA-512) at ` + sasl},
		{"SCRAM mechanism the broker lacks", Config{Brokers: real.SASLAddrs, SASL: &SASL{Mechanism: "SCRAM-SHA-256", User: "alice", Password: real.User.Password}},
			`list topics: the brokers at ` + sasl + ` do not offer SASL SCRAM-SHA-256`},
		{"mutual TLS", Config{Brokers: real.TLSAddrs, TLS: tlsConfig(t, real, real.ClientCert, real.ClientKey)}, ""},
		{"no client certificate", Config{Brokers: real.TLSAddrs, TLS: tlsConfig(t, real, "", "")},
			`list topics: TLS handshake with ` + ssl + ` failed: the broker refused the handshake: it wants a client certificate it trusts (set tls.cert_file and tls.key_file)`},
		{"untrusted client certificate", Config{Brokers: real.TLSAddrs, TLS: tlsConfig(t, real, real.UntrustedCert, real.UntrustedKey)},
			`list topics: TLS handshake with ` + ssl + ` failed: the broker refused the handshake: it wants a client certificate it trusts (set tls.cert_file and tls.key_file)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.cfg.Timeout = 10 * time.Second
			c, err := New(tt.cfg)
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			topics, err := c.Topics(context.Background(), topic)
			switch {
			case tt.want == "" && (err != nil || topics[0].Err != nil):
				t.Errorf("%v %+v", err, topics)
			case tt.want != "" && (err == nil || err.Error() != tt.want):
				t.Errorf("got  %v\nwant %s", err, tt.want)
			}
		})
	}

	// alice authenticates but has no ACLs: what she may not see is a
	// per-topic and per-group error naming her, and listing still works.
	alice, err := New(Config{Brokers: real.SASLAddrs, Timeout: 10 * time.Second,
		SASL: &SASL{Mechanism: "SCRAM-SHA-512", User: real.User.User, Password: real.User.Password}})
	if err != nil {
		t.Fatal(err)
	}
	defer alice.Close()
	ctx := context.Background()
	topics, err := alice.Topics(ctx, topic)
	if err != nil || len(topics) != 1 || topics[0].Err == nil ||
		topics[0].Err.Error() != `not authorized to describe topic "`+topic+`" as User:alice` {
		t.Errorf("alice describing %s: %v %+v", topic, err, topics)
	}
	if all, err := alice.Topics(ctx); err != nil {
		t.Errorf("alice listing topics: %v (she should see the none she may)", err)
	} else {
		for _, tp := range all {
			if tp.Name == topic {
				t.Errorf("alice sees %s without an ACL", topic)
			}
		}
	}
	// She may not describe the cluster: no controller is named rather
	// than Metadata's random broker, different at every look.
	for range 5 {
		if c, err := alice.Cluster(ctx); err != nil || c.Controller != -1 {
			t.Errorf("alice's controller: %d %v; want -1, unknown", c.Controller, err)
		}
	}
	if p := alice.Principal(); p != "User:alice" {
		t.Errorf("principal %q", p)
	}
	// Listing SCRAM users needs DESCRIBE on the cluster: denied at once,
	// said as denied, not as authentication running out of time.
	start := time.Now()
	if _, err := alice.SCRAMUsers(ctx); err == nil || !strings.Contains(err.Error(), "not authorized") || time.Since(start) > 9*time.Second {
		t.Errorf("alice listing SCRAM users: %v after %s", err, time.Since(start))
	}
	if _, err := alice.Tail(ctx, tailFrom(topic)); err == nil || err.Error() != `not authorized to describe topic "`+topic+`" as User:alice` {
		t.Errorf("alice tailing: %v", err)
	}
	// Granted one topic, she sees it, listed and named beside a denied one.
	open := cluster.Topic(t, "open", 1, nil)
	acl := kadm.NewACLs().Allow("User:"+real.User.User).AllowHosts().Topics(open).
		ResourcePatternType(kadm.ACLPatternLiteral).Operations(kadm.OpDescribe, kadm.OpRead)
	if res, err := cluster.Admin(t).CreateACLs(ctx, acl); err != nil || res[0].Err != nil {
		t.Fatalf("grant: %v %+v", err, res)
	}
	clustertest.WaitFor(t, "alice to see "+open, func() error {
		topics, err := alice.Topics(ctx, open, topic)
		if err != nil {
			return err
		}
		if len(topics) != 2 || topics[0].Name != open || topics[0].Err != nil || len(topics[0].Partitions) != 1 || topics[1].Err == nil {
			return fmt.Errorf("alice sees %+v", topics)
		}
		return nil
	})
	if all, err := alice.Topics(ctx); err != nil || !slices.ContainsFunc(all, func(tp model.Topic) bool { return tp.Name == open }) {
		t.Errorf("alice listing topics after the grant: %v %+v", err, all)
	}

	group := clustertest.Unique("secret-group")
	groups, err := alice.Groups(ctx, group)
	if err != nil || len(groups) != 1 || groups[0].Err == nil ||
		groups[0].Err.Error() != `not authorized to describe group "`+group+`" as User:alice` {
		t.Errorf("alice describing a group: %v %+v", err, groups)
	}
}

func tailFrom(topic string) model.TailRequest {
	return model.TailRequest{Topic: topic, Start: model.Start{Kind: model.FromBeginning}}
}
