package actions

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"charm.land/huh/v2"

	"github.com/kscope/kscope/engine"
	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/pane"
	"github.com/kscope/kscope/ui/table"
)

// SendRecords is the dialog that sends records picked in a tail to a
// topic, byte for byte: after the form (where to, keeping partitions and
// timestamps or not), a preview of every record, then y.
func SendRecords(c pane.Common, w Writer, from string, records []model.Record) *Dialog {
	var topic string
	var keepPartition, keepTimestamp bool
	// One sender a destination: after a send that failed partway, what
	// the cluster took is in its ledger and is not sent again.
	var sender *engine.Sender
	sentTo := ""
	build := func() *huh.Form {
		return huh.NewForm(huh.NewGroup(
			huh.NewInput().Key("to").Title("To topic").Description(fmt.Sprintf("%s from %s, sent as they are: keys, values, headers", model.Plural(len(records), "record"), model.Sanitize(from))).
				Value(&topic).Validate(func(s string) error {
				if !topicName.MatchString(s) {
					return errors.New("a topic's name: letters, digits, '.', '_' and '-'")
				}
				return nil
			}),
			huh.NewConfirm().Title("Keep their partitions?").Description("else Kafka's partitioner chooses by key").Value(&keepPartition),
			huh.NewConfirm().Title("Keep their timestamps?").Description("else they are stamped now").Value(&keepTimestamp),
		))
	}
	ask := func(ctx context.Context) outcome {
		if err := engine.CheckDestination(ctx, w, topic, keepPartition, records); err != nil {
			return outcome{err: err, field: "to"}
		}
		if sender == nil || sentTo != topic {
			sender, sentTo = engine.NewSender(w, nil), topic
		}
		var out []engine.Outgoing
		var rows []table.Row
		for i, r := range records {
			if sender.Ledger().Done(r.Partition, r.Offset) {
				continue
			}
			rows = append(rows, table.Row{Key: strconv.Itoa(i), Cells: []string{strconv.Itoa(int(r.Partition)), strconv.FormatInt(r.Offset, 10),
				model.Preview(r.Key, 24), model.Preview(r.Value, 60)}})
			out = append(out, engine.Outgoing{Partition: r.Partition, Offset: r.Offset, Record: r.Resent(topic, keepPartition, keepTimestamp)})
		}
		send := writing(func(ctx context.Context) outcome {
			res := sender.Send(ctx, out)
			if res.Err != nil {
				return outcome{err: fmt.Errorf("sent %s of %s to %s: %w; submitting again sends only the rest", model.Count(len(res.Took)), model.Count(len(out)), topic, res.Err)}
			}
			return outcome{notice: fmt.Sprintf("sent %s to %s", model.Plural(len(out), "record"), topic), done: true}
		})
		cols := []table.Column{{Title: "P", Width: 3, Align: table.Right}, {Title: "OFFSET", Width: 9, Align: table.Right},
			{Title: "KEY", Width: 14}, {Title: "VALUE", Width: 20, Flex: true}}
		where := "partitions chosen by key"
		if keepPartition {
			where = "each to the partition it came from"
		}
		return outcome{
			question: fmt.Sprintf("send these %s to %s, %s", model.Plural(len(out), "record"), topic, where),
			confirm:  &send,
			preview:  newPreview(c, cols, rows, model.Plural(len(out), "record")),
		}
	}
	return newDialog(c, "send marked records", build, step{run: ask})
}
