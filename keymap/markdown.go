package keymap

import (
	"reflect"
	"strings"
)

// Markdown is every binding as a Markdown table, in the order the key map
// declares them: its keys, the name the config's keys: rebinds it by,
// and what it does. docs/keys.md's table is this, checked by a test.
func (k KeyMap) Markdown() string {
	var b strings.Builder
	b.WriteString("| keys | name (for `keys:`) | does |\n| --- | --- | --- |\n")
	areas := reflect.ValueOf(&k).Elem()
	for i := range areas.NumField() {
		area := areas.Field(i)
		for j := range area.NumField() {
			name := snake(areas.Type().Field(i).Name) + "." + snake(area.Type().Field(j).Name)
			binding := k.byName()[name]
			var keys []string
			for _, key := range binding.Keys() {
				keys = append(keys, "`"+strings.ReplaceAll(key, "|", `\|`)+"`")
			}
			b.WriteString("| " + strings.Join(keys, " ") + " | `" + name + "` | " + binding.Help().Desc + " |\n")
		}
	}
	return b.String()
}
