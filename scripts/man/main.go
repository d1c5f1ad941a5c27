// Command man writes kscope's man pages, one per command, from the
// command line's own definitions (cobra's generator), into a folder:
//
//	go run ./scripts/man DIR [VERSION]
//
// The release script ships them in its archives and packages. It is a
// program of its own so the man page generator stays out of kscope's
// binary.
package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra/doc"

	"github.com/kscope/kscope/cli"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: go run ./scripts/man DIR [VERSION]")
		os.Exit(2)
	}
	dir, source := os.Args[1], "kscope"
	if len(os.Args) > 2 {
		source += " " + os.Args[2]
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	header := &doc.GenManHeader{Title: "KSCOPE", Section: "1", Source: source, Manual: "kscope manual"}
	if err := doc.GenManTree(cli.Root(), header, dir); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
