package cli

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kscope/kscope/kafka"
	"github.com/kscope/kscope/model"
)

// deletion describes a delete command: what it deletes, what else goes
// with it, and how.
type deletion struct {
	noun     string // topic, group
	losing   string // what goes with it, for the question
	short    string
	perform  func(c *kafka.Client, ctx context.Context, name string) error
	complete names // the names offered for completion; nil: none
}

// newDelete makes a delete command that refuses in read-only mode and
// asks for the name to be typed, unless --yes.
func newDelete(g *globals, stdin io.Reader, stdout io.Writer, d deletion) *cobra.Command {
	var yes bool
	cmd := &cobra.Command{
		Use:               "delete " + strings.ToUpper(d.noun),
		Short:             d.short,
		Long:              d.short + ". It asks you to type the " + d.noun + "'s name, unless --yes.",
		Args:              oneArg("the " + d.noun + "'s name"),
		ValidArgsFunction: g.completeArg(0, d.complete),
		RunE: func(cmd *cobra.Command, args []string) error {
			name := args[0]
			conn, err := g.connect("deleting a " + d.noun + " on")
			if err != nil {
				return err
			}
			defer conn.close()
			if conn.readOnly {
				return fmt.Errorf("delete %s: %w", d.noun, model.ErrReadOnly)
			}
			if err := confirmName(stdin, g.stderr, yes, fmt.Sprintf("delete %s %s and %s", d.noun, name, d.losing), name); err != nil {
				return err
			}
			if err := d.perform(conn.client, cmd.Context(), name); err != nil {
				return err
			}
			fmt.Fprintf(stdout, "deleted %s %s\n", d.noun, name)
			return nil
		},
	}
	cmd.Flags().BoolVarP(&yes, "yes", "y", false, "do not ask for confirmation")
	return cmd
}

// confirmName asks the user to type name to go ahead with something that
// cannot be undone, unless --yes said so already. Input that ends, or
// says anything else, is a no.
func confirmName(stdin io.Reader, stderr io.Writer, yes bool, what, name string) error {
	if yes {
		return nil
	}
	fmt.Fprintf(stderr, "This will %s. Type %q to go ahead: ", what, name)
	line, _ := bufio.NewReader(stdin).ReadString('\n')
	if strings.TrimSpace(line) != name {
		return fmt.Errorf("not confirmed: nothing was changed (type the name exactly, or pass --yes)")
	}
	return nil
}
