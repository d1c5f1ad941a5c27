package cli

import (
	"io"
	"sync"

	"github.com/kscope/kscope/config"
	"github.com/kscope/kscope/ui"
)

// switcher moves the TUI between the config file's contexts. Its methods
// run in commands, off the event loop, so it guards what it remembers.
type switcher struct {
	g       *globals
	mu      sync.Mutex
	current string
}

func (s *switcher) List() ([]ui.ContextInfo, string, error) {
	f, err := s.g.target.loadConfig(io.Discard)
	if err != nil {
		return nil, "", err
	}
	if f == nil {
		return nil, "", errNoConfigFile()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []ui.ContextInfo
	for _, name := range f.Names() {
		c := f.Contexts[name]
		out = append(out, ui.ContextInfo{Name: name, Brokers: c.Brokers, ReadOnly: c.ReadOnly || s.g.target.readOnly})
	}
	return out, s.current, nil
}

// Switch connects to a context by name alone: the -b and $KAFKA_BROKERS
// of the command line were for the cluster kscope started on.
func (s *switcher) Switch(name string) (ui.Connection, error) {
	f, err := s.g.target.loadConfig(io.Discard)
	if err != nil {
		return ui.Connection{}, err
	}
	chosen, err := config.Resolve(f, config.Choice{FlagContext: name})
	if err != nil {
		return ui.Connection{}, err
	}
	conn, err := dial(chosen, s.g.timeout, s.g.target.readOnly, "", s.g.target.log) // a typed --schema-registry was for the first cluster
	if err != nil {
		return ui.Connection{}, err
	}
	s.mu.Lock()
	s.current = name
	s.mu.Unlock()
	return ui.Connection{Client: conn.client, Registry: conn.browser(), Connect: conn.connectPanes(s.g.stderr), Decoding: conn.formats(s.g.target), Name: conn.name, ReadOnly: conn.readOnly, Masking: conn.masking, Close: conn.close}, nil
}
