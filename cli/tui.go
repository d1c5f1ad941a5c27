package cli

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/spf13/cobra"

	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui"
	"github.com/kscope/kscope/ui/pane"
)

// tuiOptions are the flags of the TUI alone.
type tuiOptions struct {
	refresh      time.Duration
	buffer       pane.BufferLimits
	utc, noMouse bool
}

func runTUI(cmd *cobra.Command, g *globals, o tuiOptions) error {
	conn, err := g.target.connect(g.timeout, g.stderr)
	if err != nil {
		return err
	}
	keys, palette, err := looks(conn.file)
	if err != nil {
		conn.close()
		return err
	}
	words, err := aliases(conn.file)
	if err != nil {
		conn.close()
		return err
	}
	chosen, err := columns(conn.file)
	if err != nil {
		conn.close()
		return err
	}
	app := ui.New(conn.client, ui.Options{
		Keys:      keys,
		Palette:   palette,
		Aliases:   words,
		Columns:   chosen,
		Pager:     cmp.Or(os.Getenv("PAGER"), "less"),
		Editor:    cmp.Or(os.Getenv("VISUAL"), os.Getenv("EDITOR"), "vi"),
		Name:      conn.name,
		Demo:      conn.demo,
		ReadOnly:  conn.readOnly,
		Masking:   conn.masking,
		Registry:  conn.browser(),
		Connect:   conn.connectPanes(g.stderr),
		Patience:  g.timeout,
		Decoding:  conn.formats(g.target),
		Refresh:   o.refresh,
		UTC:       o.utc,
		NoMouse:   o.noMouse,
		LagWindow: g.lagWindow,
		NoColor:   os.Getenv("NO_COLOR") != "",
		Buffer:    o.buffer,
		Contexts:  &switcher{g: g, current: conn.context},
		Release:   conn.close,
	})
	defer app.Close()
	// Bubble Tea ends on SIGINT and SIGTERM and puts the terminal back;
	// a hangup or SIGQUIT would end the process with the terminal still
	// in the alternate screen and raw mode, so they end the program too.
	ctx, stop := signal.NotifyContext(cmd.Context(), syscall.SIGHUP, syscall.SIGQUIT)
	defer stop()
	_, err = tea.NewProgram(app, tea.WithContext(ctx)).Run()
	if cut := stopWrites(app, g.timeout, g.stderr); cut != nil {
		return cut
	}
	if errors.Is(err, tea.ErrProgramKilled) && ctx.Err() != nil {
		return nil // ended by a signal: the terminal is restored, nothing failed
	}
	return err
}

// stopWrites cuts short the writes the TUI still has in flight (a signal
// ended it), waits for them to answer, and prints what each write cut
// short sent and did not: quitting must never hide a partial write.
func stopWrites(app *ui.App, timeout time.Duration, stderr io.Writer) error {
	select {
	case <-app.StopWrites():
	case <-time.After(timeout + 5*time.Second):
		fmt.Fprintln(stderr, "kscope: a write to the cluster did not answer in time: what it sent is unknown")
		return errors.New("a write to the cluster was cut short")
	}
	cut := app.CutWrites()
	for _, c := range cut {
		fmt.Fprintln(stderr, "kscope:", model.Sanitize(c))
	}
	if len(cut) > 0 {
		return fmt.Errorf("%s to the cluster cut short", model.Plural(len(cut), "write"))
	}
	return nil
}
