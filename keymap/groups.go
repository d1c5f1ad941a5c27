package keymap

import "charm.land/bubbles/v2/key"

// Groups bindings belong to a consumer group's view.
type Groups struct {
	Chart key.Binding // the chart: of the group, of the selected partition, or none
	Sort  key.Binding // the groups list's order: status, lag, name
}

func defaultGroups() Groups {
	return Groups{
		Chart: key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "chart")),
		Sort:  key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "sort")),
	}
}
