package cli

import (
	"context"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/kscope/kscope/kafka"
)

// completionTimeout bounds how long a shell's TAB waits for the cluster.
const completionTimeout = 2 * time.Second

// names is a listing of a cluster's names, for completion.
type names func(c *kafka.Client, ctx context.Context) ([]string, error)

var (
	topicNames names = (*kafka.Client).TopicNames
	groupNames names = (*kafka.Client).GroupNames
)

// completeArg completes the argument at position at (-1: any) with names
// from the cluster (none for a nil list) the flags, environment or config choose. With none
// chosen it offers nothing rather than start the embedded demo for a TAB,
// and a cluster slower than completionTimeout offers nothing either.
func (g *globals) completeArg(at int, list names) cobra.CompletionFunc {
	return func(_ *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		const none = cobra.ShellCompDirectiveNoFileComp
		if list == nil || at >= 0 && len(args) != at {
			return nil, none
		}
		_, chosen, err := g.target.resolve(io.Discard)
		if err != nil || len(chosen.Brokers) == 0 {
			return nil, none
		}
		conn, err := dial(chosen, completionTimeout, true, "", g.target.log)
		if err != nil {
			return nil, none
		}
		defer conn.close()
		ctx, cancel := context.WithTimeout(context.Background(), completionTimeout)
		defer cancel()
		all, err := list(conn.client, ctx)
		if err != nil {
			return nil, none
		}
		var out []cobra.Completion
		for _, n := range all {
			if strings.HasPrefix(n, toComplete) {
				out = append(out, n)
			}
		}
		return out, none
	}
}

// completeContext completes a context's name from the config file.
func (g *globals) completeContext(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	f, err := g.target.loadConfig(io.Discard)
	if err != nil || f == nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	var out []cobra.Completion
	for _, n := range f.Names() {
		if strings.HasPrefix(n, toComplete) {
			out = append(out, n)
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}
