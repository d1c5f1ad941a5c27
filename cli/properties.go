package cli

import (
	"fmt"
	"os"
	"strings"

	"github.com/kscope/kscope/config"
)

// fromProperties is the cluster -F and -X describe, as kcat and the Java
// tools take them: the file's properties, then each -X over them; -b or
// $KAFKA_BROKERS before bootstrap.servers.
func (t target) fromProperties() (config.Target, error) {
	if t.context != "" {
		return config.Target{}, usagef("-X and -F describe a cluster of their own: give them, or --context, not both")
	}
	props := map[string]string{}
	if t.propsFile != "" {
		f, err := os.Open(t.propsFile)
		if err != nil {
			return config.Target{}, usagef("-F: %v", err)
		}
		defer f.Close()
		if props, err = config.ParseProperties(f); err != nil {
			return config.Target{}, usagef("-F %s: %v", t.propsFile, err)
		}
	}
	for _, kv := range t.props {
		k, v, err := config.ParseProperty(kv)
		if err != nil {
			return config.Target{}, usageError{err}
		}
		props[k] = v
	}
	brokers := t.brokers
	if env := os.Getenv("KAFKA_BROKERS"); len(brokers) == 0 && env != "" {
		brokers = strings.Split(env, ",")
	}
	ctx, err := config.FromProperties(props, brokers)
	if err != nil {
		return config.Target{}, usageError{fmt.Errorf("client properties: %w", err)}
	}
	return config.Target{Context: ctx, Brokers: ctx.Brokers}, nil
}
