package keymap

import (
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"
	"unicode"

	"charm.land/bubbles/v2/key"
)

// Rebind gives bindings the keys a user chose, by name: "tail.pause",
// "act.delete", "record.copy_key" (an area and a binding, as the KeyMap
// declares them, in snake case). The help shows the new keys. An unknown
// name, a binding left with no key, or two bindings of one area sharing a
// key, is an error naming them; nothing is changed then.
func (k *KeyMap) Rebind(keys map[string][]string) error {
	next := *k
	all := next.byName()
	for name, ks := range keys {
		b, ok := all[name]
		if !ok {
			return fmt.Errorf("keys: no binding %q; they are %s", name, strings.Join(slices.Sorted(maps.Keys(all)), ", "))
		}
		if len(ks) == 0 || slices.Contains(ks, "") {
			return fmt.Errorf("keys: %s needs at least one key", name)
		}
		b.SetKeys(ks...)
		b.SetHelp(strings.Join(ks, "/"), b.Help().Desc)
	}
	if err := next.clashes(); err != nil {
		return err
	}
	*k = next
	return nil
}

// clashes finds two bindings of one area that share a key, or one that
// takes a global key, which the root would take first. (Input's enter
// and esc end a line of text while it is typed, so they may be others'.)
func (k *KeyMap) clashes() error {
	all := k.byName()
	owner := map[string]string{} // area + key → binding name
	for _, name := range slices.Sorted(maps.Keys(all)) {
		area, _, _ := strings.Cut(name, ".")
		for _, ks := range all[name].Keys() {
			for _, in := range []string{area, "global"} {
				if other, ok := owner[in+" "+ks]; ok && area != "input" {
					return fmt.Errorf("keys: %s and %s both use %q", other, name, ks)
				}
			}
			owner[area+" "+ks] = name
		}
	}
	return nil
}

// byName is every binding by its name, pointing into k.
func (k *KeyMap) byName() map[string]*key.Binding {
	out := map[string]*key.Binding{}
	areas := reflect.ValueOf(k).Elem()
	for i := range areas.NumField() {
		area := areas.Field(i)
		for j := range area.NumField() {
			if b, ok := area.Field(j).Addr().Interface().(*key.Binding); ok {
				out[snake(areas.Type().Field(i).Name)+"."+snake(area.Type().Field(j).Name)] = b
			}
		}
	}
	return out
}

// snake is CopyKey as copy_key.
func snake(s string) string {
	var b strings.Builder
	for i, r := range s {
		if unicode.IsUpper(r) {
			if i > 0 {
				b.WriteByte('_')
			}
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}
