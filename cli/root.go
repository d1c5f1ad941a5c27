// Package cli is kscope's command line: the TUI by default, and subcommands
// for scripts, all on the same kafka adapter.
package cli

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui"
	"github.com/kscope/kscope/ui/pane"
)

// Exit codes, as scripts see them.
const (
	exitOK      = 0
	exitFailure = 1 // the cluster or the work failed
	exitUsage   = 2 // the command line was wrong
	exitAlert   = 3 // kscope lag --fail-on: a group reached a verdict asked about
)

// alertError marks a group reaching a --fail-on verdict, which exits 3.
type alertError struct{ error }

// usageError marks a mistake in the command line, which exits 2.
type usageError struct{ error }

func usagef(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

// noArgs refuses arguments, such as a mistyped subcommand, as a usage
// error, suggesting the commands it may have meant.
func noArgs(cmd *cobra.Command, args []string) error {
	if err := cobra.NoArgs(cmd, args); err != nil {
		if cmd.SuggestionsMinimumDistance <= 0 {
			cmd.SuggestionsMinimumDistance = 2 // cobra sets this only on the path it no longer takes
		}
		if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
			err = fmt.Errorf("%w\n\nDid you mean this?\n    %s", err, strings.Join(s, "\n    "))
		}
		return usageError{err}
	}
	return nil
}

// needSubcommands makes every command that only groups others ("kscope
// group") a usage error when run alone, which cobra would answer with
// help and success, so a script's typo cannot pass for done.
func needSubcommands(cmd *cobra.Command) {
	for _, c := range cmd.Commands() {
		needSubcommands(c)
	}
	if cmd.HasSubCommands() && cmd.Run == nil && cmd.RunE == nil {
		cmd.RunE = func(cmd *cobra.Command, _ []string) error {
			var names []string
			for _, c := range cmd.Commands() {
				if c.IsAvailableCommand() {
					names = append(names, c.Name())
				}
			}
			return usagef("%s needs a subcommand: %s (see %s --help)", cmd.CommandPath(), strings.Join(names, ", "), cmd.CommandPath())
		}
	}
}

// Run runs kscope with the arguments (without the program name) and returns
// the exit code.
func Run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	out, ctx := watchReader(stdout)
	root, g := newRoot(stdin, out, stderr)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	g.target.log.Close()
	if g.stopProfile != nil {
		g.stopProfile()
	}
	if err == nil || out.Gone() {
		return exitOK
	}
	fmt.Fprintln(stderr, "kscope:", errorText(err))
	switch {
	case errors.As(err, new(usageError)):
		return exitUsage
	case errors.As(err, new(alertError)):
		return exitAlert
	}
	return exitFailure
}

// errorText is an error as kscope prints it. An error can quote the
// cluster (a broker's message, an advertised host, a group's name): it is
// escaped like everything else kscope prints from it, and kept to one
// line, so a newline a broker sent cannot start a line of its choosing.
// Only a usage error, all of it kscope's own words, keeps its lines
// (cobra's suggestions).
func errorText(err error) string {
	if errors.As(err, new(usageError)) {
		return model.SanitizeLines(err.Error())
	}
	return model.Sanitize(err.Error())
}

// globals are the flags every command takes.
type globals struct {
	target    target
	timeout   time.Duration
	lagWindow time.Duration // how far back groups' lag history reaches
	// stopProfile ends --cpuprofile's profile; nil without one.
	stopProfile func()
	stderr      io.Writer
}

// checkLagWindow refuses a window too short to judge a group in (the
// verdicts need 20 s of samples) or so long that it means nothing.
func (g *globals) checkLagWindow() error {
	if g.lagWindow < time.Minute || g.lagWindow > 24*time.Hour {
		return usagef("--lag-window %s: use between 1m and 24h", g.lagWindow)
	}
	return nil
}

func newRoot(stdin io.Reader, stdout, stderr io.Writer) (*cobra.Command, *globals) {
	g := &globals{stderr: stderr}
	var refresh time.Duration
	var utc, noMouse bool
	var buffer pane.BufferLimits
	root := &cobra.Command{
		Use:   "kscope",
		Short: "Explore Apache Kafka from the terminal",
		Long: `kscope shows a Kafka cluster's topics, partitions and brokers in a
keyboard-driven terminal UI, refreshed live.

With no cluster given (-b, $KAFKA_BROKERS) it runs an embedded demo
cluster with realistic topics and traffic, so it shows something at once.`,
		Example: `  kscope                          # the embedded demo cluster
  kscope -b localhost:9092        # a real cluster
  kscope --context prod           # a context of the config file
  KAFKA_BROKERS=k1:9092,k2:9092 kscope topics -o json`,
		Args:          noArgs,
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if refresh < 100*time.Millisecond {
				return usagef("--refresh %s is too short; use 100ms or more", refresh)
			}
			if err := g.checkLagWindow(); err != nil {
				return err
			}
			if buffer.Records < 1 || buffer.Bytes < 1 {
				return usagef("--buffer and --buffer-mb must be positive")
			}
			buffer.Bytes <<= 20
			return runTUI(cmd, g, tuiOptions{refresh: refresh, buffer: buffer, utc: utc, noMouse: noMouse})
		},
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.Version = buildInfo().String() // --version and -v, as kscope version prints it
	root.SetVersionTemplate("{{.Version}}")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	g.persistentFlags(root)
	root.Flags().DurationVar(&refresh, "refresh", 2*time.Second, "how often the UI polls the cluster")
	root.Flags().BoolVar(&utc, "utc", false, "show times in UTC rather than local time (Z toggles)")
	root.Flags().BoolVar(&noMouse, "no-mouse", false, "leave the mouse to the terminal, to select text (most terminals select with shift held anyway)")
	root.Flags().IntVar(&buffer.Records, "buffer", ui.DefaultBufferRecords, "records a live tail keeps")
	root.Flags().IntVar(&buffer.Bytes, "buffer-mb", ui.DefaultBufferBytes>>20, "megabytes a live tail keeps, whichever limit comes first")
	root.AddCommand(newDemo(g, stdout), newTopics(g, stdout), newSchemas(g, stdout), newSearch(g, stdout), newTail(g, stdout), newLag(g, stdout), newConfig(g, stdout),
		newProduce(g, stdin, stdout), newTopic(g, stdin, stdout), newGroup(g, stdin, stdout), newACL(g, stdout), newTransactions(g, stdout), newUser(g, stdin, stdout), newQuota(g, stdout), newCopy(g, stdout), newRedrive(g, stdout), newMCP(g, stdin, stdout), newRecords(g, stdout), newCluster(g, stdout), newClientMetrics(g, stdout), newReassign(g, stdin, stdout), newConnect(g, stdin, stdout), newVersion(stdout))
	needSubcommands(root)
	return root, g
}
