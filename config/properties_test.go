package config

import (
	"strings"
	"testing"
)

func TestProperties(t *testing.T) {
	props, err := ParseProperties(strings.NewReader(`# a Java client's file
bootstrap.servers=k1:9093,k2:9093
security.protocol = SASL_SSL
! another comment
sasl.mechanism: SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required \
    username="alice" password="s3\"cret";
ssl.ca.location=/etc/kafka/ca.pem
client.id=billing
`))
	if err != nil {
		t.Fatal(err)
	}
	c, err := FromProperties(props, nil)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(c.Brokers, ",") != "k1:9093,k2:9093" || c.ClientID != "billing" || c.TLS == nil || c.TLS.CAFile != "/etc/kafka/ca.pem" ||
		c.SASL == nil || c.SASL.Mechanism != "SCRAM-SHA-512" || c.SASL.Username != "alice" || c.SASL.Password != `s3"cret` {
		t.Errorf("context %+v, TLS %+v, SASL %+v", c, c.TLS, c.SASL)
	}
	// librdkafka's names, and -b before bootstrap.servers; SASL defaults to PLAIN.
	c, err = FromProperties(map[string]string{"bootstrap.servers": "x:1", "security.protocol": "sasl_plaintext", "sasl.username": "u", "sasl.password": "p"}, []string{"b:9092"})
	if err != nil || c.Brokers[0] != "b:9092" || c.SASL.Mechanism != "PLAIN" || c.TLS != nil {
		t.Errorf("%+v %v", c, err)
	}
	for props, want := range map[string]string{
		"fetch.max.bytes=1":                                 "fetch.max.bytes: not a property kscope knows",
		"ssl.truststore.location=/x.jks":                    "Java keystores are not read",
		"security.protocol=SSL,sasl.username=u":             "sasl.* given with security.protocol=SSL",
		"ssl.ca.location=/ca.pem":                           "ssl.* given with security.protocol=PLAINTEXT",
		"security.protocol=TLS":                             "want PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL",
		"security.protocol=SSL,ssl.certificate.location=/c": "cert_file and key_file go together",
	} {
		m := map[string]string{"bootstrap.servers": "k:1"}
		for _, kv := range strings.Split(props, ",") {
			k, v, _ := ParseProperty(kv)
			m[k] = v
		}
		if _, err := FromProperties(m, nil); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want %q", props, err, want)
		}
	}
	if _, err := FromProperties(map[string]string{}, nil); err == nil || !strings.Contains(err.Error(), "no brokers") {
		t.Errorf("no brokers: %v", err)
	}
	if _, _, err := ParseProperty("novalue"); err == nil {
		t.Error("-X without = was taken")
	}
}
