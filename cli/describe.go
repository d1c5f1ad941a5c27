package cli

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/kscope/kscope/config"
	"github.com/kscope/kscope/kafka/demo"
	"github.com/kscope/kscope/model"
)

func describeNoContext(t config.Target) string {
	if len(t.Brokers) > 0 {
		return "brokers " + strings.Join(t.Brokers, ",") + " from -b or $KAFKA_BROKERS"
	}
	return "kscope uses the embedded demo cluster, masked as a context's masking would:\n  " + strings.Join(demo.Masking.Describe(), "\n  ")
}

// describe shows a context the way a person reads it, every secret as
// where it comes from, never what it is.
func describe(w io.Writer, path string, t config.Target) {
	c := t.Context.Masked()
	tw := newTable(w)
	// What the file says is shown escaped: it is the user's, but a value
	// pasted from anywhere can hold escapes.
	row := func(label, value string) { fmt.Fprintf(tw, "%s\t%s\n", label, model.Sanitize(value)) }
	row("context", t.Name)
	row("file", path)
	row("brokers", strings.Join(t.Brokers, ","))
	if c.ClientID != "" {
		row("client id", c.ClientID)
	}
	row("tls", describeTLS(c.TLS))
	if s := c.SASL; s != nil {
		row("sasl", strings.TrimSpace(s.Mechanism+" "+as(s.Username)+" "+source(s.Password, s.PasswordEnv, s.PasswordCmd)))
		if s.TokenCmd != "" {
			row("", fmt.Sprintf("token from command %q", s.TokenCmd))
		}
	} else {
		row("sasl", "none")
	}
	if r := c.SchemaRegistry; r != nil {
		row("schema registry", strings.TrimSpace(r.URL+" "+as(r.Username)+" "+source(r.Password, r.PasswordEnv, r.PasswordCmd)))
	}
	for i, cc := range c.Connect {
		label := ""
		if i == 0 {
			label = "connect"
		}
		parts := slices.DeleteFunc([]string{cc.Name, cc.URL, as(cc.Username), source(cc.Password, cc.PasswordEnv, cc.PasswordCmd), tokenSource(cc.Service)},
			func(s string) bool { return s == "" })
		row(label, strings.Join(parts, " "))
	}
	row("read-only", yesNo(c.ReadOnly))
	if m := c.Masking; m != nil {
		for i, line := range m.Describe() {
			row(map[bool]string{true: "masking"}[i == 0], line)
		}
	} else {
		row("masking", "off")
	}
	tw.Flush()
}

func describeTLS(t *config.TLS) string {
	if t == nil {
		return "off"
	}
	parts := []string{"on"}
	if t.CAFile != "" {
		parts = append(parts, "CA "+t.CAFile)
	}
	if t.CertFile != "" {
		parts = append(parts, "client certificate "+t.CertFile)
	}
	if t.ServerName != "" {
		parts = append(parts, "server name "+t.ServerName)
	}
	if t.InsecureSkipVerify {
		parts = append(parts, "NOT VERIFYING the broker's certificate")
	}
	return strings.Join(parts, ", ")
}

func as(user string) string {
	if user == "" {
		return ""
	}
	return "as " + user
}

// source says where a secret comes from; a literal one is already masked.
func source(literal, env, cmd string) string {
	switch {
	case literal != "":
		return "with the password in the file " + literal
	case env != "":
		return "with the password from $" + env
	case cmd != "":
		return fmt.Sprintf("with the password from command %q", cmd)
	}
	return ""
}

func security(c *config.Context) string {
	var parts []string
	if c.TLS != nil {
		parts = append(parts, "TLS")
	}
	if c.SASL != nil {
		parts = append(parts, c.SASL.Mechanism)
	}
	if len(parts) == 0 {
		return "plaintext"
	}
	return strings.Join(parts, "+")
}

// tokenSource says where a service's bearer token comes from, if it has
// one, never what it is.
func tokenSource(s config.Service) string {
	switch {
	case s.Token != "":
		return "with the token in the file " + s.Token
	case s.TokenEnv != "":
		return "with the token from $" + s.TokenEnv
	case s.TokenCmd != "":
		return fmt.Sprintf("with the token from command %q", s.TokenCmd)
	}
	return ""
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
