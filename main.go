// kscope is a terminal UI for exploring Apache Kafka.
package main

import (
	"os"

	"github.com/kscope/kscope/cli"
)

func main() {
	os.Exit(cli.Run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
