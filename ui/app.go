// Package ui is kscope's terminal interface: the root model that holds the
// header, the navigation stack of panes, the command line and help.
package ui

import (
	"context"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/kscope/kscope/keymap"
	"github.com/kscope/kscope/mask"
	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/actions"
	"github.com/kscope/kscope/ui/connectors"
	"github.com/kscope/kscope/ui/groups"
	"github.com/kscope/kscope/ui/pane"
	"github.com/kscope/kscope/ui/schemas"
	"github.com/kscope/kscope/ui/tail"
	"github.com/kscope/kscope/ui/theme"
	"github.com/kscope/kscope/ui/topics"
)

// Client is what the app asks of the cluster itself: its state for the
// header, the topics it starts on, the tails and groups rows open, and
// the writes of its dialogs. The views of the registry ask for what
// their panes need (see Unserved).
type Client interface {
	Cluster(ctx context.Context) (model.Cluster, error)
	topics.Lister
	tail.Tailer
	groups.Describer
	actions.Writer
}

// Options configure the app.
type Options struct {
	Name     string        // what the header calls the cluster, e.g. its bootstrap address
	Demo     bool          // the cluster is the embedded demo
	ReadOnly bool          // writes are refused; the header says so
	Masking  *mask.Policy  // masks the records read, as the client does; nil: none; the header says so
	Contexts Contexts      // other clusters to switch to; nil without a config file
	Release  func()        // releases the client when the app is done with it
	Refresh  time.Duration // how often to poll; defaults to 2s
	NoColor  bool          // the user set NO_COLOR
	Now      func() time.Time
	Location *time.Location    // the local zone times are shown in; defaults to time.Local
	UTC      bool              // show times in UTC at first (Z toggles)
	NoMouse  bool              // leave the mouse to the terminal, for selecting text
	Keys     *keymap.KeyMap    // the user's bindings; nil: keymap.Default
	Palette  *theme.Palette    // the user's colours; nil: theme.Default
	Buffer   pane.BufferLimits // how much a tail keeps; defaults to 10,000 records and 64 MB
	SaveDir  string            // where records are saved; defaults to the working directory
	// Registry is the cluster's schema registry, for :schemas; nil when
	// its context names none.
	Registry schemas.Registry
	// Connect are the context's Kafka Connect clusters, for :connectors.
	Connect []connectors.Cluster
	// Patience is how long a redrive sends again what Kafka refuses as
	// retriable (--timeout); 10s when zero.
	Patience time.Duration
	// Decoding lets the tail choose how a topic's values are read; nil:
	// it cannot.
	Decoding tail.Decoding
	// Aliases are the user's words for command lines: "dlq": "tail
	// orders.dlq beginning". CheckAliases refuses bad ones.
	Aliases map[string]string
	// Columns are the columns chosen for each view, by its name, in
	// order (the config's columns:); CheckColumns refuses bad ones.
	Columns map[string][]string
	// Pager and Editor are the command lines a record opens in: $PAGER
	// and $EDITOR, "" for none.
	Pager, Editor string
	// LagWindow is how far back groups' lag history reaches, for their
	// verdicts, trends and charts; defaults to 15 minutes.
	LagWindow time.Duration
}

// Default tail buffer limits.
const (
	DefaultBufferRecords = 10_000
	DefaultBufferBytes   = 64 << 20
)

// App is the root model.
type App struct {
	common   pane.Common
	client   Client
	registry schemas.Registry // nil: the context names none
	connect  []connectors.Cluster
	decoding tail.Decoding // nil: formats cannot be chosen
	release  func()        // of the current client
	opts     Options

	stack    []pane.Pane
	history  history
	lag      *model.LagHistory // kept by the app, so trends outlive the groups pane
	width    int
	height   int
	cancel   context.CancelFunc // ends common.Context: the app's, or the cluster's since a switch
	conn     *connection
	command  pane.Prompt
	commands commandLine
	typing   bool   // the command line has focus
	switches int    // :ctx requests made; the latest is the one that counts
	notice   string // a one-line message, e.g. a bad command; cleared by the next key
	help     bool
	helpTop  int  // the help's first line shown, when it is taller than the screen
	quitting bool // q was pressed with data only this session holds, or ctrl+c with a write in flight: a second quits
	stopping bool // the writes in flight were cut short to quit: quit once they have said how far they got
}

// New builds the app on a client; it starts on the topics pane.
func New(client Client, opts Options) *App {
	if opts.Refresh <= 0 {
		opts.Refresh = 2 * time.Second
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Location == nil {
		opts.Location = time.Local
	}
	if opts.Buffer.Records <= 0 {
		opts.Buffer.Records = DefaultBufferRecords
	}
	if opts.Buffer.Bytes <= 0 {
		opts.Buffer.Bytes = DefaultBufferBytes
	}
	if opts.SaveDir == "" {
		opts.SaveDir = "."
	}
	palette, keys := theme.Default(), keymap.Default()
	if opts.Palette != nil {
		palette = *opts.Palette
	}
	if opts.Keys != nil {
		keys = *opts.Keys
	}
	ctx, cancel := context.WithCancel(context.Background())
	common := pane.Common{
		Context: ctx,
		Theme:   theme.New(palette, opts.NoColor),
		Keys:    keys,
		Now:     opts.Now,
		Zone:    pane.NewZone(opts.Location, opts.UTC),
		Refresh: opts.Refresh,
		Buffer:  opts.Buffer,
		SaveDir: opts.SaveDir,
		Writes:  &pane.Writes{},
		Pager:   opts.Pager,
		Editor:  opts.Editor,
		Columns: opts.Columns,
		Masking: opts.Masking,
	}
	command := pane.NewPrompt(keys.Input, ":", "")
	commands := commandLine{aliases: opts.Aliases, help: keymap.Key(keys.Global.Help)}
	command.Suggest(commands.names())
	a := &App{common: common, cancel: cancel, client: client, registry: opts.Registry, connect: opts.Connect, decoding: opts.Decoding, release: opts.Release, opts: opts, command: command, commands: commands, lag: &model.LagHistory{Window: opts.LagWindow}}
	a.conn = newConnection(client, common)
	a.stack = []pane.Pane{topics.New(common, client)}
	return a
}

// clockMsg redraws the header once a second so its "updated 3s ago" ages.
type clockMsg struct{}

func clock() tea.Cmd { return tea.Tick(time.Second, func(time.Time) tea.Msg { return clockMsg{} }) }

func (a *App) Init() tea.Cmd {
	return tea.Batch(a.conn.poll.Start(), a.top().Init(), clock())
}

func (a *App) top() pane.Pane { return a.stack[len(a.stack)-1] }

func (a *App) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	m, cmd := a.update(msg)
	if a.stopping && len(a.common.Writes.InFlight()) == 0 {
		return m, tea.Batch(cmd, tea.Quit)
	}
	return m, cmd
}

func (a *App) update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		a.width, a.height = msg.Width, msg.Height
		a.resize()
		return a, nil
	case tea.KeyPressMsg:
		return a, a.updateKey(msg)
	case tea.MouseWheelMsg:
		return a, a.wheel(msg)
	case tea.MouseClickMsg:
		return a, a.click(msg)
	case clockMsg:
		return a, clock() // the redraw that follows is the point
	case pane.OpenTopicMsg:
		return a, a.show(Command{Name: "topic", Arg: msg.Topic})
	case pane.OpenTailMsg:
		start := model.Start{}
		if msg.Start != nil {
			start = *msg.Start
		}
		t := a.tail(msg.Topic, msg.Partitions, start)
		if msg.AtFirst {
			t.StayAtFirst()
		}
		return a, a.push(t)
	case pane.PromptMsg:
		a.typing = true
		return a, a.command.Open(msg.Text)
	case pane.OpenGroupsMsg:
		return a, a.show(Command{Name: "groups", Opt: msg.Topic})
	case pane.OpenGroupMsg:
		return a, a.push(groups.NewDetail(a.common, a.client, a.lag, msg.Topic, msg.Group))
	case pane.OpenProducersMsg:
		return a, a.show(Command{Name: "producers", Arg: msg.Topic})
	case contextsListedMsg:
		return a, a.contextsListed(msg)
	case contextPickedMsg:
		a.drop() // the list of contexts
		return a, a.runContext(msg.name)
	case contextSwitchedMsg:
		return a, a.contextSwitched(msg)
	case jumpMsg:
		a.drop() // the jump list
		return a, a.jump(msg.to)
	case pane.ActMsg:
		return a, a.act(msg)
	case connectors.OpenMsg:
		return a, a.push(connectors.NewDetail(a.common, msg.Item))
	case connectors.ActMsg:
		return a, a.connectorActions(msg)
	case connectorActMsg:
		return a, a.connectorAct(msg)
	case connectors.RedriveMsg:
		return a, a.redrive(msg)
	case connectors.EditMsg:
		return a, a.editConnector(msg)
	case pane.NoticeMsg:
		a.notice = msg.Text
		return a, nil
	case pane.DoneMsg:
		cmd := a.pop()
		a.notice = msg.Notice
		return a, cmd
	}
	if answer, ok, cmd := a.conn.poll.Update(msg); ok || cmd != nil {
		if ok {
			a.conn.observe(answer, a.opts.Now())
			return a, tea.Batch(cmd, a.top().Update(a.conn.snapshot()))
		}
		return a, cmd
	}
	return a, a.deliver(msg)
}

// deliver gives a message to the pane on top, and to the panes under it
// or in history that keep running (a live tail under a dialog, or left
// for :groups).
func (a *App) deliver(msg tea.Msg) tea.Cmd {
	cmds := []tea.Cmd{a.top().Update(msg)}
	for _, p := range a.stack[:len(a.stack)-1] {
		if _, ok := p.(pane.Runner); ok {
			cmds = append(cmds, p.Update(msg))
		}
	}
	return tea.Batch(append(cmds, a.history.deliver(msg))...)
}

// updateKey gives keys to the command line or help when they are open, then
// to the root's own bindings, and the rest to the pane on top.
func (a *App) updateKey(msg tea.KeyPressMsg) tea.Cmd {
	a.notice = ""
	quitting := a.quitting
	a.quitting = false // asked once: any other key answers no
	g := a.common.Keys.Global
	switch {
	case key.Matches(msg, g.Interrupt):
		return a.interrupt(quitting, g.Interrupt)
	case a.typing:
		return a.updateCommand(msg)
	case a.help:
		if key.Matches(msg, g.Help, g.Back, g.Quit) {
			a.help = false
		}
		a.scrollHelp(msg)
		return nil
	case a.top().Capturing():
		return a.top().Update(msg)
	case key.Matches(msg, g.Quit):
		return a.quit(quitting)
	case key.Matches(msg, g.Help):
		a.help, a.helpTop = true, 0
		return nil
	case key.Matches(msg, g.Zone):
		z := a.common.Zone
		z.Toggle()
		a.notice = "times now in " + z.Name(a.opts.Now())
		a.resize() // the pane draws its times again
		return nil
	case key.Matches(msg, g.Command):
		a.typing = true
		return a.command.Open("")
	case key.Matches(msg, g.Back):
		if b, ok := a.top().(pane.Backer); ok && b.Back() {
			return nil
		}
		if len(a.stack) > 1 {
			return a.pop()
		}
		cmd, _ := a.back()
		return cmd
	}
	return a.top().Update(msg)
}

// quit closes what is over the root view, as a pager's q does: a record's
// view, or a pane pushed over the root. On the root it quits. Either way
// it asks once first when what it drops holds what only this session has
// (a paused or filtered tail's records).
func (a *App) quit(asked bool) tea.Cmd {
	if o, ok := a.top().(pane.Overlay); ok && o.CloseOverlay() {
		return nil
	}
	if len(a.stack) > 1 {
		// Closing a pane pushed over the view drops what it holds, as
		// quitting would: asked the same way.
		if h, ok := a.top().(pane.Holder); ok && !asked {
			if what := h.Holding(); what != "" {
				a.quitting = true
				a.notice = keymap.Key(a.common.Keys.Global.Quit) + " again closes " + model.Sanitize(a.top().Title()) + ", losing " + what + "; any other key stays"
				return nil
			}
		}
		return a.pop()
	}
	if live := a.common.Writes.InFlight(); len(live) > 0 {
		// A write in flight is stopped, and says how far it got, as
		// ctrl+c does: asked the same way.
		return a.interrupt(asked, a.common.Keys.Global.Quit)
	}
	if held := a.held(); held != "" && !asked {
		a.quitting = true
		a.notice = keymap.Key(a.common.Keys.Global.Quit) + " again quits, losing " + held + "; any other key stays"
		return nil
	}
	return tea.Quit
}

// interrupt quits at once, unless a write to the cluster is in flight:
// then it asks first, and asked again cuts the writes short and quits
// once they have said how far they got (CutWrites).
func (a *App) interrupt(asked bool, again key.Binding) tea.Cmd {
	live := a.common.Writes.InFlight()
	switch {
	case len(live) == 0:
		return tea.Quit
	case !asked:
		a.quitting = true
		a.notice = model.Sanitize(live[0]) + " is writing to the cluster: " + keymap.Key(again) + " again stops it and quits, saying what was sent; any other key stays"
		return nil
	}
	a.common.Writes.Stop()
	a.stopping = true
	a.notice = "stopping " + model.Sanitize(live[0]) + "…"
	return nil
}

// StopWrites cuts short the writes still in flight, as when a signal ends
// the program, and returns a channel closed once they have ended.
func (a *App) StopWrites() <-chan struct{} { return a.common.Writes.Stop() }

// CutWrites is what each write cut short said: what was sent, and what
// was not.
func (a *App) CutWrites() []string { return a.common.Writes.Cut() }

// held is what the first pane holding something holds, on the stack or
// in history: "tail orders (paused, 1,234 records)".
func (a *App) held() string {
	for _, v := range append([][]pane.Pane{a.stack}, a.history.views...) {
		if p, what := holder(v); p != nil {
			return model.Sanitize(p.Title()) + " (" + what + ")"
		}
	}
	return ""
}

// updateCommand edits the command line; enter runs it, esc drops it.
func (a *App) updateCommand(msg tea.KeyPressMsg) tea.Cmd {
	ended, cmd := a.command.Update(msg)
	switch ended {
	case pane.Cancelled:
		a.typing = false
	case pane.Submitted:
		a.typing = false
		c, err := a.commands.parse(a.command.Value())
		if err != nil {
			a.notice = err.Error()
			return nil
		}
		return a.run(c)
	}
	return cmd
}

// run carries out a command. Views named by a command replace the stack,
// as in k9s; history keeps the one replaced, to go back to.
func (a *App) run(c Command) tea.Cmd {
	v, _ := lookup(c.Name)
	if v.do != nil {
		return v.do(a, c)
	}
	p, err := a.open(c)
	if err != nil {
		a.notice = err.Error()
		return nil
	}
	return a.reset(p)
}

// show opens a command's view over the one on screen, as a pane asks
// when the user goes into a row; esc leads back.
func (a *App) show(c Command) tea.Cmd {
	p, err := a.open(c)
	if err != nil {
		a.notice = err.Error()
		return nil
	}
	return a.push(p)
}

func (a *App) tail(topic string, partitions []int32, start model.Start) *tail.Model {
	return tail.New(a.common, a.client, a.decoding, model.TailRequest{Topic: topic, Partitions: partitions, Start: start})
}

func (a *App) push(p pane.Pane) tea.Cmd {
	a.stack = append(a.stack, p)
	a.resize()
	return p.Init()
}

func (a *App) pop() tea.Cmd {
	if len(a.stack) < 2 {
		return nil // the root pane stays; a late close request finds nothing to close
	}
	a.drop()
	a.resize()
	return a.top().Init()
}

// drop closes the pane on top and takes it off the stack.
func (a *App) drop() {
	closePane(a.top())
	a.stack = a.stack[:len(a.stack)-1]
}

// reset shows p in place of the stack, which history keeps to come back
// to.
func (a *App) reset(p pane.Pane) tea.Cmd {
	a.history.leave(a.stack)
	a.history.drop(crumbs([]pane.Pane{p}))
	a.stack = nil
	return a.push(p)
}

// closeAll releases what every pane holds, on the stack and in history.
func (a *App) closeAll() {
	closePanes(a.stack)
	a.history.forget()
}

func closePanes(ps []pane.Pane) {
	for _, p := range ps {
		closePane(p)
	}
}

func closePane(p pane.Pane) {
	if c, ok := p.(pane.Closer); ok {
		c.Close()
	}
}

// resize gives the pane on top what the header and status line leave.
func (a *App) resize() {
	a.command.SetWidth(a.width - 2)
	a.top().SetSize(a.width, max(a.height-headerLines-1, 0))
}
