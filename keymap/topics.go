package keymap

import "charm.land/bubbles/v2/key"

// Topics bindings belong to the topics pane.
type Topics struct {
	Internal  key.Binding
	Sort      key.Binding
	Tail      key.Binding // tail the selected topic or partition
	Consumers key.Binding // the groups that consume the selected topic
	Search    key.Binding // search the selected topic, whole
	Producers key.Binding // the producers writing to the selected topic
}

func defaultTopics() Topics {
	return Topics{
		Internal:  key.NewBinding(key.WithKeys("i"), key.WithHelp("i", "internal topics")),
		Sort:      key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "sort")),
		Tail:      key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "tail")),
		Consumers: key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "consumers")),
		Search:    key.NewBinding(key.WithKeys("S"), key.WithHelp("S", "search topic")),
		Producers: key.NewBinding(key.WithKeys("W"), key.WithHelp("W", "producers")),
	}
}
