package theme

import (
	"fmt"
	"image/color"
	"os"
	"regexp"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/goccy/go-yaml"
)

// Light is a palette for light backgrounds: the default's hues, darker.
func Light() Palette {
	return Palette{
		Primary: lipgloss.Color("#5B3CC4"),
		Accent:  lipgloss.Color("#0B6E99"),
		Muted:   lipgloss.Color("#57606A"),
		OK:      lipgloss.Color("#1A7F37"),
		Warn:    lipgloss.Color("#9A6700"),
		Error:   lipgloss.Color("#CF222E"),
		Demo:    lipgloss.Color("#8250DF"),
	}
}

// HighContrast is a palette of the terminal's own bright colours, the
// most legible on any dark background and honoured by every terminal.
func HighContrast() Palette {
	return Palette{
		Primary: lipgloss.BrightWhite,
		Accent:  lipgloss.BrightCyan,
		Muted:   lipgloss.White,
		OK:      lipgloss.BrightGreen,
		Warn:    lipgloss.BrightYellow,
		Error:   lipgloss.BrightRed,
		Demo:    lipgloss.BrightMagenta,
	}
}

// Names are the built-in palettes' names, for messages.
const Names = "default, light, high-contrast"

// Named is the palette a config's theme names: a built-in's name, or the
// path of a theme file (YAML of colours by meaning; those it leaves out
// are the default's).
func Named(name string) (Palette, error) {
	switch name {
	case "", "default":
		return Default(), nil
	case "light":
		return Light(), nil
	case "high-contrast":
		return HighContrast(), nil
	}
	if !strings.ContainsAny(name, "/.") {
		return Palette{}, fmt.Errorf("theme %q: want %s, or a theme file's path", name, Names)
	}
	return load(name)
}

// themeFile is a theme file: colours by what they mean.
type themeFile struct {
	Primary string `yaml:"primary"`
	Accent  string `yaml:"accent"`
	Muted   string `yaml:"muted"`
	OK      string `yaml:"ok"`
	Warn    string `yaml:"warn"`
	Error   string `yaml:"error"`
	Demo    string `yaml:"demo"`
}

// colour is "#RRGGBB", "#RGB" or an ANSI colour number, 0 to 255.
var colour = regexp.MustCompile(`^(#[0-9A-Fa-f]{6}|#[0-9A-Fa-f]{3}|[0-9]{1,3})$`)

func load(path string) (Palette, error) {
	if strings.HasPrefix(path, "~/") {
		if home, err := os.UserHomeDir(); err == nil {
			path = home + path[1:]
		}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return Palette{}, fmt.Errorf("theme: %w", err)
	}
	var f themeFile
	if err := yaml.UnmarshalWithOptions(data, &f, yaml.DisallowUnknownField()); err != nil {
		return Palette{}, fmt.Errorf("theme %s: %v (colours: primary, accent, muted, ok, warn, error, demo)", path, err)
	}
	p := Default()
	for _, c := range []struct {
		name, value string
		into        *color.Color
	}{{"primary", f.Primary, &p.Primary}, {"accent", f.Accent, &p.Accent}, {"muted", f.Muted, &p.Muted}, {"ok", f.OK, &p.OK},
		{"warn", f.Warn, &p.Warn}, {"error", f.Error, &p.Error}, {"demo", f.Demo, &p.Demo}} {
		if c.value == "" {
			continue
		}
		if !colour.MatchString(c.value) {
			return Palette{}, fmt.Errorf("theme %s: %s: %q is not a colour (#RRGGBB, #RGB or 0 to 255)", path, c.name, c.value)
		}
		*c.into = lipgloss.Color(c.value)
	}
	return p, nil
}
