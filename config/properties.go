package config

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
)

// Client properties, as kcat's -X and -F and Java's --command-config take
// them: the librdkafka and Java client names users already have, turned
// into a context. A property kscope does not know, or knows and cannot
// honour, is an error naming it, never ignored.

// ParseProperties reads a .properties file: key=value (or key: value)
// lines, # and ! comments, a trailing \ joining lines.
func ParseProperties(r io.Reader) (map[string]string, error) {
	props := map[string]string{}
	sc := bufio.NewScanner(r)
	n, pending := 0, ""
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if pending != "" {
			line, pending = pending+line, ""
		}
		if line == "" || line[0] == '#' || line[0] == '!' {
			continue
		}
		if strings.HasSuffix(line, `\`) && !strings.HasSuffix(line, `\\`) {
			pending = strings.TrimSuffix(line, `\`)
			continue
		}
		i := strings.IndexAny(line, "=:")
		if i <= 0 {
			return nil, fmt.Errorf("line %d: want key=value", n)
		}
		props[strings.TrimSpace(line[:i])] = strings.TrimSpace(line[i+1:])
	}
	return props, sc.Err()
}

// ParseProperty reads one -X key=value.
func ParseProperty(kv string) (key, value string, err error) {
	key, value, ok := strings.Cut(kv, "=")
	if !ok || strings.TrimSpace(key) == "" {
		return "", "", fmt.Errorf("-X %q: want key=value", kv)
	}
	return strings.TrimSpace(key), value, nil
}

// jaas reads the username and password of a Java sasl.jaas.config:
// org.apache.kafka.common.security.plain.PlainLoginModule required
// username="alice" password="s3cret";
var (
	jaas        = regexp.MustCompile(`(\w+)\s*=\s*"((?:[^"\\]|\\.)*)"`)
	jaasEscapes = strings.NewReplacer(`\"`, `"`, `\\`, `\`)
)

// FromProperties makes a context of client properties; brokers given on
// the command line come before bootstrap.servers.
func FromProperties(props map[string]string, brokers []string) (*Context, error) {
	c := &Context{Brokers: brokers}
	protocol := "PLAINTEXT"
	var sasl SASL
	var tls TLS
	for _, key := range sortedKeys(props) {
		v := props[key]
		switch key {
		case "bootstrap.servers", "metadata.broker.list":
			if len(c.Brokers) == 0 {
				c.Brokers = strings.Split(v, ",")
			}
		case "client.id":
			c.ClientID = v
		case "security.protocol":
			protocol = strings.ToUpper(v)
			if !slices.Contains([]string{"PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"}, protocol) {
				return nil, fmt.Errorf("%s=%s: want PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL", key, v)
			}
		case "sasl.mechanism", "sasl.mechanisms":
			sasl.Mechanism = strings.ToUpper(v)
		case "sasl.username":
			sasl.Username = v
		case "sasl.password":
			sasl.Password = v
		case "sasl.jaas.config":
			for _, m := range jaas.FindAllStringSubmatch(v, -1) {
				value := jaasEscapes.Replace(m[2])
				switch m[1] {
				case "username":
					sasl.Username = value
				case "password":
					sasl.Password = value
				}
			}
		case "ssl.ca.location":
			tls.CAFile = v
		case "ssl.certificate.location":
			tls.CertFile = v
		case "ssl.key.location":
			tls.KeyFile = v
		case "ssl.endpoint.identification.algorithm", "enable.ssl.certificate.verification":
			if strings.EqualFold(v, "none") || v == "" || strings.EqualFold(v, "false") {
				tls.InsecureSkipVerify = true
			}
		case "ssl.truststore.location", "ssl.keystore.location", "ssl.truststore.password", "ssl.keystore.password", "ssl.key.password",
			"ssl.truststore.type", "ssl.keystore.type":
			return nil, fmt.Errorf("%s: Java keystores are not read; give PEM files as ssl.ca.location, ssl.certificate.location and ssl.key.location (keytool and openssl convert them)", key)
		default:
			return nil, fmt.Errorf("%s: not a property kscope knows; it takes bootstrap.servers, client.id, security.protocol, sasl.mechanism(s), sasl.username, sasl.password, sasl.jaas.config, ssl.ca.location, ssl.certificate.location, ssl.key.location, ssl.endpoint.identification.algorithm", key)
		}
	}
	if strings.HasPrefix(protocol, "SASL_") {
		if sasl.Mechanism == "" {
			sasl.Mechanism = "PLAIN" // as the Java client and librdkafka default
		}
		c.SASL = &sasl
	} else if sasl != (SASL{}) {
		return nil, fmt.Errorf("sasl.* given with security.protocol=%s: set SASL_PLAINTEXT or SASL_SSL", protocol)
	}
	if strings.HasSuffix(protocol, "SSL") {
		c.TLS = &tls
	} else if tls != (TLS{}) {
		return nil, fmt.Errorf("ssl.* given with security.protocol=%s: set SSL or SASL_SSL", protocol)
	}
	if len(c.Brokers) == 0 {
		return nil, fmt.Errorf("no brokers: give -b or bootstrap.servers")
	}
	if err := c.check(); err != nil {
		return nil, err
	}
	return c, nil
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
