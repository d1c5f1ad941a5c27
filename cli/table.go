package cli

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/kscope/kscope/kafka"
	"github.com/kscope/kscope/model"
)

// table is a tabwriter over a buffer: a table of thousands of rows goes
// out in a few large writes, not a write for every cell (#18 counted
// 912,000 for 1,000 groups).
type table struct {
	*tabwriter.Writer
	buf *bufio.Writer
}

func newTable(w io.Writer) table {
	buf := bufio.NewWriterSize(w, 64<<10)
	return table{tabwriter.NewWriter(buf, 0, 0, 2, ' ', 0), buf}
}

// listTable lists what on the chosen cluster as a table: the header, then
// a line of tab-separated cells for each item.
func listTable[T any](ctx context.Context, g *globals, stdout io.Writer, what string,
	list func(*kafka.Client, context.Context) ([]T, error), header string, row func(T) string) error {
	conn, err := g.connect("listing " + what + " on")
	if err != nil {
		return err
	}
	defer conn.close()
	items, err := list(conn.client, context.WithoutCancel(ctx))
	if err != nil {
		return err
	}
	tw := newTable(stdout)
	fmt.Fprintln(tw, header)
	for _, item := range items {
		fmt.Fprintln(tw, row(item))
	}
	return tw.Flush()
}

// Flush aligns what was written and sends it on.
func (t table) Flush() error {
	if err := t.Writer.Flush(); err != nil {
		return err
	}
	return t.buf.Flush()
}

func orDash(n int64, unknown string) string {
	if n < 0 {
		return unknown
	}
	return fmt.Sprint(n)
}

func orText(s, unknown string) string {
	if s == "" {
		return unknown
	}
	return model.Sanitize(s)
}
