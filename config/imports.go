package config

import (
	"cmp"
	"fmt"
	"strings"

	"github.com/goccy/go-yaml"
)

// Other tools' configs, turned into contexts: kaf's ~/.kaf/config and
// kafkactl's config.yml. Their secrets are literal (neither keeps a
// reference), so they come over literal; what kscope cannot honour is
// refused by name, never dropped.

// Imported is what an import makes: contexts by name, and the one the
// tool had in use.
type Imported struct {
	Contexts map[string]*Context
	Current  string
}

type kafConfig struct {
	CurrentCluster string `yaml:"current-cluster"`
	Clusters       []struct {
		Name    string   `yaml:"name"`
		Brokers []string `yaml:"brokers"`
		SASL    *struct {
			Mechanism    string `yaml:"mechanism"`
			Username     string `yaml:"username"`
			Password     string `yaml:"password"`
			ClientID     string `yaml:"clientID"`
			ClientSecret string `yaml:"clientSecret"`
			TokenURL     string `yaml:"tokenURL"`
			Token        string `yaml:"token"`
		} `yaml:"SASL"`
		TLS *struct {
			Cafile        string `yaml:"cafile"`
			Clientfile    string `yaml:"clientfile"`
			Clientkeyfile string `yaml:"clientkeyfile"`
			Insecure      bool   `yaml:"insecure"`
		} `yaml:"TLS"`
		SecurityProtocol  string `yaml:"security-protocol"`
		SchemaRegistryURL string `yaml:"schema-registry-url"`
		Credentials       *struct {
			Username string `yaml:"username"`
			Password string `yaml:"password"`
		} `yaml:"schema-registry-credentials"`
	} `yaml:"clusters"`
}

// ImportKaf reads kaf's config.
func ImportKaf(data []byte) (Imported, error) {
	var k kafConfig
	if err := yaml.Unmarshal(data, &k); err != nil {
		return Imported{}, fmt.Errorf("not a kaf config: %w", err)
	}
	out := Imported{Contexts: map[string]*Context{}, Current: k.CurrentCluster}
	for _, cl := range k.Clusters {
		c := &Context{Brokers: cl.Brokers}
		protocol := strings.ToUpper(cl.SecurityProtocol)
		if s := cl.SASL; s != nil && (s.Mechanism != "" || s.Username != "") {
			if s.ClientSecret != "" || s.TokenURL != "" || s.Token != "" {
				return Imported{}, fmt.Errorf("cluster %q: OAUTHBEARER with a client secret or a fixed token: kscope takes a token_cmd; give one by hand", cl.Name)
			}
			c.SASL = &SASL{Mechanism: strings.ToUpper(cmp.Or(s.Mechanism, "PLAIN")), Username: s.Username, Password: s.Password}
		}
		if t := cl.TLS; t != nil || strings.HasSuffix(protocol, "SSL") {
			c.TLS = &TLS{}
			if t != nil {
				c.TLS = &TLS{CAFile: t.Cafile, CertFile: t.Clientfile, KeyFile: t.Clientkeyfile, InsecureSkipVerify: t.Insecure}
			}
		}
		if cl.SchemaRegistryURL != "" {
			c.SchemaRegistry = &SchemaRegistry{Service: Service{URL: cl.SchemaRegistryURL}}
			if cr := cl.Credentials; cr != nil {
				c.SchemaRegistry.Username, c.SchemaRegistry.Password = cr.Username, cr.Password
			}
		}
		if err := add(out.Contexts, cl.Name, c); err != nil {
			return Imported{}, err
		}
	}
	return out, nil
}

type kafkactlConfig struct {
	CurrentContext string `yaml:"current-context"`
	Contexts       map[string]struct {
		Brokers  []string `yaml:"brokers"`
		ClientID string   `yaml:"clientID"`
		TLS      struct {
			Enabled  bool   `yaml:"enabled"`
			CA       string `yaml:"ca"`
			Cert     string `yaml:"cert"`
			CertKey  string `yaml:"certKey"`
			Insecure bool   `yaml:"insecure"`
		} `yaml:"tls"`
		SASL struct {
			Enabled   bool   `yaml:"enabled"`
			Username  string `yaml:"username"`
			Password  string `yaml:"password"`
			Mechanism string `yaml:"mechanism"`
		} `yaml:"sasl"`
		SchemaRegistry struct {
			URL      string `yaml:"url"`
			Username string `yaml:"username"`
			Password string `yaml:"password"`
		} `yaml:"schemaRegistry"`
		Avro struct {
			SchemaRegistry string `yaml:"schemaRegistry"`
		} `yaml:"avro"`
	} `yaml:"contexts"`
}

// ImportKafkactl reads kafkactl's config.yml.
func ImportKafkactl(data []byte) (Imported, error) {
	var k kafkactlConfig
	if err := yaml.Unmarshal(data, &k); err != nil {
		return Imported{}, fmt.Errorf("not a kafkactl config: %w", err)
	}
	out := Imported{Contexts: map[string]*Context{}, Current: k.CurrentContext}
	for name, kc := range k.Contexts {
		c := &Context{Brokers: kc.Brokers, ClientID: kc.ClientID}
		if t := kc.TLS; t.Enabled {
			c.TLS = &TLS{CAFile: t.CA, CertFile: t.Cert, KeyFile: t.CertKey, InsecureSkipVerify: t.Insecure}
		}
		if s := kc.SASL; s.Enabled {
			mechanism, ok := map[string]string{"": "PLAIN", "plaintext": "PLAIN", "plain": "PLAIN", "scram-sha256": "SCRAM-SHA-256", "scram-sha-256": "SCRAM-SHA-256",
				"scram-sha512": "SCRAM-SHA-512", "scram-sha-512": "SCRAM-SHA-512"}[strings.ToLower(s.Mechanism)]
			if !ok {
				return Imported{}, fmt.Errorf("context %q: sasl mechanism %q: kscope imports plaintext and SCRAM; give OAUTHBEARER a token_cmd by hand", name, s.Mechanism)
			}
			c.SASL = &SASL{Mechanism: mechanism, Username: s.Username, Password: s.Password}
		}
		if url := cmp.Or(kc.SchemaRegistry.URL, kc.Avro.SchemaRegistry); url != "" {
			if !strings.Contains(url, "://") {
				url = "http://" + url // kafkactl takes host:port
			}
			c.SchemaRegistry = &SchemaRegistry{Service: Service{URL: url, Username: kc.SchemaRegistry.Username, Password: kc.SchemaRegistry.Password}}
		}
		if err := add(out.Contexts, name, c); err != nil {
			return Imported{}, err
		}
	}
	return out, nil
}

// add checks a context as the config file would, naming it.
func add(to map[string]*Context, name string, c *Context) error {
	if name == "" {
		return fmt.Errorf("a cluster without a name")
	}
	if err := c.check(); err != nil {
		return fmt.Errorf("%q: %w", name, err)
	}
	to[name] = c
	return nil
}
