package cli

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/kscope/kscope/config"
	"github.com/kscope/kscope/keymap"
	"github.com/kscope/kscope/ui"
	"github.com/kscope/kscope/ui/theme"
)

// looks are the TUI's keys and colours as the config file sets them; nil
// for the defaults. A mistake in either stops kscope before the TUI
// starts, saying what and where, rather than leave a key dead.
func looks(f *config.File) (*keymap.KeyMap, *theme.Palette, error) {
	if f == nil {
		return nil, nil, nil
	}
	keys := keymap.Default()
	rebind := map[string][]string{}
	for name, ks := range f.Keys {
		rebind[name] = ks
	}
	if err := keys.Rebind(rebind); err != nil {
		return nil, nil, usageError{fmt.Errorf("config %s: %w", f.Path(), err)}
	}
	name := f.Theme
	if strings.HasSuffix(name, ".yaml") && !filepath.IsAbs(name) && !strings.HasPrefix(name, "~/") && f.Path() != "" {
		name = filepath.Join(filepath.Dir(f.Path()), name) // beside the config file, not wherever kscope runs
	}
	palette, err := theme.Named(name)
	if err != nil {
		return nil, nil, usageError{fmt.Errorf("config %s: %w", f.Path(), err)}
	}
	return &keys, &palette, nil
}

// columns are the config file's choice of columns for the TUI's views,
// checked before the TUI starts.
func columns(f *config.File) (map[string][]string, error) {
	if f == nil {
		return nil, nil
	}
	if err := ui.CheckColumns(f.Columns); err != nil {
		return nil, usageError{fmt.Errorf("config %s: %w", f.Path(), err)}
	}
	return f.Columns, nil
}

// aliases are the config file's words for the TUI's : commands, checked
// before the TUI starts.
func aliases(f *config.File) (map[string]string, error) {
	if f == nil {
		return nil, nil
	}
	if err := ui.CheckAliases(f.Aliases); err != nil {
		return nil, usageError{fmt.Errorf("config %s: %w", f.Path(), err)}
	}
	return f.Aliases, nil
}
