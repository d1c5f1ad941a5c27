package cli

import (
	"os"

	"github.com/spf13/cobra"
)

// Root is kscope's command line, for generating its man pages and
// reference: the same commands and flags Run runs.
func Root() *cobra.Command {
	root, _ := newRoot(os.Stdin, os.Stdout, os.Stderr)
	return root
}
