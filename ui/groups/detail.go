package groups

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/kscope/kscope/keymap"
	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/pane"
	"github.com/kscope/kscope/ui/table"
)

// detail is one group drilled into, a pane of its own: its lag partition
// by partition, and its members. It describes the group alone at every
// refresh, and adds what it learns to the history the list shares.
type detail struct {
	pane.Scope
	common  pane.Common
	judge   judge // the list's history, and its topic
	name    string
	poll    *pane.Poll[[]model.Group]
	latest  pane.Latest[[]model.Group]
	group   model.JudgedGroup
	found   bool
	history *model.GroupHistory
	window  time.Duration // what the history spans
	chart   chartOf
	parts   table.Model
	members table.Model
	width   int
	height  int
}

var partitionColumns = []table.Column{
	{Title: "TOPIC", Width: 12, Flex: true},
	{Title: "P", Width: 3, Align: table.Right},
	{Title: "COMMITTED", Width: 11, Align: table.Right},
	{Title: "END", Width: 11, Align: table.Right},
	{Title: "LAG", Width: 9, Align: table.Right},
	{Title: "BEHIND", Width: 7, Align: table.Right},
	{Title: "STATUS", Width: 7},
	{Title: "TREND", Width: 12},
	{Title: "CONSUMER", Width: 14, Flex: true},
}

var memberColumns = []table.Column{
	{Title: "CLIENT", Width: 14, Flex: true},
	{Title: "HOST", Width: 14},
	{Title: "ASSIGNED", Width: 20, Flex: true},
	{Title: "MEMBER ID", Width: 14, Flex: true},
}

// kinds says what a group that is not classic is, where its protocol is
// new enough to need saying.
var kinds = map[string]string{
	"consumer": "consumer protocol (KIP-848)",
	"share":    "share group (KIP-932): lag is what is not yet acknowledged",
	"streams":  "streams group (KIP-1071)",
}

// NewDetail makes the view of one group; with topic set, of its lag on
// that topic alone.
func NewDetail(c pane.Common, d Describer, history *model.LagHistory, topic, name string) pane.Pane {
	v := &detail{
		Scope:   c.NewScope(),
		common:  c,
		judge:   judge{history: history, query: model.GroupQuery{Topic: topic}},
		name:    name,
		window:  history.Span(),
		parts:   table.New(partitionColumns, c.Keys.List, c.TableStyles(), "no committed offsets and no assignments"),
		members: table.New(memberColumns, c.Keys.List, c.TableStyles(), "no members: nobody consumes, so lag can only grow"),
	}
	v.poll = pane.NewPoll(c, v.Context, func(ctx context.Context) ([]model.Group, error) { return d.Groups(ctx, name) })
	return v
}

func (d *detail) Init() tea.Cmd { return d.poll.Start() }

func (d *detail) Title() string { return d.name }

func (d *detail) Capturing() bool { return false }

func (d *detail) Bindings() []key.Binding {
	k := d.common.Keys
	return []key.Binding{k.Topics.Tail, k.Groups.Chart, k.Act.Reset, k.Act.Delete, k.Act.DeleteOffsets}
}

// Update takes the group's description, and the view's keys.
func (d *detail) Update(msg tea.Msg) tea.Cmd {
	if answer, ok, cmd := d.poll.Update(msg); ok || cmd != nil {
		if ok {
			d.take(answer)
		}
		return cmd
	}
	kp, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	k := d.common.Keys
	switch {
	case !d.found:
	case key.Matches(kp, k.Act.Reset):
		return pane.Cmd(actOn(d.group, pane.ResetOffsets))
	case key.Matches(kp, k.Act.Delete):
		return pane.Cmd(actOn(d.group, pane.DeleteGroup))
	case key.Matches(kp, k.Act.DeleteOffsets):
		return pane.Cmd(actOn(d.group, pane.DeleteOffsets))
	case key.Matches(kp, k.Topics.Tail):
		return d.stuckAt()
	case key.Matches(kp, k.Groups.Chart):
		d.chart = d.chart.next()
		d.layout()
	default:
		d.parts.Update(kp)
	}
	return nil
}

// take records the group in the history and shows it judged. A group
// Kafka describes as Dead and empty no longer exists.
func (d *detail) take(answer pane.Fetched[[]model.Group]) {
	d.latest.Take(answer)
	if answer.Err != nil {
		return
	}
	d.judge.history.Observe(answer.Value, answer.At)
	judged := d.judge.query.Judge(answer.Value, d.judge.history)
	d.found = false
	for _, j := range judged {
		if j.Name == d.name && (j.State != "Dead" || len(j.Partitions) > 0 || len(j.Members) > 0) {
			d.show(j, d.judge.history.Group(d.name))
		}
	}
}

// stuckAt asks for a tail of the selected partition from the group's
// committed offset, so the record its consumer cannot get past is the
// first shown; from the beginning when the group committed nothing.
func (d *detail) stuckAt() tea.Cmd {
	i := d.parts.Index()
	if i < 0 || i >= len(d.group.Partitions) {
		return nil
	}
	p := d.group.Partitions[i]
	start := model.Start{Kind: model.FromBeginning}
	if p.Committed >= 0 {
		start = model.Start{Kind: model.FromOffset, Offset: p.Committed}
	}
	return pane.Cmd(pane.OpenTailMsg{Topic: p.Topic, Partitions: []int32{p.Partition}, Start: &start, AtFirst: true})
}

// show updates the view with the latest poll of the group.
func (d *detail) show(g model.JudgedGroup, h *model.GroupHistory) {
	d.group, d.found, d.history = g, true, h
	rows := make([]table.Row, len(g.Partitions))
	for i, p := range g.Partitions {
		rows[i] = d.partitionRow(p, d.group.Verdict.Partition(i), h)
	}
	d.parts.SetRows(rows)
	mrows := make([]table.Row, len(g.Members))
	for i, mem := range g.Members {
		id := mem.ID
		if mem.InstanceID != "" {
			// Both: the broker's member id, which the group's logs name,
			// and the instance id that outlives it (KIP-345).
			id = mem.ID + " (static " + mem.InstanceID + ")"
		}
		mrows[i] = table.Row{Key: mem.ID, Cells: []string{
			model.Sanitize(mem.ClientID), model.Sanitize(mem.Host), pane.TopicPartitions(mem.Assigned), model.Sanitize(id),
		}}
	}
	d.members.SetRows(mrows)
	if g.Verdict.ConsumeRate > 0 {
		d.members.SetEmpty("no members, yet its commits move: a consumer that assigns itself partitions, outside the group protocol")
	} else {
		d.members.SetEmpty("no members: nobody consumes, so lag can only grow")
	}
	d.layout()
}

func (d *detail) partitionRow(p model.PartitionLag, status model.Status, h *model.GroupHistory) table.Row {
	committed, lag := "no commit", "-"
	if p.Committed >= 0 {
		committed = model.Count(p.Committed)
	}
	if p.Lag >= 0 {
		lag = model.Count(p.Lag)
	}
	end := "?"
	if p.End >= 0 {
		end = model.Count(p.End)
	}
	consumer := "unassigned"
	if p.Member != nil {
		consumer = model.Sanitize(p.Member.ClientID + " " + p.Member.Host)
	}
	var trend string
	if h != nil {
		if s := h.Partitions[p.TopicPartition]; s != nil {
			trend = pane.Sparkline(s.Lags(), 12)
		}
	}
	tone := table.Normal
	switch {
	case status >= model.StatusStalled || p.Err != nil:
		tone = table.Error
	case status == model.StatusWarning, p.Expired():
		tone = table.Warn
	case p.Committed < 0:
		tone = table.Muted
	}
	return table.Row{
		Key: p.Topic + "/" + strconv.Itoa(int(p.Partition)),
		Cells: []string{model.Sanitize(p.Topic), strconv.Itoa(int(p.Partition)), committed, end, lag,
			model.BehindText(p.Behind(d.common.Now()), p.OldestStale), status.String(), trend, consumer},
		Tone: tone,
	}
}

func (d *detail) SetSize(width, height int) {
	d.width, d.height = width, height
	d.layout()
}

// layout gives the chart its rows, the members what they need, up to a
// third of the rest, and the partitions the remainder, under two summary
// lines.
func (d *detail) layout() {
	body := max(d.height-2-d.chartRows(), 0)
	members := min(max(len(d.group.Members), 1)+1, max(body/3, 2))
	d.members.SetSize(d.width, members)
	d.parts.SetSize(d.width, max(body-members-1, 0))
}

func (d *detail) View() string {
	th := d.common.Theme
	switch {
	case !d.latest.Loaded && d.latest.Err != nil:
		return th.Error.Render("cannot describe the group: " + model.Sanitize(d.latest.Err.Error()))
	case !d.latest.Loaded:
		return th.Muted.Render("describing " + model.Sanitize(d.name) + "…")
	case !d.found:
		return th.Error.Render(fmt.Sprintf("group %q no longer exists (%s goes back)", model.Sanitize(d.name), keymap.Key(d.common.Keys.Global.Back)))
	}
	g := d.group
	dot := th.Muted.Render(" · ")
	status := th.OK.Render(g.Verdict.Status.String())
	switch {
	case g.Verdict.Status >= model.StatusStalled:
		status = th.Error.Render(g.Verdict.Status.String())
	case g.Verdict.Status == model.StatusWarning:
		status = th.Warn.Render(g.Verdict.Status.String())
	case g.Verdict.Judging:
		status = th.Muted.Render(g.Verdict.JudgingText())
	}
	facts := []string{model.Sanitize(g.State)}
	if kind := kinds[g.Type]; kind != "" {
		facts = append(facts, kind)
	}
	if g.Protocol != "" {
		facts = append(facts, model.Sanitize(g.Protocol))
	}
	members := model.Plural(len(g.Members), "member")
	if len(g.Members) == 0 && g.Verdict.ConsumeRate > 0 {
		// Commits move with nobody in the group: a consumer that
		// assign()s its partitions, outside the group protocol.
		members = "no members (manual assignment?)"
	}
	facts = append(facts, members, "lag "+model.Count(g.Verdict.Lag))
	if behind := g.Behind(d.common.Now()); behind > 0 {
		facts = append(facts, model.BehindText(behind, g.BehindStale(d.common.Now()))+" behind")
	}
	head := th.Title.Render(model.Sanitize(g.Name)) + dot + th.Muted.Render(strings.Join(facts, " · ")) + dot + status
	rates := th.Muted.Render(fmt.Sprintf("consuming %s/s · produced %s/s", pane.Rate(g.Verdict.ConsumeRate), pane.Rate(g.Verdict.ProduceRate)))
	if o := g.Verdict.Outlook(); o != "" {
		rates += dot + th.Accent.Render(o)
	}
	if records, parts := g.Uncommitted(); parts > 0 {
		// Not in the lag, which has no commit to measure them from: not
		// nothing either.
		rates += dot + th.Warn.Render(fmt.Sprintf("%s in %s never committed, not in the lag", model.Plural(records, "record"), model.Plural(parts, "partition")))
	}
	if lost, expired := g.Lost(); lost > 0 {
		// Not lag: those records are gone, and the group will resume
		// at the log start.
		where := fmt.Sprintf("%d partitions", expired)
		if expired == 1 {
			where = "1 partition"
		}
		rates += dot + th.Warn.Render(fmt.Sprintf("%s records lost to retention before it read them, on %s", model.Count(lost), where))
	}
	if stale := d.latest.Stale(); stale != "" {
		rates += dot + th.Error.Render(model.Sanitize(stale))
	}
	parts := []string{pane.Fit(head, d.width), pane.Fit(rates, d.width)}
	if c := d.chartView(); c != "" {
		parts = append(parts, c)
	}
	return strings.Join(append(parts, d.parts.View(), "", d.members.View()), "\n")
}
