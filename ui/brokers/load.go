package brokers

import (
	"context"
	"fmt"
	"strconv"

	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/pane"
	"github.com/kscope/kscope/ui/table"
)

// Source tells where partitions lead and what the brokers' disks hold.
type Source interface {
	pane.TopicLister
	pane.DiskUser
}

// load is one poll of what the brokers hold.
type load struct {
	usage model.DiskUsage
	loads map[int32]model.BrokerLoad
}

// fetchLoad asks for the topics and the log dirs at the same time.
func fetchLoad(src Source) func(context.Context) (load, error) {
	return func(ctx context.Context) (load, error) {
		ts, usage, usageErr, err := pane.TopicsAndDisks(ctx, src, src)
		if err == nil {
			err = usageErr
		}
		if err != nil {
			return load{}, err
		}
		return load{usage: usage, loads: usage.Loads(ts)}, nil
	}
}

// skewed reports, for each broker, whether it leads or stores noticeably
// more than its share: a fifth above the mean, and more than one
// partition or megabyte, so a small cluster's rounding is no skew.
func (l load) skewed(ids []int32) map[int32]string {
	if len(ids) < 2 {
		return nil
	}
	var leaders, used float64
	for _, id := range ids {
		leaders += float64(l.loads[id].Leaders)
		used += float64(l.loads[id].Used)
	}
	leaders /= float64(len(ids))
	used /= float64(len(ids))
	out := map[int32]string{}
	for _, id := range ids {
		b := l.loads[id]
		switch {
		case float64(b.Leaders) > 1.2*leaders && float64(b.Leaders)-leaders > 1:
			out[id] = fmt.Sprintf("broker %d leads %s partitions, the mean is %.0f", id, model.Count(b.Leaders), leaders)
		case float64(b.Used) > 1.2*used && float64(b.Used)-used > 1e6:
			out[id] = fmt.Sprintf("broker %d holds %s, the mean is %s", id, pane.Bytes(int(b.Used)), pane.Bytes(int(used)))
		}
	}
	return out
}

var dirColumns = []table.Column{
	{Title: "BROKER", Width: 6, Align: table.Right},
	{Title: "LOG DIR", Width: 20, Flex: true},
	{Title: "USED", Width: 9, Align: table.Right},
	{Title: "VOLUME", Width: 9, Align: table.Right},
	{Title: "FREE", Width: 9, Align: table.Right},
	{Title: "STATUS", Width: 20, Flex: true},
}

func dirRow(d model.LogDir) table.Row {
	status, tone := "ok", table.Normal
	if d.Err != nil {
		status, tone = model.Sanitize(d.Err.Error()), table.Error
	}
	return table.Row{
		Key:   strconv.Itoa(int(d.Broker)) + " " + d.Path,
		Cells: []string{strconv.Itoa(int(d.Broker)), model.Sanitize(d.Path), pane.Bytes(int(d.Used)), volume(d.Total), volume(d.Usable), status},
		Tone:  tone,
	}
}

// volume is a volume figure, or "-" where the broker does not say.
func volume(n int64) string { return pane.Size(n, n >= 0) }

// usePercent is how full a broker's volumes are, as df says it: "4%", or
// "-" where the broker does not say (before Kafka 3.3) or says more free
// than there is (kfake, the embedded demo, gives its used bytes as the
// volume), which no percentage describes.
func usePercent(b model.BrokerLoad) string {
	if b.Total <= 0 || b.Usable < 0 || b.Usable > b.Total {
		return "-"
	}
	return strconv.FormatInt((b.Total-b.Usable)*100/b.Total, 10) + "%"
}
