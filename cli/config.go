package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kscope/kscope/config"
)

func newConfig(g *globals, stdout io.Writer) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "config",
		Short: "List, show, switch and import the contexts of the config file",
		Long: `The config file holds named contexts: clusters with their brokers, TLS,
SASL and whether kscope may write to them. It lives at
$XDG_CONFIG_HOME/kscope/config.yaml (else ~/.config/kscope/config.yaml);
--config names another. kscope config example prints a commented one.`,
		Args: noArgs,
	}
	cmd.AddCommand(configList(g, stdout), configCurrent(g, stdout), configUse(g, stdout), configExample(stdout), configImport(g, stdout))
	return cmd
}

func configList(g *globals, stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "list",
		Short: "List the contexts; * marks the one in use",
		Args:  noArgs,
		RunE: func(*cobra.Command, []string) error {
			f, chosen, err := g.target.resolve(g.stderr)
			if err != nil {
				return err
			}
			if f == nil {
				return errNoConfigFile()
			}
			tw := newTable(stdout)
			fmt.Fprintln(tw, "\tNAME\tBROKERS\tSECURITY\tREAD-ONLY")
			for _, name := range f.Names() {
				c := f.Contexts[name]
				mark := ""
				if name == chosen.Name {
					mark = "*"
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", mark, name, strings.Join(c.Brokers, ","), security(c), yesNo(c.ReadOnly))
			}
			return tw.Flush()
		},
	}
}

func configCurrent(g *globals, stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "current",
		Short: "Show the context in use, with secrets hidden",
		Args:  noArgs,
		RunE: func(*cobra.Command, []string) error {
			f, chosen, err := g.target.resolve(g.stderr)
			if err != nil {
				return err
			}
			if chosen.Context == nil {
				fmt.Fprintln(stdout, "no context is in use:", describeNoContext(chosen))
				return nil
			}
			describe(stdout, f.Path(), chosen)
			return nil
		},
	}
}

func configUse(g *globals, stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "use NAME",
		Short: "Make NAME the file's current context",
		Args:  oneArg("one context name"),
		ValidArgsFunction: func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			return g.completeContext(cmd, args, toComplete)
		},
		RunE: func(_ *cobra.Command, args []string) error {
			f, err := g.target.loadConfig(g.stderr)
			if err != nil {
				return err
			}
			if f == nil {
				return errNoConfigFile()
			}
			if err := f.Use(args[0]); err != nil {
				return usageError{err}
			}
			fmt.Fprintf(stdout, "current context: %s (in %s)\n", args[0], f.Path())
			return nil
		},
	}
}

func configExample(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "example",
		Short: "Print a commented example config file",
		Args:  noArgs,
		RunE: func(*cobra.Command, []string) error {
			_, err := io.WriteString(stdout, config.Example)
			return err
		},
	}
}

// errNoConfigFile says there are no contexts because there is no file.
func errNoConfigFile() error {
	return fmt.Errorf("there is no config file at %s; kscope config example shows one", config.DefaultPath())
}
