package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const kafFile = `current-cluster: prod
clusters:
- name: local
  brokers:
  - localhost:9092
- name: prod
  brokers: [k1:9093, k2:9093]
  SASL:
    mechanism: SCRAM-SHA-512
    username: alice
    password: s3cret
  TLS:
    cafile: /etc/kafka/ca.pem
  security-protocol: SASL_SSL
  schema-registry-url: https://registry.example
  schema-registry-credentials:
    username: sr
    password: sr-pass
`

const kafkactlFile = `contexts:
  default:
    brokers:
      - localhost:19093
    schemaRegistry:
      url: localhost:18081
  scram:
    brokers: [localhost:19094]
    clientID: kscope-test
    tls:
      enabled: true
      ca: /ca.pem
      cert: /c.pem
      certKey: /k.pem
    sasl:
      enabled: true
      mechanism: scram-sha512
      username: admin
      password: admin-secret
current-context: default
`

func TestImportKafAndKafkactl(t *testing.T) {
	k, err := ImportKaf([]byte(kafFile))
	if err != nil {
		t.Fatal(err)
	}
	prod := k.Contexts["prod"]
	if k.Current != "prod" || len(k.Contexts) != 2 || prod.SASL.Mechanism != "SCRAM-SHA-512" || prod.SASL.Password != "s3cret" ||
		prod.TLS.CAFile != "/etc/kafka/ca.pem" || prod.SchemaRegistry.Password != "sr-pass" || k.Contexts["local"].TLS != nil {
		t.Errorf("kaf: %+v, prod %+v %+v %+v", k, prod, prod.SASL, prod.TLS)
	}
	c, err := ImportKafkactl([]byte(kafkactlFile))
	if err != nil {
		t.Fatal(err)
	}
	scram := c.Contexts["scram"]
	if c.Current != "default" || c.Contexts["default"].SchemaRegistry.URL != "http://localhost:18081" || scram.SASL.Mechanism != "SCRAM-SHA-512" ||
		scram.TLS.KeyFile != "/k.pem" || scram.ClientID != "kscope-test" {
		t.Errorf("kafkactl: %+v, scram %+v %+v", c, scram.SASL, scram.TLS)
	}
	if _, err := ImportKafkactl([]byte("contexts:\n  o:\n    brokers: [a:1]\n    sasl:\n      enabled: true\n      mechanism: oauth\n")); err == nil || !strings.Contains(err.Error(), `sasl mechanism "oauth"`) {
		t.Errorf("oauth: %v", err)
	}
	if _, err := ImportKaf([]byte("clusters:\n- name: x\n  brokers: []\n")); err == nil || !strings.Contains(err.Error(), "brokers") {
		t.Errorf("no brokers: %v", err)
	}
}

// Imported contexts are added at the end of the file's contexts, the
// rest of the file as written, comments included; a name the file has
// already is kept as it is. With no file, one is written, 0600.
func TestAddContextsKeepsTheFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "config.yaml")
	before := "# my clusters\ncurrent_context: local\ncontexts:\n  # the laptop\n  local:\n    brokers: [localhost:9092] # plaintext\n\ntheme: light\n"
	if err := os.WriteFile(path, []byte(before), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	in, _ := ImportKaf([]byte(kafFile))
	added, kept, err := f.AddContexts(in)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(added, ",") != "prod" || strings.Join(kept, ",") != "local" {
		t.Errorf("added %v, kept %v", added, kept)
	}
	after, _ := os.ReadFile(path)
	if !strings.HasPrefix(string(after), "# my clusters\ncurrent_context: local\ncontexts:\n  # the laptop\n  local:\n    brokers: [localhost:9092] # plaintext\n") ||
		!strings.Contains(string(after), "theme: light") {
		t.Errorf("the file's own lines changed:\n%s", after)
	}
	g, err := Load(path)
	if err != nil {
		t.Fatalf("%v\n%s", err, after)
	}
	if g.Contexts["prod"] == nil || g.Contexts["prod"].SASL.Username != "alice" || g.CurrentContext != "local" || g.Theme != "light" {
		t.Errorf("read back: %+v\n%s", g, after)
	}

	fresh := filepath.Join(dir, "new", "config.yaml")
	if err := CreateWith(fresh, in); err != nil {
		t.Fatal(err)
	}
	h, err := Load(fresh)
	if err != nil || h.CurrentContext != "prod" || len(h.Contexts) != 2 {
		t.Errorf("created: %+v %v", h, err)
	}
	if info, _ := os.Stat(fresh); info.Mode().Perm() != 0o600 {
		t.Errorf("created %v, want 0600", info.Mode().Perm())
	}
}
