package kafka

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"fmt"
	"math/big"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"
)

func TestSASL(t *testing.T) {
	for _, mech := range []string{"PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"} {
		t.Run(mech, func(t *testing.T) {
			fake, err := kfake.NewCluster(kfake.NumBrokers(1), kfake.EnableSASL(), kfake.Superuser(mech, "alice", "s3cret"), kfake.SeedTopics(1, "orders"))
			if err != nil {
				t.Fatal(err)
			}
			defer fake.Close()
			addr := fake.ListenAddrs()[0]

			good, err := New(Config{Brokers: []string{addr}, Timeout: 30 * time.Second, SASL: &SASL{Mechanism: mech, User: "alice", Password: "s3cret"}})
			if err != nil {
				t.Fatal(err)
			}
			defer good.Close()
			if topics, err := good.Topics(context.Background()); err != nil || len(topics) != 1 {
				t.Fatalf("with the right password: %v %v", topics, err)
			}

			bad, err := New(Config{Brokers: []string{addr}, Timeout: 30 * time.Second, SASL: &SASL{Mechanism: mech, User: "alice", Password: "wrong"}})
			if err != nil {
				t.Fatal(err)
			}
			defer bad.Close()
			// SCRAM's key stretching is slow under -race on a busy machine,
			// so the timeouts are generous: the error must name the refusal,
			// which a request that merely ran out of time would not.
			_, err = bad.Topics(context.Background())
			want := `list topics: authentication failed for user "alice" (` + mech + `) at ` + addr
			if err == nil || err.Error() != want {
				t.Errorf("wrong password: %v, want %q", err, want)
			}
			if strings.Contains(err.Error(), "wrong") {
				t.Error("the error shows the password")
			}
		})
	}
}

// testCA makes a certificate authority and a certificate it signed for
// 127.0.0.1.
func testCA(t *testing.T) (pool *x509.CertPool, server tls.Certificate) {
	t.Helper()
	key := func() *ecdsa.PrivateKey {
		k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		return k
	}
	caKey, leafKey := key(), key()
	ca := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "kscope test CA"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IsCA: true, KeyUsage: x509.KeyUsageCertSign, BasicConstraintsValid: true,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, ca, ca, &caKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	caCert, _ := x509.ParseCertificate(caDER)
	leaf := &x509.Certificate{
		SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "broker"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	leafDER, err := x509.CreateCertificate(rand.Reader, leaf, caCert, &leafKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	pool = x509.NewCertPool()
	pool.AddCert(caCert)
	return pool, tls.Certificate{Certificate: [][]byte{leafDER}, PrivateKey: leafKey}
}

func TestTLS(t *testing.T) {
	pool, cert := testCA(t)
	fake, err := kfake.NewCluster(kfake.NumBrokers(1), kfake.TLS(&tls.Config{Certificates: []tls.Certificate{cert}}), kfake.SeedTopics(1, "orders"))
	if err != nil {
		t.Fatal(err)
	}
	defer fake.Close()
	plainFake := newFake(t, map[string]int32{"orders": 1})
	addr, plainAddr := fake.ListenAddrs()[0], plainFake.ListenAddrs()[0]

	// Each case but one gets a bound for hangs, not for speed: on a loaded
	// machine a handshake can take seconds. The plaintext port never
	// answers a handshake, so that case waits its timeout out, whatever
	// the machine: a short one is no race.
	tests := []struct {
		name   string
		addr   string
		tls    *tls.Config
		want   string // "" for success
		prefix bool
	}{
		{"trusted CA", addr, &tls.Config{RootCAs: pool}, "", false},
		{"unknown CA", addr, &tls.Config{}, "list topics: TLS handshake with " + addr + " failed: the broker's certificate is signed by an authority not trusted (set tls.ca_file)", false},
		{"wrong name", addr, &tls.Config{RootCAs: pool, ServerName: "kafka.example.com"}, "list topics: TLS handshake with " + addr + " failed: the broker's certificate is for another host", true},
		{"TLS to a plaintext port", plainAddr, &tls.Config{}, "list topics: TLS handshake with " + plainAddr + " failed: no answer to the handshake: is that port a TLS listener?", false},
		{"plaintext to a TLS port", addr, nil, "list topics: the broker at " + addr + " hung up at once: does it want TLS or SASL (see kscope config example)?", false},
	}
	for _, tt := range tests {
		timeout := time.Minute
		if tt.name == "TLS to a plaintext port" {
			timeout = 2 * time.Second
		}
		c, err := New(Config{Brokers: []string{tt.addr}, Timeout: timeout, TLS: tt.tls})
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.Topics(context.Background())
		c.Close()
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: %v", tt.name, err)
		case tt.want != "" && (err == nil || (!tt.prefix && err.Error() != tt.want) || (tt.prefix && !strings.HasPrefix(err.Error(), tt.want))):
			t.Errorf("%s: %v\nwant %q", tt.name, err, tt.want)
		}
	}
}

// A SASL handshake that runs out of time after the connection was made is
// called that, not a connection timeout: the credentials were being
// checked, and may be wrong.
func TestSlowAuthenticationIsNotAConnectionTimeout(t *testing.T) {
	c, err := New(Config{Brokers: []string{"broker:9092"}, Timeout: 2 * time.Second, SASL: &SASL{Mechanism: "SCRAM-SHA-512", User: "alice", Password: "pw"}})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	got := c.connectFailure(fmt.Errorf("sasl: %w", context.DeadlineExceeded))
	want := `authentication for user "alice" (SCRAM-SHA-512) at broker:9092 did not finish within 2s: the broker was still checking the credentials (a larger --timeout tells a wrong password from a slow one)`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	// A connect that failed is still a connect that failed.
	if got := c.connectFailure(&net.OpError{Op: "dial", Err: context.DeadlineExceeded}); strings.Contains(got, "authentication") {
		t.Errorf("a failed dial read as %q", got)
	}
	// Once a request past the handshake went out, the credentials were
	// taken: a deadline then is a request the broker did not answer.
	c.dials.OnBrokerWrite(kgo.BrokerMetadata{}, int16(kmsg.DescribeUserSCRAMCredentials), 20, 0, 0, nil)
	if got := c.explain("describe SCRAM users", fmt.Errorf("read: %w", context.DeadlineExceeded)).Error(); strings.Contains(got, "authentication") || !strings.Contains(got, "no answer from broker:9092 within 2s") {
		t.Errorf("a request unanswered after authenticating read as %q", got)
	}
}
