package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/twmb/franz-go/pkg/kfake"

	"github.com/kscope/kscope/kafka"
	"github.com/kscope/kscope/serde"
)

// The debug log holds franz-go's debug lines and the registry's calls,
// and no secret: not a SASL PLAIN or SCRAM password, not a registry's
// password, token or the password written in its URL.
func TestDebugLogKeepsNoSecret(t *testing.T) {
	secrets := map[string]string{"plain": "pl4in-pa55word", "scram": "scr4m-pa55word", "registry": "reg-pa55word", "url": "url-pa55word"}
	for _, mech := range []string{"PLAIN", "SCRAM-SHA-512"} {
		password := secrets[strings.ToLower(mech[:5])]
		fake, err := kfake.NewCluster(kfake.NumBrokers(1), kfake.EnableSASL(), kfake.Superuser(mech, "alice", password), kfake.SeedTopics(1, "secured"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(fake.Close)
		dir := t.TempDir()
		conf := filepath.Join(dir, "config.yaml")
		reg := strings.Replace(cluster.RegistryURL(), "http://", "http://reg-user:"+secrets["url"]+"@", 1)
		yaml := fmt.Sprintf("contexts:\n  sec:\n    brokers: [%s]\n    sasl:\n      mechanism: %s\n      username: alice\n      password: %s\n"+
			"    schema_registry:\n      url: %s\n", fake.ListenAddrs()[0], mech, password, reg)
		if err := os.WriteFile(conf, []byte(yaml), 0o600); err != nil {
			t.Fatal(err)
		}
		log := filepath.Join(dir, "debug.log")
		r := kscope(t, "", "--config", conf, "--context", "sec", "--debug", log, "--timeout", "1m", "topics") // SCRAM is slow under -race
		r.want(t, 0, "secured")
		// A second registry, with a password and a token of its own.
		regConf := filepath.Join(dir, "registry.yaml")
		yaml = fmt.Sprintf("contexts:\n  demo:\n    brokers: [%s]\n    schema_registry:\n      url: %s\n      username: reg-user\n      password: %s\n",
			cluster.Addrs()[0], cluster.RegistryURL(), secrets["registry"])
		if err := os.WriteFile(regConf, []byte(yaml), 0o600); err != nil {
			t.Fatal(err)
		}
		regLog := filepath.Join(dir, "registry.log")
		kscope(t, "", "--config", regConf, "--debug", regLog, "tail", "payments.avro", "--from", "beginning", "-n", "1").want(t, 0, "payment_id")

		for _, f := range []string{log, regLog} {
			text, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(text), " franz-go ") {
				t.Errorf("%s has no franz-go line:\n%s", f, text)
			}
			for what, s := range secrets {
				if strings.Contains(string(text), s) {
					t.Errorf("%s holds the %s secret", f, what)
				}
			}
		}
		if text, _ := os.ReadFile(regLog); !strings.Contains(string(text), " registry GET http://") {
			t.Errorf("the registry's calls are not in the log:\n%s", text)
		}
	}
}

// A token fetched for a connection (OAUTHBEARER) is replaced from the
// moment it is fetched, and the log stops at its bound.
func TestDebugLogRedactsTokensAndIsBounded(t *testing.T) {
	path := filepath.Join(t.TempDir(), "debug.log")
	d, err := openDebugLog(path)
	if err != nil {
		t.Fatal(err)
	}
	cfg := kafka.Config{SASL: &kafka.SASL{Mechanism: "OAUTHBEARER", Token: func(context.Context) (string, error) { return "eyJ-fresh-token", nil }}}
	d.kafka(&cfg)
	if _, err := cfg.SASL.Token(context.Background()); err != nil {
		t.Fatal(err)
	}
	rc := serde.RegistryConfig{URL: "https://u:in-url-secret@registry.example", Token: "bearer-secret"}
	d.registry(&rc)
	fmt.Fprintf(d, "sent eyJ-fresh-token, in-url-secret and bearer-secret\n")
	line := strings.Repeat("x", 1<<20) + "\n"
	for range 70 {
		d.Write([]byte(line))
	}
	d.Close()
	text, _ := os.ReadFile(path)
	if !strings.Contains(string(text), "sent REDACTED, REDACTED and REDACTED") {
		t.Errorf("the secrets were not replaced: %.200s", text)
	}
	if len(text) > maxDebugLog+200 || !strings.HasSuffix(string(text), "nothing more is written\n") {
		t.Errorf("the log is %d bytes, or does not say it stopped", len(text))
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("the log is %v, want 0600", fi.Mode().Perm())
	}
}
