package cli

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/kscope/kscope/config"
	"github.com/kscope/kscope/serde"
)

// formatChooser applies a format chosen in the TUI's tail to the
// connection's decoder, and remembers it as a decode rule of the context,
// in the config file, when there is one.
type formatChooser struct {
	target  target
	context string // empty: a typed address or the demo, with no file to remember in
	decoder *serde.Decoder
}

// formats is the chooser of a connection; the tail asks nothing of one
// it does not have.
func (c *connection) formats(t target) *formatChooser {
	return &formatChooser{target: t, context: c.context, decoder: c.decoder}
}

// plainFormats are the choices besides Protobuf messages.
var plainFormats = []string{"auto", "json", "msgpack", "raw"}

func (f *formatChooser) Choices() []string {
	choices := append([]string(nil), plainFormats...)
	if p := f.decoder.Protos; p != nil {
		for _, m := range p.Messages() {
			choices = append(choices, "protobuf "+m)
		}
	}
	return choices
}

func (f *formatChooser) Choose(topic, choice string) (string, error) {
	kind, message, _ := strings.Cut(strings.TrimSpace(choice), " ")
	format := serde.Format{Kind: kind}
	switch {
	case kind == "protobuf" && f.decoder.Protos == nil:
		return "", fmt.Errorf("protobuf: the context names no .proto files (protobuf: files, import_paths)")
	case kind == "protobuf":
		m, err := f.decoder.Protos.Message(message)
		if err != nil {
			return "", err
		}
		format.Message = m
	case message != "" || !slices.Contains(plainFormats, kind):
		return "", fmt.Errorf("%q: choose %s, or protobuf MESSAGE", choice, strings.Join(plainFormats, ", "))
	}
	f.decoder.Prefer(serde.Rule{Topics: topic, Value: format})
	if f.context == "" {
		return "for this session: no config context to remember it in", nil
	}
	file, err := f.target.loadConfig(io.Discard)
	if err != nil || file == nil {
		return "for this session: the config file cannot be read", nil
	}
	rule := config.DecodeRule{Topic: topic, Value: &config.DecodeFormat{Format: kind, Message: message}}
	if err := file.RememberDecode(f.context, rule); err != nil {
		return "for this session; not remembered: " + err.Error(), nil
	}
	return fmt.Sprintf("remembered in %s (context %s)", file.Path(), f.context), nil
}
