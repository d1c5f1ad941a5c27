package cli

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/kscope/kscope/connect"
	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/connectors"
	"github.com/kscope/kscope/webclient"
)

// connectClusters are clients of the context's Kafka Connect clusters, or
// of the one named (empty: all), their secrets read now.
func (c *connection) connectClusters(only string) ([]*connect.Client, error) {
	if len(c.connect) == 0 {
		return nil, errors.New("the context names no Kafka Connect cluster: add connect: [{name, url}] to it (kscope config example)")
	}
	var out []*connect.Client
	var names []string
	for i, cc := range c.connect {
		names = append(names, cc.Name)
		if only != "" && cc.Name != only {
			continue
		}
		where := fmt.Sprintf("connect[%d]", i)
		cfg := webclient.Config{URL: cc.URL, Username: cc.Username, Timeout: c.timeout}
		var err error
		if cfg.Password, cfg.Token, err = cc.Secrets(where); err != nil {
			return nil, err
		}
		if cc.TLS != nil {
			if cfg.TLS, err = cc.TLS.Config(); err != nil {
				return nil, fmt.Errorf("%s.%w", where, err)
			}
		}
		c.log.web(&cfg)
		client, err := connect.New(cc.Name, cfg)
		if err != nil {
			return nil, err
		}
		out = append(out, client)
	}
	if len(out) == 0 {
		return nil, usagef("--cluster %q: the context's Connect clusters are %s", only, strings.Join(names, ", "))
	}
	return out, nil
}

// connectPanes are the context's Connect clusters for the TUI's
// :connectors; none when it names none, and none, said on stderr, when
// their secrets cannot be read (the rest of the TUI works).
func (c *connection) connectPanes(stderr io.Writer) []connectors.Cluster {
	if len(c.connect) == 0 {
		return nil
	}
	clients, err := c.connectClusters("")
	if err != nil {
		fmt.Fprintf(stderr, "kscope: :connectors is off: %s\n", model.Sanitize(err.Error()))
		return nil
	}
	out := make([]connectors.Cluster, len(clients))
	for i, cl := range clients {
		out[i] = cl
	}
	return out
}
