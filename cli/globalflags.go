package cli

import (
	"cmp"
	"os"

	"github.com/spf13/cobra"

	"github.com/kscope/kscope/kafka"
	"github.com/kscope/kscope/model"
)

// persistentFlags are the flags every command takes, and what they start
// before any command runs: the debug log and the CPU profile.
func (g *globals) persistentFlags(root *cobra.Command) {
	var debugPath, profilePath string
	f := root.PersistentFlags()
	f.StringSliceVarP(&g.target.brokers, "brokers", "b", nil, "bootstrap brokers, host:port[,host:port] (default $KAFKA_BROKERS, else the config's context, else the embedded demo)")
	f.StringVar(&g.target.configPath, "config", "", "config file (default $XDG_CONFIG_HOME/kscope/config.yaml or ~/.config/kscope/config.yaml)")
	f.StringVar(&g.target.context, "context", "", "the config context to use (default $KSCOPE_CONTEXT, else the file's current_context)")
	_ = root.RegisterFlagCompletionFunc("context", g.completeContext)
	f.BoolVar(&g.target.readOnly, "read-only", false, "refuse every action that writes to the cluster")
	f.StringArrayVarP(&g.target.props, "property", "X", nil, "a client property, as kcat -X and the Java client name it: security.protocol=SASL_SSL, sasl.mechanism=SCRAM-SHA-512, sasl.username=…, ssl.ca.location=… (repeat for more)")
	f.StringVarP(&g.target.propsFile, "properties", "F", "", "a librdkafka or Java client .properties file, as kcat -F and --command-config take (-X wins over it)")
	f.StringVar(&g.target.registry, "schema-registry", "", "the Schema Registry's URL (as kcat -r, kaf --schema-registry; default $SCHEMA_REGISTRY_URL), in place of the context's; a context's registry credentials are not sent to it")
	f.DurationVar(&g.timeout, "timeout", kafka.DefaultTimeout, "give up on a cluster request after this long")
	f.StringVar(&debugPath, "debug", "", "write franz-go's debug log and kscope's registry calls to FILE, secrets replaced (default $KSCOPE_DEBUG)")
	f.StringVar(&profilePath, "cpuprofile", "", "write a CPU profile of the command to FILE, for a report about speed")
	_ = f.MarkHidden("cpuprofile")
	root.PersistentPreRunE = func(*cobra.Command, []string) error {
		if profilePath != "" {
			stop, err := startProfile(profilePath)
			if err != nil {
				return err
			}
			g.stopProfile = stop
		}
		debugPath = cmp.Or(debugPath, os.Getenv("KSCOPE_DEBUG"))
		if debugPath == "" {
			return nil
		}
		var err error
		g.target.log, err = openDebugLog(debugPath)
		return err
	}
	f.DurationVar(&g.lagWindow, "lag-window", model.DefaultLagWindow, "how far back consumer groups' lag history reaches, for verdicts, trends and charts")
	f.Uint64Var(&g.target.demo.Seed, "seed", 0, "embedded demo: random seed, for the same records every run (0: random)")
	f.Float64Var(&g.target.demo.Rate, "rate", 1, "embedded demo: live traffic multiplier (1 is about 110 records/s, 0 is none)")
}
