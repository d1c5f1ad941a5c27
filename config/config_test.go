package config

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

func TestExampleParses(t *testing.T) {
	f, err := Parse([]byte(Example))
	if err != nil {
		t.Fatal(err)
	}
	if f.CurrentContext != "local" || !slices.Equal(f.Names(), []string{"cloud", "local", "msk", "prod", "shared", "staging"}) {
		t.Errorf("current %q, contexts %v", f.CurrentContext, f.Names())
	}
	if !f.Contexts["prod"].ReadOnly || f.Contexts["staging"].SASL.Mechanism != "SCRAM-SHA-512" {
		t.Error("example contexts lost settings")
	}
	if m := f.Contexts["shared"].Masking; m == nil || len(m.Rules) != 3 || m.KeyEnv != "KSCOPE_MASK_KEY" {
		t.Errorf("the example's masking: %+v", m)
	}
}

func TestParseErrorsSayWhere(t *testing.T) {
	tests := map[string]string{
		"contexts:\n  a:\n    brokers: [x:1]\n    tls:\n      ca_fil: x\n":                                                                      `5:7: unknown field "ca_fil"`,
		"contexts:\n  a:\n    brokers: [x:1]\n    read_only: maybe\n":                                                                           `4:16: read_only: "maybe" is not true or false`,
		"contexts:\n  a:\n    brokers: [x:1\n":                                                                                                  "3:14: sequence end token ']' not found",
		"contexts:\n  a:\n    brokers: [x:1]\n    masking:\n      rules:\n        - fields: [body.x]\n":                                         `2: context "a": masking: rules[0]: field "body.x": start with key, value or headers`,
		"contexts:\n  a:\n    brokers: [x:1]\n    masking:\n      rules:\n        - detect: [card]\n          style: hash\n":                    `2: context "a": masking: style hash needs key_env or key_cmd, the HMAC's key`,
		"contexts:\n  a:\n    brokers: [x:1]\n    masking:\n      rules:\n        - detect: [card]\n          stlye: hash\n":                    `7:11: unknown field "stlye"`,
		"contexts:\n  a:\n    client_id: x\n":                                                                                                   `2: context "a": brokers: give at least one host:port`,
		"contexts:\n  a:\n    brokers: [x:1]\n    sasl:\n      mechanism: GSSAPI\n":                                                             `2: context "a": sasl: mechanism "GSSAPI": want one of PLAIN, SCRAM-SHA-256, SCRAM-SHA-512, OAUTHBEARER, AWS_MSK_IAM`,
		"contexts:\n  a:\n    brokers: [x:1]\n    sasl:\n      mechanism: plain\n      username: u\n":                                           `2: context "a": sasl: PLAIN needs username and one of password, password_env, password_cmd`,
		"contexts:\n  a:\n    brokers: [x:1]\n    sasl:\n      mechanism: PLAIN\n      username: u\n      password: p\n      password_env: P\n": `2: context "a": sasl: give one of password, password_env, password_cmd`,
		"contexts:\n  a:\n    brokers: [x:1]\n    tls:\n      cert_file: c\n":                                                                   `2: context "a": tls: cert_file and key_file go together`,
		"current_context: b\ncontexts:\n  a:\n    brokers: [x:1]\n":                                                                             `1: current_context "b" is not among the contexts`,
		"contexts:\n  a:\n    brokers: [x:1]\n    schema_registry:\n      url: u\n      username: u\n      token_env: T\n":                      `2: context "a": schema_registry: give a username and password, or a token, not both`,
		"contexts:\n  a:\n    brokers: [x:1]\n    schema_registry:\n      url: u\n      token: t\n      token_cmd: c\n":                         `2: context "a": schema_registry: give one of token, token_env, token_cmd`,
		"contexts:\n  a:\n    brokers: [x:1]\n    decode:\n      - value: {format: json}\n":                                                     `2: context "a": decode[0]: topic: give a topic name or pattern`,
		"contexts:\n  a:\n    brokers: [x:1]\n    decode:\n      - topic: t\n        value: {format: xml}\n":                                    `2: context "a": decode[0]: format "xml": want one of auto, json, msgpack, protobuf, avro, text, raw`,
		"contexts:\n  a:\n    brokers: [x:1]\n    decode:\n      - topic: t\n        key: {format: protobuf, message: M}\n":                     `2: context "a": decode[0]: protobuf: the context has no protobuf files or descriptor sets`,
		"contexts:\n  a:\n    brokers: [x:1]\n    decode:\n      - topic: t\n        value: {format: avro}\n":                                   `2: context "a": decode[0]: avro: give schema_file`,
	}
	for src, want := range tests {
		_, err := Parse([]byte(src))
		if err == nil || err.Error() != want {
			t.Errorf("Parse(%q) = %v, want %q", src, err, want)
		}
	}
}

func TestLoadNamesTheFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.yaml")
	os.WriteFile(path, []byte("contexts:\n  a:\n    brokers: [x:1]\n    bogus: 1\n"), 0o600)
	if _, err := Load(path); err == nil || err.Error() != path+`:4:5: unknown field "bogus"` {
		t.Errorf("Load: %v", err)
	}
	if _, err := Load(filepath.Join(t.TempDir(), "none.yaml")); err == nil || !strings.Contains(err.Error(), "config file not found") {
		t.Errorf("missing file: %v", err)
	}
}

func TestResolvePrecedence(t *testing.T) {
	f, err := Parse([]byte(Example))
	if err != nil {
		t.Fatal(err)
	}
	f.path = "config.yaml"
	tests := []struct {
		name    string
		choice  Choice
		context string
		brokers string
	}{
		{"the file's current context", Choice{}, "local", "localhost:9092"},
		{"env context beats the file", Choice{EnvContext: "prod"}, "prod", "kafka.prod.example.com:9093"},
		{"flag context beats env", Choice{EnvContext: "prod", FlagContext: "staging"}, "staging", "kafka-1.staging.example.com:9093,kafka-2.staging.example.com:9093"},
		{"-b alone: no context", Choice{FlagBrokers: []string{"other:1"}}, "", "other:1"},
		{"$KAFKA_BROKERS alone: no context", Choice{EnvBrokers: "envhost:1"}, "", "envhost:1"},
		{"-b beats $KAFKA_BROKERS", Choice{FlagBrokers: []string{"flag:1"}, EnvBrokers: "env:1"}, "", "flag:1"},
		{"a named context with -b keeps its security", Choice{FlagContext: "prod", FlagBrokers: []string{"other:1"}}, "prod", "other:1"},
	}
	for _, tt := range tests {
		got, err := Resolve(f, tt.choice)
		if err != nil || got.Name != tt.context || strings.Join(got.Brokers, ",") != tt.brokers {
			t.Errorf("%s: %q %v %v; want %q %s", tt.name, got.Name, got.Brokers, err, tt.context, tt.brokers)
		}
	}
	if got, err := Resolve(nil, Choice{}); err != nil || len(got.Brokers) != 0 {
		t.Errorf("nothing given: %+v %v, want the demo", got, err)
	}
	if _, err := Resolve(f, Choice{FlagContext: "nope"}); err == nil || err.Error() != `context "nope" is not in config.yaml; it has: cloud, local, msk, prod, shared, staging` {
		t.Errorf("unknown context: %v", err)
	}
	// An exported context does not lend its credentials to a typed
	// address: only --context on the same command line does.
	for _, c := range []Choice{
		{EnvContext: "prod", FlagBrokers: []string{"127.0.0.1:19601"}},
		{EnvContext: "prod", EnvBrokers: "127.0.0.1:19601"},
	} {
		got, err := Resolve(f, c)
		if err == nil || got.Context != nil || !strings.Contains(err.Error(), "only with --context on the command line") {
			t.Errorf("%+v: %+v %v; want a refusal", c, got, err)
		}
	}
	if got, err := Resolve(f, Choice{FlagContext: "prod", EnvBrokers: "other:1"}); err != nil || got.Name != "prod" {
		t.Errorf("--context with $KAFKA_BROKERS: %+v %v", got, err)
	}
	if _, err := Resolve(nil, Choice{EnvContext: "prod"}); err == nil {
		t.Error("a context without a file was accepted")
	}
}

func TestSecrets(t *testing.T) {
	t.Setenv("KSCOPE_TEST_PW", "from-env")
	for _, tt := range []struct {
		sasl SASL
		want string
		err  string
	}{
		{SASL{Password: "literal"}, "literal", ""},
		{SASL{PasswordEnv: "KSCOPE_TEST_PW"}, "from-env", ""},
		{SASL{PasswordCmd: "echo '  from-cmd  '"}, "from-cmd", ""},
		{SASL{PasswordEnv: "KSCOPE_TEST_UNSET"}, "", "sasl.password_env: $KSCOPE_TEST_UNSET is not set"},
		// What it printed (here the secret) is not quoted.
		{SASL{PasswordCmd: `echo "$KSCOPE_TEST_PW" >&2; exit 3`}, "", `sasl.password_cmd "echo \"$KSCOPE_TEST_PW\" >&2; exit 3" failed (exit status 3); run it yourself to see why`},
		{SASL{PasswordCmd: "true"}, "", `sasl.password_cmd "true" printed nothing`},
	} {
		got, err := tt.sasl.PasswordValue()
		if got != tt.want || (err == nil) != (tt.err == "") || (err != nil && err.Error() != tt.err) {
			t.Errorf("%+v: %q %v; want %q %q", tt.sasl, got, err, tt.want, tt.err)
		}
	}
}

func TestMaskedHidesSecretsOnly(t *testing.T) {
	c := Context{Brokers: []string{"b:1"},
		SASL:           &SASL{Mechanism: "PLAIN", Username: "u", Password: "hunter2"},
		SchemaRegistry: &SchemaRegistry{Service: Service{URL: "http://sr", PasswordEnv: "SR_PW", Password: ""}}}
	m := c.Masked()
	if m.SASL.Password != redacted || m.SASL.Username != "u" || m.SchemaRegistry.PasswordEnv != "SR_PW" || m.SchemaRegistry.Password != "" {
		t.Errorf("masked %+v %+v", m.SASL, m.SchemaRegistry)
	}
	if c.SASL.Password != "hunter2" {
		t.Error("Masked changed the original")
	}
	c.SchemaRegistry = &SchemaRegistry{Service: Service{URL: "http://sr", Token: "eyJhbGciOi"}}
	if got := c.Masked().SchemaRegistry.Token; got != redacted || c.SchemaRegistry.Token != "eyJhbGciOi" {
		t.Errorf("registry token masked as %q", got)
	}
	f := &File{Contexts: map[string]*Context{"a": &c}, mode: 0o644}
	if !f.Exposed() {
		t.Error("a registry token in a world-readable file is not reported")
	}
	// A password written into the registry's URL is a password too.
	c.SchemaRegistry.URL = "https://sr-user:s3cret@registry.example:8081/path"
	if got := c.Masked().SchemaRegistry.URL; strings.Contains(got, "s3cret") || !strings.Contains(got, "sr-user:REDACTED@registry.example:8081/path") {
		t.Errorf("registry URL shown as %q", got)
	}
}

func TestUseKeepsTheFileAsWritten(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.yaml")
	src := "# mine\ncurrent_context: a   # comment\ncontexts:\n  a:\n    brokers: [x:1]\n  b:\n    brokers: [y:1]\n"
	os.WriteFile(path, []byte(src), 0o600)
	f, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Use("b"); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	if want := strings.Replace(src, "current_context: a   # comment", "current_context: b   # comment", 1); string(got) != want {
		t.Errorf("file now:\n%s\nwant:\n%s", got, want)
	}
	if err := f.Use("zz"); err == nil {
		t.Error("used a context that does not exist")
	}
}

// Use edits only current_context's value, or adds the key above the
// first one, in every shape of file the parser accepts.
func TestUseInEveryShapeOfFile(t *testing.T) {
	two := "contexts:\n  a:\n    brokers: [x:1]\n  b:\n    brokers: [\"y:1\"]\n"
	tests := []struct{ src, want string }{
		{"---\n" + two, "---\ncurrent_context: b\n" + two},
		{"# head\n" + two, "# head\ncurrent_context: b\n" + two},
		{"current_context : a\n" + two, "current_context : b\n" + two},
		{"current_context: \"a\" # the usual\n" + two, "current_context: b # the usual\n" + two},
		{"current_context: 'a'\n" + two, "current_context: b\n" + two},
		{"contexts:\n  a: {brokers: [\"x:1\"]}\n  b: {brokers: [\"y:1\"]}\ncurrent_context: a\n", "contexts:\n  a: {brokers: [\"x:1\"]}\n  b: {brokers: [\"y:1\"]}\ncurrent_context: b\n"},
		{`{"contexts": {"a": {"brokers": ["x:1"]}, "b": {"brokers": ["y:1"]}}}`, `{"current_context": b, "contexts": {"a": {"brokers": ["x:1"]}, "b": {"brokers": ["y:1"]}}}`},
		{`{"current_context": "a", "contexts": {"a": {"brokers": ["x:1"]}, "b": {"brokers": ["y:1"]}}}`, `{"current_context": b, "contexts": {"a": {"brokers": ["x:1"]}, "b": {"brokers": ["y:1"]}}}`},
	}
	for _, tt := range tests {
		path := filepath.Join(t.TempDir(), "config.yaml")
		os.WriteFile(path, []byte(tt.src), 0o640)
		f, err := Load(path)
		if err != nil {
			t.Fatalf("%q: %v", tt.src, err)
		}
		if err := f.Use("b"); err != nil {
			t.Errorf("%q: %v", tt.src, err)
			continue
		}
		got, _ := os.ReadFile(path)
		if string(got) != tt.want {
			t.Errorf("%q became\n%q, want\n%q", tt.src, got, tt.want)
		}
		if info, _ := os.Stat(path); info.Mode().Perm() != 0o640 {
			t.Errorf("mode %o after the edit, want 640", info.Mode().Perm())
		}
	}
}

// Two kscopes switching contexts at once never lose a context: each write
// is whole, under a lock; and a symlinked config stays a symlink.
func TestUseIsAtomicAndFollowsSymlinks(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real.yaml")
	src := "# keep me\ncontexts:\n  a:\n    brokers: [x:1]\n  b:\n    brokers: [y:1]\n  c:\n    brokers: [z:1]\n"
	os.WriteFile(real, []byte(src), 0o600)
	link := filepath.Join(dir, "config.yaml")
	if err := os.Symlink(real, link); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for _, name := range []string{"a", "b", "c"} {
		wg.Go(func() {
			for range 50 {
				f, err := Load(link)
				if err != nil {
					t.Error(err)
					return
				}
				if err := f.Use(name); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	f, err := Load(link)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Contexts) != 3 {
		t.Fatalf("after concurrent switches: %v, %d contexts", err, len(f.Contexts))
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the symlink was replaced by a file")
	}
	data, _ := os.ReadFile(real)
	if !strings.HasPrefix(string(data), "# keep me\n") {
		t.Errorf("the comment is gone:\n%s", data)
	}
	if leftovers, _ := filepath.Glob(filepath.Join(dir, ".*.tmp")); len(leftovers) > 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
}

func TestExposedFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string, mode os.FileMode) *File {
		path := filepath.Join(dir, name)
		os.WriteFile(path, []byte(src), mode)
		os.Chmod(path, mode)
		f, err := Load(path)
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	secretSrc := "contexts:\n  a:\n    brokers: [x:1]\n    sasl: {mechanism: PLAIN, username: u, password: p}\n"
	if !write("open.yaml", secretSrc, 0o644).Exposed() {
		t.Error("a world-readable file with a password is not flagged")
	}
	if write("closed.yaml", secretSrc, 0o600).Exposed() {
		t.Error("a private file is flagged")
	}
	if write("env.yaml", "contexts:\n  a:\n    brokers: [x:1]\n    sasl: {mechanism: PLAIN, username: u, password_env: P}\n", 0o644).Exposed() {
		t.Error("a file without secrets in it is flagged")
	}
	if !write("url.yaml", "contexts:\n  a:\n    brokers: [x:1]\n    schema_registry: {url: 'https://u:URLPW@registry:8081'}\n", 0o644).Exposed() {
		t.Error("a world-readable file whose only secret is a password in the registry's URL is not flagged")
	}
	if write("url-user.yaml", "contexts:\n  a:\n    brokers: [x:1]\n    schema_registry: {url: 'https://u@registry:8081'}\n", 0o644).Exposed() {
		t.Error("a registry URL with a user name and no password is flagged")
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(Example))
	f.Add([]byte("contexts:\n  a:\n    brokers: [x:1]\n"))
	f.Add([]byte("current_context: [\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := Parse(data)
		if err != nil {
			if strings.Contains(err.Error(), "reflect.") || strings.Contains(err.Error(), "Go struct") {
				t.Fatalf("error speaks Go, not config: %v", err)
			}
			return
		}
		for _, n := range cfg.Names() {
			if len(cfg.Contexts[n].Brokers) == 0 {
				t.Fatalf("context %q accepted without brokers", n)
			}
		}
	})
}
