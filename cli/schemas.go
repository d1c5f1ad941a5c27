package cli

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kscope/kscope/model"
)

// subjectJSON is one subject in `kscope schemas -o json`.
type subjectJSON struct {
	Subject       string `json:"subject"`
	Type          string `json:"type,omitempty"`
	Versions      int    `json:"versions"`
	Latest        int    `json:"latest_version,omitempty"`
	LatestID      int    `json:"latest_id,omitempty"`
	Compatibility string `json:"compatibility"`
	Topic         string `json:"topic,omitempty"` // by TopicNameStrategy
	Part          string `json:"part,omitempty"`  // key or value
	Error         string `json:"error,omitempty"`
}

// versionJSON is one version in `kscope schemas SUBJECT -o json`.
type versionJSON struct {
	Subject    string                  `json:"subject"`
	Version    int                     `json:"version"`
	ID         int                     `json:"id"`
	Type       string                  `json:"type"`
	Schema     string                  `json:"schema"`
	References []model.SchemaReference `json:"references,omitempty"`
}

func newSchemas(g *globals, stdout io.Writer) *cobra.Command {
	var output string
	var version int
	var diff bool
	cmd := &cobra.Command{
		Use:     "schemas [SUBJECT]",
		Aliases: []string{"sr"},
		Short:   "List the schema registry's subjects, or show a subject's schema",
		Long: `Without SUBJECT, list the subjects of the context's schema registry: the
type and id of the latest version, how many versions, the compatibility
level, and the topic the subject serves under Confluent's default
TopicNameStrategy (orders-value: the values of orders).

With SUBJECT, show its latest version formatted (or --version N), with
its references; --diff shows what the version changed from the one before.
-o json prints every version with its text, oldest first.`,
		Example: `  kscope schemas
  kscope schemas payments.avro-value --diff
  kscope schemas orders-value -o json | jq '.[-1].schema'`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usagef("schemas takes at most one subject")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if output != "text" && output != "json" {
				return usagef("-o %q: want text or json", output)
			}
			conn, err := g.connect("reading the schemas of")
			if err != nil {
				return err
			}
			defer conn.close()
			if conn.registry == nil {
				return usagef("the context names no schema registry: set schema_registry (url, and credentials if it needs them)")
			}
			ctx := context.WithoutCancel(cmd.Context())
			if len(args) == 0 {
				subjects, err := conn.registry.Subjects(ctx)
				if err != nil {
					return err
				}
				if output == "json" {
					return writeSubjectsJSON(stdout, subjects)
				}
				return writeSubjectsTable(stdout, subjects)
			}
			versions, err := conn.registry.Versions(ctx, args[0])
			if err != nil {
				return err
			}
			conn.masking.Schemas(args[0], versions)
			if output == "json" {
				return writeVersionsJSON(stdout, versions)
			}
			return writeVersion(stdout, versions, version, diff)
		},
	}
	cmd.Flags().StringVarP(&output, "output", "o", "text", "output format: text or json")
	cmd.Flags().IntVar(&version, "version", 0, "the version to show (default: the latest)")
	cmd.Flags().BoolVar(&diff, "diff", false, "show what the version changed from the one before")
	return cmd
}

func writeSubjectsJSON(w io.Writer, subjects []model.Subject) error {
	out := make([]subjectJSON, len(subjects))
	for i, s := range subjects {
		out[i] = subjectJSON{Subject: s.Name, Type: s.Type, Versions: s.Versions, Latest: s.Latest, LatestID: s.LatestID, Compatibility: s.Compatibility}
		out[i].Topic, out[i].Part, _ = model.SubjectTopic(s.Name)
		if s.Err != nil {
			out[i].Error = s.Err.Error()
		}
	}
	return writeIndented(w, out)
}

func writeSubjectsTable(w io.Writer, subjects []model.Subject) error {
	tw := newTable(w)
	fmt.Fprintln(tw, "SUBJECT\tTYPE\tVERSIONS\tLATEST ID\tCOMPATIBILITY\tTOPIC")
	for _, s := range subjects {
		if s.Err != nil {
			fmt.Fprintf(tw, "%s\t-\t-\t-\t-\t%s\n", model.Sanitize(s.Name), model.Sanitize(s.Err.Error()))
			continue
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%s\t%s\n", model.Sanitize(s.Name), s.Type, s.Versions, s.LatestID, s.CompatibilityLabel(), s.TopicLabel())
	}
	return tw.Flush()
}

func writeVersionsJSON(w io.Writer, versions []model.SchemaVersion) error {
	out := make([]versionJSON, len(versions))
	for i, v := range versions {
		out[i] = versionJSON{Subject: v.Subject, Version: v.Version, ID: v.ID, Type: v.Type, Schema: v.Text, References: v.References}
	}
	return writeIndented(w, out)
}

// writeVersion prints one version, the latest unless want names another,
// formatted, or with diff its changes from the version before.
func writeVersion(w io.Writer, versions []model.SchemaVersion, want int, diff bool) error {
	i := len(versions) - 1
	if want > 0 {
		for i = range versions {
			if versions[i].Version == want {
				break
			}
		}
		if versions[i].Version != want {
			return usagef("--version %d: the subject has versions 1 to %d", want, versions[len(versions)-1].Version)
		}
	}
	v := versions[i]
	fmt.Fprintf(w, "%s · version %d of %d · id %d · %s\n", model.Sanitize(v.Subject), v.Version, len(versions), v.ID, v.Type)
	for _, r := range v.References {
		fmt.Fprintf(w, "references %s: %s version %d\n", model.Sanitize(r.Name), model.Sanitize(r.Subject), r.Version)
	}
	lines := model.SchemaLines(v)
	if diff {
		if i == 0 {
			fmt.Fprintln(w, "(the first version: nothing to compare with)")
		} else {
			changes, ok := model.Diff(model.SchemaLines(versions[i-1]), lines)
			if !ok {
				return fmt.Errorf("versions %d and %d are too long to compare line by line", versions[i-1].Version, v.Version)
			}
			fmt.Fprintf(w, "changes from version %d:\n", versions[i-1].Version)
			lines = lines[:0]
			for _, c := range changes {
				lines = append(lines, string(c.Op)+" "+c.Text)
			}
		}
	}
	_, err := io.WriteString(w, strings.Join(lines, "\n")+"\n")
	return err
}
