package cli

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
)

// Stamped by a release build, as goreleaser does:
// -ldflags "-X github.com/kscope/kscope/cli.version=v0.9.0 -X ...commit=... -X ...date=...".
// Unstamped, the build info says what it can.
var version, commit, date string

// build is what ran, as a bug report needs it.
type build struct {
	version, commit, date, goVersion, franzGo string
	modified                                  bool
}

func buildInfo() build {
	info, _ := debug.ReadBuildInfo()
	return buildOf(info)
}

// buildOf is the build the stamps and info (nil: none) say.
func buildOf(info *debug.BuildInfo) build {
	b := build{version: version, commit: commit, date: date, goVersion: runtime.Version()}
	if info == nil {
		return b
	}
	if b.version == "" {
		b.version = info.Main.Version // a tag from go install; (devel) from a clone
	}
	for _, s := range info.Settings {
		switch {
		case s.Key == "vcs.revision" && b.commit == "":
			b.commit = s.Value
		case s.Key == "vcs.time" && b.date == "":
			b.date = s.Value
		case s.Key == "vcs.modified":
			b.modified = s.Value == "true"
		}
	}
	for _, d := range info.Deps {
		if d.Path == "github.com/twmb/franz-go" {
			b.franzGo = d.Version
		}
	}
	return b
}

func (b build) String() string {
	var s strings.Builder
	fmt.Fprintf(&s, "kscope %s\n", orText(b.version, "(unknown version)"))
	commit := orText(b.commit, "unknown")
	if b.modified {
		commit += " (with uncommitted changes)"
	}
	fmt.Fprintf(&s, "commit    %s\nbuilt     %s\ngo        %s\nfranz-go  %s\n", commit, orText(b.date, "unknown"), b.goVersion, orText(b.franzGo, "unknown"))
	return s.String()
}

func newVersion(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print kscope's version, commit, build date, and its Go and franz-go versions",
		Args:  noArgs,
		RunE: func(*cobra.Command, []string) error {
			_, err := io.WriteString(stdout, buildInfo().String())
			return err
		},
	}
}
