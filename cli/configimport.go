package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kscope/kscope/config"
)

// configImport is kscope config import: another tool's clusters as
// contexts, so switching to kscope costs no config written by hand.
func configImport(g *globals, stdout io.Writer) *cobra.Command {
	var name string
	cmd := &cobra.Command{
		Use:   "import kaf|kafkactl|properties [FILE]",
		Short: "Add another tool's clusters to the config file as contexts",
		Long: `Read kaf's config (default ~/.kaf/config), kafkactl's (default
~/.config/kafkactl/config.yml) or a librdkafka or Java .properties file,
and add its clusters to kscope's config file as contexts: brokers, TLS
files, SASL and the schema registry. A context of the same name already
there is kept as it is. The rest of the file, comments included, stays
as written; with no file, one is made, readable by you alone. Passwords
come over as the source wrote them: password_cmd or password_env keeps
them out of the file. What kscope cannot honour (kaf's and kafkactl's
OAuth client credentials, Java keystores) is refused, naming it.`,
		Example: `  kscope config import kaf
  kscope config import kafkactl ~/.config/kafkactl/config.yml
  kscope config import properties client.properties --name staging`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) < 1 || len(args) > 2 {
				return usagef("import needs what to read: kaf, kafkactl or properties, and optionally its file")
			}
			return nil
		},
		ValidArgs: []string{"kaf", "kafkactl", "properties"},
		RunE: func(_ *cobra.Command, args []string) error {
			file := ""
			if len(args) == 2 {
				file = args[1]
			}
			in, from, err := readImport(args[0], file, name)
			if err != nil {
				return err
			}
			return writeImport(g, stdout, in, from)
		},
	}
	cmd.Flags().StringVar(&name, "name", "", "the context's name, for a properties file (default: the file's name)")
	return cmd
}

// readImport reads what kind names, from file or the tool's own place.
func readImport(kind, file, name string) (config.Imported, string, error) {
	home, _ := os.UserHomeDir()
	defaults := map[string]string{"kaf": filepath.Join(home, ".kaf", "config"), "kafkactl": filepath.Join(config.UserConfigDir(), "kafkactl", "config.yml")}
	if file == "" {
		file = defaults[kind]
	}
	if kind != "kaf" && kind != "kafkactl" && kind != "properties" {
		return config.Imported{}, "", usagef("import %q: want kaf, kafkactl or properties", kind)
	}
	if file == "" {
		return config.Imported{}, "", usagef("import properties needs the file")
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return config.Imported{}, "", err
	}
	var in config.Imported
	switch kind {
	case "kaf":
		in, err = config.ImportKaf(data)
	case "kafkactl":
		in, err = config.ImportKafkactl(data)
	default:
		in, err = importProperties(data, file, name)
	}
	if err != nil {
		return config.Imported{}, "", fmt.Errorf("%s: %w", file, err)
	}
	if len(in.Contexts) == 0 {
		return config.Imported{}, "", fmt.Errorf("%s names no cluster", file)
	}
	return in, file, nil
}

func importProperties(data []byte, file, name string) (config.Imported, error) {
	props, err := config.ParseProperties(strings.NewReader(string(data)))
	if err != nil {
		return config.Imported{}, err
	}
	c, err := config.FromProperties(props, nil)
	if err != nil {
		return config.Imported{}, err
	}
	if name == "" {
		name = strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
	}
	return config.Imported{Contexts: map[string]*config.Context{name: c}}, nil
}

// writeImport adds the contexts to the config file, or makes one.
func writeImport(g *globals, stdout io.Writer, in config.Imported, from string) error {
	path := g.target.configFile()
	f, err := config.Load(path)
	if errors.Is(err, config.ErrNotFound) {
		if err := config.CreateWith(path, in); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "wrote %s with %s from %s\n", path, contextNames(in), from)
		return nil
	}
	if err != nil {
		return usageError{fmt.Errorf("config %w", err)}
	}
	added, kept, err := f.AddContexts(in)
	if err != nil {
		return err
	}
	if len(added) > 0 {
		fmt.Fprintf(stdout, "added %s from %s to %s; kscope config use NAME switches to one\n", strings.Join(added, ", "), from, path)
	}
	if len(kept) > 0 {
		fmt.Fprintf(stdout, "kept %s as %s has them already\n", strings.Join(kept, ", "), path)
	}
	return nil
}

func contextNames(in config.Imported) string {
	var out []string
	for name := range in.Contexts {
		out = append(out, name)
	}
	slices.Sort(out)
	return "contexts " + strings.Join(out, ", ")
}
