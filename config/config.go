// Package config reads kscope's configuration file: named contexts, each a
// cluster with how to reach it (brokers, TLS, SASL) and how to treat it
// (read-only). It touches files and may run the commands a context names
// for its secrets; it never talks to a cluster.
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/goccy/go-yaml"

	"github.com/kscope/kscope/mask"
)

// File is a parsed configuration file.
type File struct {
	CurrentContext string              `yaml:"current_context,omitempty"`
	Contexts       map[string]*Context `yaml:"contexts"`
	// Keys rebinds the TUI's keys by name: "tail.pause: p", or a list.
	Keys map[string]KeyList `yaml:"keys,omitempty"`
	// Theme is the TUI's colours: default, light, high-contrast, or the
	// path of a theme file.
	Theme string `yaml:"theme,omitempty"`
	// Aliases are the TUI's words for : command lines, as k9s's aliases:
	// "dlq: tail orders.dlq beginning" makes :dlq open that tail.
	Aliases map[string]string `yaml:"aliases,omitempty"`
	// Columns chooses, for a TUI view, which of its columns show and in
	// what order: "groups: [GROUP, LAG, BEHIND, STATUS]".
	Columns map[string][]string `yaml:"columns,omitempty"`

	path string
	mode fs.FileMode
}

// KeyList is one key or a list of them: p, or [p, ctrl+p].
type KeyList []string

func (k *KeyList) UnmarshalYAML(unmarshal func(any) error) error {
	var one string
	if err := unmarshal(&one); err == nil {
		*k = KeyList{one}
		return nil
	}
	var many []string
	if err := unmarshal(&many); err != nil {
		return errors.New("want a key, or a list of keys")
	}
	*k = many
	return nil
}

// Context is one cluster and how to reach it.
type Context struct {
	Brokers        []string        `yaml:"brokers"`
	ClientID       string          `yaml:"client_id,omitempty"`
	TLS            *TLS            `yaml:"tls,omitempty"`
	SASL           *SASL           `yaml:"sasl,omitempty"`
	SchemaRegistry *SchemaRegistry `yaml:"schema_registry,omitempty"`
	// Connect are the Kafka Connect clusters that work with the cluster.
	Connect []ConnectCluster `yaml:"connect,omitempty"`
	// Protobuf names the .proto files and descriptor sets that decode
	// rules may name messages from.
	Protobuf *Protobuf `yaml:"protobuf,omitempty"`
	// Decode says how to read topics whose bytes do not say it
	// themselves, as the registry's framing does; the first rule
	// matching a topic applies.
	Decode   []DecodeRule `yaml:"decode,omitempty"`
	ReadOnly bool         `yaml:"read_only,omitempty"`
	// Masking hides sensitive fields in every output: see package mask.
	Masking *mask.Config `yaml:"masking,omitempty"`
}

// Protobuf is where local Protobuf definitions are.
type Protobuf struct {
	ImportPaths    []string `yaml:"import_paths,omitempty"`    // where imports are found; default: the current directory
	Files          []string `yaml:"files,omitempty"`           // .proto files, relative to an import path
	DescriptorSets []string `yaml:"descriptor_sets,omitempty"` // protoc --descriptor_set_out --include_imports
}

// DecodeRule says how to read the keys and values of some topics.
type DecodeRule struct {
	// Topic is a topic name or a glob: orders.*, payments-?.
	Topic string        `yaml:"topic"`
	Key   *DecodeFormat `yaml:"key,omitempty"`
	Value *DecodeFormat `yaml:"value,omitempty"`
}

// DecodeFormat is one format: auto (the registry's framing, else the
// bytes as they are), json, msgpack, text or raw (the bytes as they are,
// never decoded), protobuf with a message from
// the protobuf files, or avro with a schema file.
type DecodeFormat struct {
	Format     string `yaml:"format"`
	Message    string `yaml:"message,omitempty"`     // protobuf: the message's full name
	SchemaFile string `yaml:"schema_file,omitempty"` // avro: an .avsc file
}

// Formats are the decode formats a rule may name.
var Formats = []string{"auto", "json", "msgpack", "protobuf", "avro", "text", "raw"}

// TLS is present to use TLS; its fields refine it.
type TLS struct {
	CAFile             string `yaml:"ca_file,omitempty"`   // PEM roots; default: the system's
	CertFile           string `yaml:"cert_file,omitempty"` // client certificate, for mutual TLS
	KeyFile            string `yaml:"key_file,omitempty"`
	ServerName         string `yaml:"server_name,omitempty"` // default: the broker's host
	InsecureSkipVerify bool   `yaml:"insecure_skip_verify,omitempty"`
}

// SASL authenticates the client. A secret comes from exactly one of the
// literal field, an environment variable (_env) or a command's output (_cmd).
type SASL struct {
	Mechanism   string `yaml:"mechanism,omitempty"` // PLAIN, SCRAM-SHA-256, SCRAM-SHA-512, OAUTHBEARER, AWS_MSK_IAM
	Username    string `yaml:"username,omitempty"`
	Password    string `yaml:"password,omitempty"`
	PasswordEnv string `yaml:"password_env,omitempty"`
	PasswordCmd string `yaml:"password_cmd,omitempty"`
	// TokenCmd prints an OAUTHBEARER token; it is run for each new
	// connection, so short-lived tokens stay fresh.
	TokenCmd string `yaml:"token_cmd,omitempty"`
	// SessionTokenEnv names the variable holding an AWS session token,
	// for AWS_MSK_IAM with temporary credentials.
	SessionTokenEnv string `yaml:"session_token_env,omitempty"`
}

// Service is an HTTP service a context names (its schema registry, its
// Kafka Connect clusters): where it is, and basic auth with a username
// and password, or a bearer token; its secrets come from one place each,
// as the SASL password does.
type Service struct {
	URL         string `yaml:"url,omitempty"`
	Username    string `yaml:"username,omitempty"`
	Password    string `yaml:"password,omitempty"`
	PasswordEnv string `yaml:"password_env,omitempty"`
	PasswordCmd string `yaml:"password_cmd,omitempty"`
	Token       string `yaml:"token,omitempty"`
	TokenEnv    string `yaml:"token_env,omitempty"`
	TokenCmd    string `yaml:"token_cmd,omitempty"`
	TLS         *TLS   `yaml:"tls,omitempty"`
}

// SchemaRegistry is where a context's schemas live.
type SchemaRegistry struct {
	Service `yaml:",inline"`
}

// ConnectCluster is a Kafka Connect cluster a context names.
type ConnectCluster struct {
	// Name is what kscope calls it; may be left out when the context
	// names one cluster alone ("connect").
	Name    string `yaml:"name,omitempty"`
	Service `yaml:",inline"`
}

// Mechanisms are the SASL mechanisms kscope speaks.
var Mechanisms = []string{"PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512", "OAUTHBEARER", "AWS_MSK_IAM"}

// DefaultPath is $XDG_CONFIG_HOME/kscope/config.yaml, else
// ~/.config/kscope/config.yaml.
func DefaultPath() string {
	dir := UserConfigDir()
	if dir == "" {
		return ""
	}
	return filepath.Join(dir, "kscope", "config.yaml")
}

// UserConfigDir is where programs keep the user's settings:
// $XDG_CONFIG_HOME, else ~/.config; "" when there is no home.
func UserConfigDir() string {
	if dir := os.Getenv("XDG_CONFIG_HOME"); dir != "" {
		return dir
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	return filepath.Join(home, ".config")
}

// ErrNotFound is returned by Load for a file that does not exist.
var ErrNotFound = errors.New("config file not found")

// Load reads and checks a configuration file. Its errors name the file and,
// for mistakes in it, the line and the field.
func Load(path string) (*File, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s: %w", path, ErrNotFound)
	}
	if err != nil {
		return nil, err
	}
	f, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("%s:%w", path, err)
	}
	f.path = path
	if info, err := os.Stat(path); err == nil {
		f.mode = info.Mode().Perm()
	}
	return f, nil
}

// Parse reads a configuration from YAML. Unknown fields are errors, so a
// misspelt setting is reported rather than silently ignored.
func Parse(data []byte) (*File, error) {
	var f File
	if err := unmarshal(data, &f); err != nil {
		return nil, err
	}
	if f.Contexts == nil {
		f.Contexts = map[string]*Context{}
	}
	for _, name := range f.Names() {
		if f.Contexts[name] == nil {
			return nil, fmt.Errorf("%d: context %q is empty: give it brokers", lineOf(data, name), name)
		}
		if err := f.Contexts[name].check(); err != nil {
			return nil, fmt.Errorf("%d: context %q: %w", lineOf(data, name), name, err)
		}
	}
	if f.CurrentContext != "" && f.Contexts[f.CurrentContext] == nil {
		return nil, fmt.Errorf("%d: current_context %q is not among the contexts", lineOf(data, "current_context"), f.CurrentContext)
	}
	return &f, nil
}

// unmarshal decodes strictly. The YAML library can panic on some malformed
// input (a tag on a sequence: goccy/go-yaml#735, fixed upstream after
// v1.19.2); a bad config file must give an error, never a crash.
func unmarshal(data []byte, f *File) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf(" the file is not YAML kscope can read (the parser failed: %v)", r)
		}
	}()
	if err := yaml.UnmarshalWithOptions(data, f, yaml.DisallowUnknownField()); err != nil {
		return yamlError(data, err)
	}
	return nil
}

// yamlError says where in the file a parse went wrong, in words: "12:5:
// read_only: want true or false", never Go's type names.
func yamlError(data []byte, err error) error {
	var ye yaml.Error
	if !errors.As(err, &ye) || ye.GetToken() == nil {
		return fmt.Errorf(" %v", err)
	}
	pos := ye.GetToken().Position
	msg := ye.GetMessage()
	var te *yaml.TypeError
	if errors.As(err, &te) && te.DstType != nil {
		msg = fmt.Sprintf("%s: %q is not %s", keyAt(data, pos.Line), ye.GetToken().Value, kindName(te.DstType.Kind().String()))
	}
	return fmt.Errorf("%d:%d: %s", pos.Line, pos.Column, msg)
}

func kindName(kind string) string {
	switch kind {
	case "bool":
		return "true or false"
	case "string":
		return "text"
	case "slice":
		return "a list"
	case "map", "struct", "ptr":
		return "a mapping"
	}
	return "a " + kind
}

var keyPattern = regexp.MustCompile(`^\s*-?\s*([A-Za-z_][\w.-]*)\s*:`)

// keyAt is the key written on a line of the file, or "value".
func keyAt(data []byte, line int) string {
	lines := strings.Split(string(data), "\n")
	if line >= 1 && line <= len(lines) {
		if m := keyPattern.FindStringSubmatch(lines[line-1]); m != nil {
			return m[1]
		}
	}
	return "value"
}

// lineOf is the first line that starts a mapping key named key, or 1.
func lineOf(data []byte, key string) int {
	for i, l := range strings.Split(string(data), "\n") {
		if m := keyPattern.FindStringSubmatch(l); m != nil && m[1] == key {
			return i + 1
		}
	}
	return 1
}

// Names lists the contexts, sorted.
func (f *File) Names() []string {
	names := make([]string, 0, len(f.Contexts))
	for n := range f.Contexts {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Path is the file the configuration came from.
func (f *File) Path() string { return f.path }

// Exposed reports whether others than its owner can read the file while it
// holds a secret in clear, which deserves a warning.
func (f *File) Exposed() bool {
	if f.mode&0o077 == 0 {
		return false
	}
	for _, c := range f.Contexts {
		if c.SASL != nil && c.SASL.Password != "" || c.SchemaRegistry != nil && c.SchemaRegistry.holdsSecret() {
			return true
		}
		if slices.ContainsFunc(c.Connect, func(cc ConnectCluster) bool { return cc.holdsSecret() }) {
			return true
		}
	}
	return false
}

// Mode is the file's permission bits.
func (f *File) Mode() fs.FileMode { return f.mode }

func (c *Context) check() error {
	if len(c.Brokers) == 0 {
		return errors.New("brokers: give at least one host:port")
	}
	if t := c.TLS; t != nil && (t.CertFile == "") != (t.KeyFile == "") {
		return errors.New("tls: cert_file and key_file go together")
	}
	if s := c.SASL; s != nil {
		if err := s.check(); err != nil {
			return fmt.Errorf("sasl: %w", err)
		}
	}
	if r := c.SchemaRegistry; r != nil {
		if err := r.check(); err != nil {
			return fmt.Errorf("schema_registry: %w", err)
		}
	}
	seen := map[string]bool{}
	for i := range c.Connect {
		cc := &c.Connect[i]
		if cc.Name == "" && len(c.Connect) == 1 {
			cc.Name = "connect"
		}
		switch {
		case cc.Name == "":
			return fmt.Errorf("connect[%d]: give each cluster a name", i)
		case seen[cc.Name]:
			return fmt.Errorf("connect[%d]: the name %q is given twice", i, cc.Name)
		}
		seen[cc.Name] = true
		if err := cc.check(); err != nil {
			return fmt.Errorf("connect[%d]: %w", i, err)
		}
	}
	for i, rule := range c.Decode {
		if err := rule.check(c.Protobuf); err != nil {
			return fmt.Errorf("decode[%d]: %w", i, err)
		}
	}
	if c.Masking != nil {
		if err := c.Masking.Check(); err != nil {
			return fmt.Errorf("masking: %w", err)
		}
	}
	return nil
}

func (s *Service) check() error {
	if s.URL == "" {
		return errors.New("url is missing")
	}
	if n := count(s.Password, s.PasswordEnv, s.PasswordCmd); n > 1 {
		return errors.New("give one of password, password_env, password_cmd")
	}
	if n := count(s.Token, s.TokenEnv, s.TokenCmd); n > 1 {
		return errors.New("give one of token, token_env, token_cmd")
	}
	if s.Username != "" && count(s.Token, s.TokenEnv, s.TokenCmd) > 0 {
		return errors.New("give a username and password, or a token, not both")
	}
	return nil
}

func (r DecodeRule) check(p *Protobuf) error {
	if r.Topic == "" {
		return errors.New("topic: give a topic name or pattern")
	}
	if r.Key == nil && r.Value == nil {
		return errors.New("give a key or value format")
	}
	for _, f := range []*DecodeFormat{r.Key, r.Value} {
		if f == nil {
			continue
		}
		switch {
		case !slices.Contains(Formats, f.Format):
			return fmt.Errorf("format %q: want one of %s", f.Format, strings.Join(Formats, ", "))
		case f.Format == "protobuf" && f.Message == "":
			return errors.New("protobuf: give message, the full name of the message")
		case f.Format == "protobuf" && p == nil:
			return errors.New("protobuf: the context has no protobuf files or descriptor sets")
		case f.Format == "avro" && f.SchemaFile == "":
			return errors.New("avro: give schema_file")
		}
	}
	return nil
}

func (s *SASL) check() error {
	s.Mechanism = strings.ToUpper(s.Mechanism)
	known := false
	for _, m := range Mechanisms {
		known = known || m == s.Mechanism
	}
	if !known {
		return fmt.Errorf("mechanism %q: want one of %s", s.Mechanism, strings.Join(Mechanisms, ", "))
	}
	secrets := count(s.Password, s.PasswordEnv, s.PasswordCmd)
	switch s.Mechanism {
	case "OAUTHBEARER":
		if s.TokenCmd == "" {
			return errors.New("OAUTHBEARER needs token_cmd")
		}
	case "AWS_MSK_IAM":
		// Credentials may come from the standard AWS variables.
	default:
		if s.Username == "" || secrets == 0 {
			return fmt.Errorf("%s needs username and one of password, password_env, password_cmd", s.Mechanism)
		}
	}
	if secrets > 1 {
		return errors.New("give one of password, password_env, password_cmd")
	}
	return nil
}

func count(values ...string) int {
	n := 0
	for _, v := range values {
		if v != "" {
			n++
		}
	}
	return n
}
