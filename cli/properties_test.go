package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kscope/kscope/kafka/clustertest"
	"github.com/twmb/franz-go/pkg/kfake"
)

// -X and -F connect as kcat's and the Java tools' settings say, with no
// config file: SCRAM from -X, PLAIN from a Java .properties file.
func TestClientProperties(t *testing.T) {
	scram, err := kfake.NewCluster(kfake.NumBrokers(1), kfake.EnableSASL(), kfake.Superuser("SCRAM-SHA-256", "alice", "scr4m"), kfake.SeedTopics(1, "by-x"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(scram.Close)
	kscope(t, "", "-b", scram.ListenAddrs()[0], "-X", "security.protocol=SASL_PLAINTEXT", "-X", "sasl.mechanisms=SCRAM-SHA-256",
		"-X", "sasl.username=alice", "-X", "sasl.password=scr4m", "--timeout", "1m", "topics").want(t, 0, "by-x") // SCRAM is slow under -race
	kscope(t, "", "-b", scram.ListenAddrs()[0], "-X", "security.protocol=SASL_PLAINTEXT", "-X", "sasl.mechanisms=SCRAM-SHA-256",
		"-X", "sasl.username=alice", "-X", "sasl.password=wrong", "--timeout", "1m", "topics").want(t, 1, "authentication failed")

	plain, err := kfake.NewCluster(kfake.NumBrokers(1), kfake.EnableSASL(), kfake.Superuser("PLAIN", "bob", "pl4in"), kfake.SeedTopics(1, "by-f"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(plain.Close)
	file := filepath.Join(t.TempDir(), "client.properties")
	props := "bootstrap.servers=" + plain.ListenAddrs()[0] + "\nsecurity.protocol=SASL_PLAINTEXT\nsasl.mechanism=PLAIN\n" +
		"sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=\"bob\" password=\"pl4in\";\n"
	if err := os.WriteFile(file, []byte(props), 0o600); err != nil {
		t.Fatal(err)
	}
	kscope(t, "", "-F", file, "topics").want(t, 0, "by-f")
	kscope(t, "", "-F", file, "-X", "fetch.max.bytes=1", "topics").want(t, 2, "fetch.max.bytes: not a property kscope knows")
	kscope(t, "", "-F", file, "--context", "demo", "topics").want(t, 2, "not both")
}

// On Apache Kafka's SCRAM and mutual-TLS listeners, -X and -F connect as
// kcat's settings would.
func TestClientPropertiesOnApacheKafka(t *testing.T) {
	c := clustertest.Apache(t)
	real := c.Real
	kscope(t, "", "-b", strings.Join(real.SASLAddrs, ","), "-X", "security.protocol=SASL_PLAINTEXT", "-X", "sasl.mechanism=SCRAM-SHA-512",
		"-X", "sasl.username="+real.Admin.User, "-X", "sasl.password="+real.Admin.Password, "topics", "-o", "json").want(t, 0, "[")
	file := filepath.Join(t.TempDir(), "mtls.properties")
	props := "bootstrap.servers=" + strings.Join(real.TLSAddrs, ",") + "\nsecurity.protocol=SSL\nssl.ca.location=" + real.CA +
		"\nssl.certificate.location=" + real.ClientCert + "\nssl.key.location=" + real.ClientKey + "\n"
	if err := os.WriteFile(file, []byte(props), 0o600); err != nil {
		t.Fatal(err)
	}
	kscope(t, "", "-F", file, "topics", "-o", "json").want(t, 0, "[")
	// Without the client certificate the broker refuses, and says so.
	kscope(t, "", "-b", strings.Join(real.TLSAddrs, ","), "-X", "security.protocol=SSL", "-X", "ssl.ca.location="+real.CA, "topics").
		want(t, 1, "it wants a client certificate it trusts")
}

// kscope config import makes contexts of kafkactl's, kaf's and a
// properties file's clusters: a new file first, then added to it,
// keeping what it has.
func TestConfigImport(t *testing.T) {
	dir := t.TempDir()
	conf := filepath.Join(dir, "kscope", "config.yaml")
	kafkactl := filepath.Join(dir, "kafkactl.yml")
	kaf := filepath.Join(dir, "kaf")
	props := filepath.Join(dir, "staging.properties")
	for path, text := range map[string]string{
		kafkactl: "contexts:\n  dev:\n    brokers: [localhost:19093]\n  scram:\n    brokers: [localhost:19094]\n    sasl:\n      enabled: true\n      mechanism: scram-sha512\n      username: admin\n      password: admin-secret\ncurrent-context: dev\n",
		kaf:      "clusters:\n- name: dev\n  brokers: [other:9092]\n- name: laptop\n  brokers: [localhost:9092]\n",
		props:    "bootstrap.servers=stg:9093\nsecurity.protocol=SSL\n",
	} {
		if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	kscope(t, "", "--config", conf, "config", "import", "kafkactl", kafkactl).want(t, 0, "wrote "+conf+" with contexts dev, scram")
	kscope(t, "", "--config", conf, "config", "import", "kaf", kaf).want(t, 0, "added laptop from", "kept dev as")
	kscope(t, "", "--config", conf, "config", "import", "properties", props).want(t, 0, "added staging from")
	list := kscope(t, "", "--config", conf, "config", "list").want(t, 0, "*  dev      localhost:19093", "SCRAM-SHA-512", "laptop", "staging  stg:9093         TLS")
	if strings.Contains(list.stdout, "other:9092") {
		t.Errorf("kaf's dev replaced kafkactl's:\n%s", list.stdout)
	}
	kscope(t, "", "--config", conf, "config", "import", "kafka-ui", kaf).want(t, 2, "want kaf, kafkactl or properties")
	kscope(t, "", "--config", conf, "config", "import", "properties").want(t, 2, "needs the file")
}
