package ui

import (
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/pane"
)

// maxHistory is how many views history keeps; the oldest is closed when
// one more is left. Each tail in it keeps at most its buffer.
const maxHistory = 8

// history is the views a : command left, oldest first, each a stack of
// panes as it was: esc on a view's root goes back to the one before,
// with its state (a paused tail still paused, with its buffer; a
// following tail still following, for it kept reading).
type history struct {
	views [][]pane.Pane
}

// leave keeps a stack that is being replaced. Its panes that keep
// running go on; the rest stop asking the cluster until they are back.
func (h *history) leave(stack []pane.Pane) {
	if len(stack) == 0 {
		return
	}
	for _, p := range stack {
		_, runs := p.(pane.Runner)
		if s, ok := p.(pane.Suspender); ok && !runs {
			s.Suspend()
		}
	}
	h.drop(crumbs(stack))
	h.views = append(h.views, stack)
	if len(h.views) > maxHistory {
		closePanes(h.views[0])
		h.views = h.views[1:]
	}
}

// drop closes the views named name that hold nothing of their own (a
// list, a following tail): history lists each view once, and a view
// shown again is the same view, newer.
func (h *history) drop(name string) {
	h.views = slices.DeleteFunc(h.views, func(v []pane.Pane) bool {
		if crumbs(v) != name || holding(v) != "" {
			return false
		}
		closePanes(v)
		return true
	})
}

// back takes the newest view out of history; ok is false when there is
// none.
func (h *history) back() (stack []pane.Pane, ok bool) {
	if len(h.views) == 0 {
		return nil, false
	}
	last := len(h.views) - 1
	stack, h.views = h.views[last], h.views[:last]
	return stack, true
}

// take takes out the view whose top pane is p.
func (h *history) take(p pane.Pane) (stack []pane.Pane, ok bool) {
	for i, v := range h.views {
		if v[len(v)-1] == p {
			h.views = append(h.views[:i:i], h.views[i+1:]...)
			return v, true
		}
	}
	return nil, false
}

// forget closes every view in history.
func (h *history) forget() {
	for _, v := range h.views {
		closePanes(v)
	}
	h.views = nil
}

// deliver hands a message to the panes in history that keep running.
func (h *history) deliver(msg tea.Msg) tea.Cmd {
	var cmds []tea.Cmd
	for _, v := range h.views {
		for _, p := range v {
			if _, ok := p.(pane.Runner); ok {
				cmds = append(cmds, p.Update(msg))
			}
		}
	}
	return tea.Batch(cmds...)
}

// back shows the view before this one, closing this one; it reports
// whether there was one.
func (a *App) back() (tea.Cmd, bool) {
	stack, ok := a.history.back()
	if !ok {
		return nil, false
	}
	closePanes(a.stack)
	a.stack = stack
	a.resize()
	return a.top().Init(), true
}

// jump shows the view in history whose top pane is p, keeping the one it
// replaces (less the jump list over it) in history.
func (a *App) jump(p pane.Pane) tea.Cmd {
	stack, ok := a.history.take(p)
	if !ok {
		return nil
	}
	a.history.leave(a.stack)
	a.stack = stack
	a.resize()
	return a.top().Init()
}

// holding is what the panes of a stack hold that only this session has,
// or "".
func holding(stack []pane.Pane) string {
	_, what := holder(stack)
	return what
}

// holder is the first pane of a stack that holds what only this session
// has, and what it holds; nil and "" for none.
func holder(stack []pane.Pane) (pane.Pane, string) {
	for _, p := range stack {
		if h, ok := p.(pane.Holder); ok {
			if what := h.Holding(); what != "" {
				return p, what
			}
		}
	}
	return nil, ""
}

// crumbs names a stack's panes: "topics › tail orders".
func crumbs(stack []pane.Pane) string {
	names := make([]string, len(stack))
	for i, p := range stack {
		names[i] = model.Sanitize(p.Title())
	}
	return strings.Join(names, " › ")
}
