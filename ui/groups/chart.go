package groups

import (
	"strconv"

	"charm.land/lipgloss/v2"

	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/chart"
	"github.com/kscope/kscope/ui/pane"
)

// chartOf is what the group's view charts.
type chartOf int

const (
	chartGroup     chartOf = iota // the whole group's lag and rates
	chartPartition                // the selected partition's
	chartNone
)

func (c chartOf) next() chartOf { return (c + 1) % (chartNone + 1) }

// chartRows is how many lines the chart takes: none when hidden or when
// the tables would be left too little room.
func (d *detail) chartRows() int {
	switch {
	case d.chart == chartNone || d.height < 24:
		return 0
	case d.height < 40:
		return 9
	}
	return 12
}

// chartView draws lag over the history window and, where the width allows
// a second chart beside it, the rates of consuming and producing.
func (d *detail) chartView() string {
	rows := d.chartRows()
	if rows == 0 || d.history == nil {
		return ""
	}
	series, what := &d.history.Total, "group"
	if d.chart == chartPartition {
		if i := d.parts.Index(); i >= 0 && i < len(d.group.Partitions) {
			tp := d.group.Partitions[i].TopicPartition
			if s := d.history.Partitions[tp]; s != nil {
				series, what = s, model.Sanitize(tp.Topic)+"/"+strconv.Itoa(int(tp.Partition))
			}
		}
	}
	th := d.common.Theme
	now := d.common.Now()
	base := chart.Chart{From: now.Add(-d.window), To: now, Height: rows, Location: d.common.Zone.Location(), Muted: th.Muted}
	lag := base
	lag.Title = "lag · " + what + " · last " + d.window.String()
	lag.Label = func(v float64) string { return model.Count(int64(v)) }
	lag.Lines = []chart.Line{{Name: "lag", Points: lagPoints(series.Samples()), Style: th.Accent}}
	if d.width < 100 {
		lag.Width = d.width
		return lag.View()
	}
	lag.Width = d.width/2 - 1
	rates := base
	rates.Title = "records/s"
	rates.Width = d.width - lag.Width - 2
	rates.Label = pane.Rate
	consumed, produced := ratePoints(series.Rates())
	rates.Lines = []chart.Line{
		{Name: "produced", Points: produced, Style: th.Warn},
		{Name: "consumed", Points: consumed, Style: th.OK},
	}
	return lipgloss.JoinHorizontal(lipgloss.Top, lag.View(), "  ", rates.View())
}

func lagPoints(samples []model.LagSample) []chart.Point {
	out := make([]chart.Point, 0, len(samples))
	for _, s := range samples {
		if lag := s.Lag(); lag >= 0 {
			out = append(out, chart.Point{At: s.At(), Value: float64(lag)})
		}
	}
	return out
}

func ratePoints(rates []model.Rate) (consumed, produced []chart.Point) {
	for _, r := range rates {
		consumed = append(consumed, chart.Point{At: r.At, Value: r.Consume})
		produced = append(produced, chart.Point{At: r.At, Value: r.Produce})
	}
	return consumed, produced
}
