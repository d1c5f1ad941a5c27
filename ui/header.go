package ui

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/pane"
)

// headerLines is the height of the header: the cluster line and the
// breadcrumb.
const headerLines = 2

// connection is what the root knows of the cluster from its polls.
type connection struct {
	poll     *pane.Poll[model.Cluster]
	cluster  model.Cluster
	roster   model.Roster
	probing  atomic.Bool // the cluster has answered: polls are probes, bounded by ProbeTimeout
	answered bool
	err      error     // of the latest poll
	lastOK   time.Time // of the latest poll that succeeded
}

// ProbeTimeout bounds each poll of a cluster that has answered before. The
// poll asks for no topics, one round trip to a broker kscope is already
// connected to, so a cluster slower than this is as good as gone: the
// header says so within one refresh and this, not after the client's
// whole request timeout and its retries.
const ProbeTimeout = 3 * time.Second

// newConnection is what the root knows before its first poll of a cluster.
// The first poll has the client's full timeout, for a slow first dial.
func newConnection(c Client, common pane.Common) *connection {
	conn := &connection{}
	conn.poll = pane.NewPoll(common, func() context.Context { return common.Context }, func(ctx context.Context) (model.Cluster, error) {
		if conn.probing.Load() {
			var cancel context.CancelFunc
			ctx, cancel = context.WithTimeout(ctx, ProbeTimeout)
			defer cancel()
		}
		return c.Cluster(ctx)
	})
	return conn
}

func (c *connection) observe(answer pane.Fetched[model.Cluster], now time.Time) {
	c.answered = true
	c.err = answer.Err
	if answer.Err != nil {
		c.roster.Unreachable()
		return
	}
	c.probing.Store(true)
	c.cluster, c.lastOK = answer.Value, now
	c.roster.Observe(answer.Value)
}

func (c *connection) snapshot() pane.ClusterMsg {
	return pane.ClusterMsg{Cluster: c.cluster, Brokers: c.roster.Brokers(), Err: c.err}
}

// headerView draws the cluster line and the breadcrumb.
func (a *App) headerView() string {
	th := a.common.Theme
	dot := th.Muted.Render(" · ")
	line := th.Title.Render("kscope") + " "
	if a.opts.Demo {
		line += th.Badge.Render("DEMO") + " "
	}
	if a.opts.ReadOnly {
		line += th.Badge.Render("READ-ONLY") + " "
	}
	if a.opts.Masking.On() {
		line += th.Badge.Render("MASKED") + " "
	}
	// The state comes first: on a narrow screen it is what must not be cut.
	c := a.conn
	switch {
	case !c.answered:
		line += th.Muted.Render("◌ connecting")
	case c.err != nil:
		line += th.Error.Render("✕ unreachable, retrying")
	default:
		line += th.OK.Render("● connected")
	}
	facts := []string{model.Sanitize(a.opts.Name)}
	if up, total := c.roster.Counts(); total > 0 {
		style := th.Muted
		if up < total {
			style = th.Warn
		}
		facts = append(facts, style.Render(fmt.Sprintf("brokers %d/%d", up, total)))
	}
	if c.lastOK != (time.Time{}) {
		if c.cluster.Controller >= 0 {
			facts = append(facts, th.Muted.Render(fmt.Sprintf("controller %d", c.cluster.Controller)))
		}
		facts = append(facts, th.Muted.Render("updated "+pane.Age(a.opts.Now().Sub(c.lastOK))+" ago"))
	}
	line += dot + strings.Join(facts, dot)
	return pane.Fit(line, a.width) + "\n" + pane.Fit(a.breadcrumb(), a.width)
}

// breadcrumb names every pane on the stack, the current one stressed.
func (a *App) breadcrumb() string {
	th := a.common.Theme
	steps := make([]string, len(a.stack))
	for i, p := range a.stack {
		steps[i] = th.Muted.Render(model.Sanitize(p.Title()))
	}
	steps[len(steps)-1] = th.Accent.Render(model.Sanitize(a.top().Title()))
	return strings.Join(steps, th.Muted.Render(" › "))
}
