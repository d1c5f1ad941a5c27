package config

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// commandTimeout bounds a password_cmd or token_cmd.
const commandTimeout = 10 * time.Second

// secret resolves a secret from exactly one of its sources. Errors say
// which source failed and why, never what it held.
func secret(field, literal, env, cmd string) (string, error) {
	switch {
	case literal != "":
		return literal, nil
	case env != "":
		v, ok := os.LookupEnv(env)
		if !ok || v == "" {
			return "", fmt.Errorf("%s_env: $%s is not set", field, env)
		}
		return v, nil
	case cmd != "":
		return run(field+"_cmd", cmd)
	}
	return "", nil
}

// run runs a command line with sh and returns its output, trimmed.
func run(field, command string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), commandTimeout)
	defer cancel()
	var stdout bytes.Buffer
	c := exec.CommandContext(ctx, "sh", "-c", command)
	c.Stdout = &stdout
	// What the command printed is not quoted: a secret's command may
	// print the secret, or part of it, on its way to failing.
	if err := c.Run(); err != nil {
		why := err.Error()
		if ctx.Err() != nil {
			why = "no answer within " + commandTimeout.String()
		}
		return "", fmt.Errorf("%s %q failed (%s); run it yourself to see why", field, command, why)
	}
	out := strings.TrimSpace(stdout.String())
	if out == "" {
		return "", fmt.Errorf("%s %q printed nothing", field, command)
	}
	return out, nil
}

// PasswordValue is the SASL password (or AWS secret key) from wherever the
// context keeps it.
func (s *SASL) PasswordValue() (string, error) {
	return secret("sasl.password", s.Password, s.PasswordEnv, s.PasswordCmd)
}

// Token runs token_cmd for a fresh OAUTHBEARER token.
func (s *SASL) Token() (string, error) { return run("sasl.token_cmd", s.TokenCmd) }

// PasswordValue is the schema registry's password.
func (r *SchemaRegistry) PasswordValue() (string, error) {
	return r.password("schema_registry")
}

// TokenValue is the schema registry's bearer token, empty when it has none.
func (r *SchemaRegistry) TokenValue() (string, error) {
	return r.token("schema_registry")
}

// Secrets are a service's password and bearer token, either empty when
// it has none; where names the service in an error ("connect[0]").
func (s *Service) Secrets(where string) (password, token string, err error) {
	if password, err = s.password(where); err != nil {
		return "", "", err
	}
	token, err = s.token(where)
	return password, token, err
}

func (s *Service) password(where string) (string, error) {
	return secret(where+".password", s.Password, s.PasswordEnv, s.PasswordCmd)
}

func (s *Service) token(where string) (string, error) {
	return secret(where+".token", s.Token, s.TokenEnv, s.TokenCmd)
}

// holdsSecret reports whether the file holds one of the service's secrets
// in clear.
func (s *Service) holdsSecret() bool {
	return s.Password != "" || s.Token != "" || maskURL(s.URL) != s.URL
}

// masked is the service fit to show: its secrets written in the file
// replaced.
func (s Service) masked() Service {
	if s.Password != "" {
		s.Password = redacted
	}
	if s.Token != "" {
		s.Token = redacted
	}
	s.URL = maskURL(s.URL)
	return s
}

// ExpandHome reads a leading ~/ in a path as the user's home.
func ExpandHome(path string) string { return expandHome(path) }

// Config builds the TLS configuration, reading the files it names.
func (t *TLS) Config() (*tls.Config, error) {
	c := &tls.Config{ServerName: t.ServerName, InsecureSkipVerify: t.InsecureSkipVerify, MinVersion: tls.VersionTLS12}
	if t.CAFile != "" {
		pem, err := os.ReadFile(expandHome(t.CAFile))
		if err != nil {
			return nil, fmt.Errorf("tls.ca_file: %w", err)
		}
		c.RootCAs = x509.NewCertPool()
		if !c.RootCAs.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("tls.ca_file %s: no PEM certificate in it", t.CAFile)
		}
	}
	if t.CertFile != "" {
		cert, err := tls.LoadX509KeyPair(expandHome(t.CertFile), expandHome(t.KeyFile))
		if err != nil {
			return nil, fmt.Errorf("tls.cert_file/key_file: %w", err)
		}
		c.Certificates = []tls.Certificate{cert}
	}
	return c, nil
}

// expandHome reads a leading ~/ as the user's home, as a shell would.
func expandHome(path string) string {
	if rest, ok := strings.CutPrefix(path, "~/"); ok {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, rest)
		}
	}
	return path
}

// redacted stands in for a secret when a context is shown.
const redacted = "<redacted>"

// maskURL hides a password written into a URL (https://user:pw@host).
func maskURL(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.User == nil {
		return s
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "REDACTED")
	}
	return u.String()
}

// Masked is a copy of the context fit to show: secrets written in the file
// are replaced; the names of variables and commands that hold them stay.
func (c Context) Masked() Context {
	if c.SASL != nil {
		s := *c.SASL
		if s.Password != "" {
			s.Password = redacted
		}
		c.SASL = &s
	}
	if c.SchemaRegistry != nil {
		c.SchemaRegistry = &SchemaRegistry{Service: c.SchemaRegistry.masked()}
	}
	if len(c.Connect) > 0 {
		connect := make([]ConnectCluster, len(c.Connect))
		for i, cc := range c.Connect {
			connect[i] = ConnectCluster{Name: cc.Name, Service: cc.masked()}
		}
		c.Connect = connect
	}
	return c
}

// addressSource names where a typed address came from, for an error.
func addressSource(c Choice) string {
	if len(c.FlagBrokers) > 0 {
		return "-b"
	}
	return "$KAFKA_BROKERS"
}

// Choice is what the user said about which cluster to use, from flags, the
// environment and the file.
type Choice struct {
	FlagContext string   // --context
	EnvContext  string   // $KSCOPE_CONTEXT
	FlagBrokers []string // -b
	EnvBrokers  string   // $KAFKA_BROKERS
}

// Target is the cluster chosen: a context, or bare brokers, or nothing
// (the embedded demo).
type Target struct {
	Name    string   // the context's name; empty without one
	Context *Context // nil without a context
	Brokers []string // empty: use the embedded demo
}

// Resolve applies the precedence: a flag beats the environment, which
// beats the file. The context is --context, else $KSCOPE_CONTEXT, else
// the file's current_context. Brokers are -b, else $KAFKA_BROKERS, else
// the context's.
//
// A context's credentials go to an address given by -b or $KAFKA_BROKERS
// only when --context names it on the same command line: an exported
// $KSCOPE_CONTEXT, or the file's current_context, never sends a password
// to an address typed for something else. That mix is refused, saying so.
func Resolve(f *File, c Choice) (Target, error) {
	name := c.FlagContext
	addressGiven := len(c.FlagBrokers) > 0 || strings.TrimSpace(c.EnvBrokers) != ""
	if name == "" && c.EnvContext != "" {
		if addressGiven {
			return Target{}, fmt.Errorf("$KSCOPE_CONTEXT names context %q, and %s gives an address: a context's credentials go to another address only with --context on the command line; add --context %s, or unset KSCOPE_CONTEXT to connect without them",
				c.EnvContext, addressSource(c), c.EnvContext)
		}
		name = c.EnvContext
	}
	if name == "" && !addressGiven && f != nil {
		name = f.CurrentContext
	}
	var t Target
	if name != "" {
		if f == nil {
			return t, fmt.Errorf("context %q: there is no config file (kscope config example shows one)", name)
		}
		ctx := f.Contexts[name]
		if ctx == nil {
			return t, fmt.Errorf("context %q is not in %s; it has: %s", name, f.path, strings.Join(f.Names(), ", "))
		}
		t.Name, t.Context, t.Brokers = name, ctx, ctx.Brokers
	}
	switch {
	case len(c.FlagBrokers) > 0:
		t.Brokers = c.FlagBrokers
	case strings.TrimSpace(c.EnvBrokers) != "":
		t.Brokers = []string{c.EnvBrokers}
	}
	return t, nil
}

// CommandSecret runs a command line for a secret the user named on the
// command line (a flag), as the context's _cmd fields are run.
func CommandSecret(flag, command string) (string, error) { return run(flag, command) }
