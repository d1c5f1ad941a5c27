package main

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/twmb/franz-go/pkg/kfake"
)

// writeConfig writes a config file with the given mode and returns its path.
func writeConfig(t *testing.T, mode os.FileMode, body string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(path, []byte(body), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestContextsWithSASL(t *testing.T) {
	fake, err := kfake.NewCluster(kfake.NumBrokers(1), kfake.EnableSASL(),
		kfake.Superuser("SCRAM-SHA-256", "alice", "s3cret"), kfake.SeedTopics(2, "secured"))
	if err != nil {
		t.Fatal(err)
	}
	defer fake.Close()
	addr := fake.ListenAddrs()[0]
	cfg := writeConfig(t, 0o600, fmt.Sprintf(`current_context: good
contexts:
  good:
    brokers: [%[1]s]
    sasl:
      mechanism: SCRAM-SHA-256
      username: alice
      password_env: KSCOPE_E2E_PASSWORD
  bad:
    brokers: [%[1]s]
    sasl:
      mechanism: SCRAM-SHA-256
      username: alice
      password_cmd: echo wrong-password
`, addr))
	t.Setenv("KSCOPE_E2E_PASSWORD", "s3cret")

	out, errOut, code := run(t, "", kscope, "--config", cfg, "topics")
	if code != 0 || !strings.Contains(out, "secured") {
		t.Fatalf("the current context: exit %d\n%s%s", code, out, errOut)
	}
	_, errOut, code = run(t, "", kscope, "--config", cfg, "--context", "bad", "--timeout", "3s", "topics")
	want := fmt.Sprintf("kscope: list topics: authentication failed for user \"alice\" (SCRAM-SHA-256) at %s\n", addr)
	if code != 1 || errOut != want {
		t.Errorf("wrong password: exit %d, %q; want 1, %q", code, errOut, want)
	}
	if strings.Contains(errOut, "wrong-password") {
		t.Error("the password reached the error")
	}
	// $KSCOPE_CONTEXT selects too, and -b alone takes no context (and so
	// no credentials): the secured broker hangs up on it.
	if _, errOut, code := run(t, "", "env", "KSCOPE_CONTEXT=bad", kscope, "--config", cfg, "--timeout", "3s", "topics"); code != 1 || !strings.Contains(errOut, "authentication failed") {
		t.Errorf("$KSCOPE_CONTEXT: exit %d %q", code, errOut)
	}
	if _, errOut, code := run(t, "", kscope, "--config", cfg, "-b", addr, "--timeout", "3s", "topics"); code != 1 || !strings.Contains(errOut, "hung up at once: does it want TLS or SASL") {
		t.Errorf("-b without a context: exit %d %q", code, errOut)
	}
}

func TestConfigMistakes(t *testing.T) {
	bad := writeConfig(t, 0o600, "contexts:\n  a:\n    brokers: [x:1]\n    read_only: sometimes\n")
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--config", bad, "topics"}, 2, "kscope: config " + bad + `:4:16: read_only: "sometimes" is not true or false` + "\n"},
		{[]string{"--config", filepath.Join(t.TempDir(), "none.yaml"), "topics"}, 2, "config file not found"},
		{[]string{"--config", writeConfig(t, 0o600, "contexts:\n  a:\n    brokers: [x:1]\n"), "--context", "b", "topics"}, 2,
			`kscope: context "b" is not in `},
	}
	for _, tt := range tests {
		_, errOut, code := run(t, "", kscope, tt.args...)
		if code != tt.code || !strings.Contains(errOut, tt.want) {
			t.Errorf("kscope %v: exit %d %q; want %d and %q", tt.args, code, errOut, tt.code, tt.want)
		}
	}
}

func TestExposedConfigWarns(t *testing.T) {
	cfg := writeConfig(t, 0o644, "contexts:\n  a:\n    brokers: [127.0.0.1:1]\n    sasl: {mechanism: PLAIN, username: u, password: hunter2}\n")
	out, errOut, code := run(t, "", kscope, "--config", cfg, "config", "current", "--context", "a")
	if code != 0 || !strings.Contains(errOut, "holds a password and others can read it (mode 0644)") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
	if strings.Contains(out+errOut, "hunter2") || !strings.Contains(out, "<redacted>") {
		t.Errorf("the password shows:\n%s", out)
	}
}

// An exported context does not send its password to an address typed on
// the command line or in $KAFKA_BROKERS: kscope refuses, and the address
// hears nothing.
func TestContextCredentialsNeverFollowATypedAddress(t *testing.T) {
	cfg := writeConfig(t, 0o600, `contexts:
  lit:
    brokers: [kafka.lit.example:9092]
    sasl:
      mechanism: PLAIN
      username: alice
      password: HUNTER2-LITERAL
`)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	var heard atomic.Int32 // connections the typed address accepted
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			heard.Add(1)
			conn.Close()
		}
	}()
	addr := ln.Addr().String()
	for _, args := range [][]string{
		{"env", "KSCOPE_CONTEXT=lit", kscope, "--config", cfg, "-b", addr, "--timeout", "2s", "topics"},
		{"env", "KSCOPE_CONTEXT=lit", "KAFKA_BROKERS=" + addr, kscope, "--config", cfg, "--timeout", "2s", "topics"},
	} {
		_, errOut, code := run(t, "", args[0], args[1:]...)
		if code != 2 || !strings.Contains(errOut, "only with --context on the command line") {
			t.Errorf("%v: exit %d, %q; want a refusal", args[1:3], code, errOut)
		}
	}
	if n := heard.Load(); n > 0 {
		t.Fatalf("the typed address was dialled %d times", n)
	}
}

// A decode rule whose schema_file is not Avro breaks only its own topics:
// other commands run, its records say why without quoting the file, and
// nothing of the file is printed.
func TestABrokenDecodeRuleBreaksOnlyItsTopics(t *testing.T) {
	fake, err := kfake.NewCluster(kfake.NumBrokers(1), kfake.SeedTopics(1, "ruled", "plain"))
	if err != nil {
		t.Fatal(err)
	}
	defer fake.Close()
	addr := fake.ListenAddrs()[0]
	notAvro := filepath.Join(t.TempDir(), "creds.avsc")
	os.WriteFile(notAvro, []byte("aws_secret_access_key = FAKESECRETVALUE\n"), 0o600)
	cfg := writeConfig(t, 0o600, fmt.Sprintf(`contexts:
  a:
    brokers: [%s]
    decode:
      - topic: ruled
        value: {format: avro, schema_file: %s}
`, addr, notAvro))
	for _, topic := range []string{"ruled", "plain"} {
		if _, errOut, code := run(t, "hello\n", kscope, "--config", cfg, "--context", "a", "produce", topic); code != 0 {
			t.Fatalf("produce to %s: %d %s", topic, code, errOut)
		}
	}
	out, errOut, code := run(t, "", kscope, "--config", cfg, "--context", "a", "topics")
	if code != 0 || !strings.Contains(out, "plain") || strings.Contains(out+errOut, "FAKESECRET") {
		t.Errorf("topics: %d %q %q", code, out, errOut)
	}
	out, errOut, code = run(t, "", kscope, "--config", cfg, "--context", "a", "tail", "ruled", "--from", "beginning", "-e", "-o", "json")
	if code != 0 || strings.Contains(out+errOut, "FAKESECRET") || !strings.Contains(out, `decode[0].value: schema_file `) || !strings.Contains(out, "not an Avro schema: not JSON at line 1") {
		t.Errorf("tail of the rule's topic: %d %q %q", code, out, errOut)
	}
}
