// Package keymap declares every key binding of kscope once. Panes match keys
// against these bindings and hand them to the help overlay, so the help
// shown can never drift from what the keys do.
package keymap

import "charm.land/bubbles/v2/key"

// KeyMap is every binding, grouped by where it applies.
type KeyMap struct {
	Global Global
	List   List
	Topics Topics
	Tail   Tail
	Groups Groups
	Record Record
	Act    Act
	Input  Input
}

// Default is kscope's key map: vim-style movement and k9s-style commands.
// Each area's bindings are declared in its own file.
func Default() KeyMap {
	return KeyMap{
		Global: defaultGlobal(),
		List:   defaultList(),
		Topics: defaultTopics(),
		Tail:   defaultTail(),
		Groups: defaultGroups(),
		Record: defaultRecord(),
		Act:    defaultAct(),
		Input:  defaultInput(),
	}
}

// Relabel is the binding with its keys and another description: the one
// declared n is "new topic" on topics and "new ACL" on ACLs.
func Relabel(b key.Binding, desc string) key.Binding {
	return key.NewBinding(key.WithKeys(b.Keys()...), key.WithHelp(b.Help().Key, desc))
}

// Without is bindings less those sharing a key with any of drop.
func Without(bindings, drop []key.Binding) []key.Binding {
	dropped := map[string]bool{}
	for _, b := range drop {
		for _, k := range b.Keys() {
			dropped[k] = true
		}
	}
	var out []key.Binding
	for _, b := range bindings {
		if len(b.Keys()) == 0 || !dropped[b.Keys()[0]] {
			out = append(out, b)
		}
	}
	return out
}

// Key is how a binding's keys are written in a hint ("space", "p/ctrl+p"),
// so every text that names a key names the one the user bound.
func Key(b key.Binding) string { return b.Help().Key }
