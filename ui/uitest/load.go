package uitest

import tea "charm.land/bubbletea/v2"

// Pane is what Load drives: a pane, or a list.
type Pane interface {
	Init() tea.Cmd
	Update(tea.Msg) tea.Cmd
}

// Load runs the first command p's Init asks for, and hands p its answer,
// as the event loop would: for a list, its fetch of the whole list (which
// Init asks for first, before the rows on screen). Benchmarks use it to
// start from a loaded pane without a program running.
func Load(p Pane) {
	msg := p.Init()()
	if batch, ok := msg.(tea.BatchMsg); ok {
		msg = batch[0]()
	}
	p.Update(msg)
}
