// Package features is the pane of the cluster's feature levels (KIP-584):
// metadata.version, kraft.version, group.version and the others, each
// with the level the cluster runs at and the range its brokers support.
package features

import (
	"context"
	"fmt"
	"time"

	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/pane"
	"github.com/kscope/kscope/ui/table"
)

// Lister lists the cluster's features.
type Lister interface {
	Features(ctx context.Context) ([]model.Feature, error)
}

// Columns are the pane's columns, as the config's columns: names them.
var Columns = []table.Column{
	{Title: "FEATURE", Width: 34, Flex: true},
	{Title: "LEVEL", Width: 6, Align: table.Right},
	{Title: "SUPPORTED", Width: 10, Align: table.Right},
	{Title: "", Width: 30, Flex: true},
}

// New makes the features pane.
func New(c pane.Common, l Lister) *pane.List[model.Feature] {
	return pane.NewList(c, pane.ListSpec[model.Feature]{
		Name:    "features",
		Title:   "features",
		Noun:    "features",
		Columns: Columns,
		Fetch:   l.Features,
		Row: func(f model.Feature, _ time.Time) table.Row {
			note := ""
			if f.Level < f.SupportedMax {
				note = fmt.Sprintf("can go to %d (kafka-features.sh upgrade)", f.SupportedMax)
			}
			return table.Row{Key: f.Name, Cells: []string{model.Sanitize(f.Name), fmt.Sprint(f.Level), fmt.Sprintf("%d-%d", f.SupportedMin, f.SupportedMax), note}}
		},
		Text:  func(f model.Feature) string { return f.Name },
		Empty: "the cluster names no features (Kafka before 2.7, or not KRaft)",
	})
}
