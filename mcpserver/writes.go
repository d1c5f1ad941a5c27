package mcpserver

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/kscope/kscope/engine"
	"github.com/kscope/kscope/model"
)

// Writer is what the write tools ask of the cluster.
type Writer interface {
	CreateTopic(ctx context.Context, t model.NewTopic) error
	DeleteTopic(ctx context.Context, topic string) error
	engine.Resetter
	engine.Destination
	engine.Aborter
}

// writeOutput is what a write tool answers: a preview and its token, or
// what was done.
type writeOutput struct {
	Preview string `json:"preview,omitempty" jsonschema:"what executing would change"`
	Token   string `json:"token,omitempty" jsonschema:"to execute the preview: call again with the same arguments and this token, within 5 minutes; it works once"`
	Done    string `json:"done,omitempty" jsonschema:"what was changed"`
}

// previewOrRun previews a write (no token) or executes the one a token
// names: the run kept at its preview, exactly as previewed.
func (s *server) previewOrRun(ctx context.Context, tool, token string, args any, plan func() (string, func(context.Context) (string, error), error)) (writeOutput, error) {
	now := s.opts.Now()
	if token != "" {
		run, err := s.approvals.take(tool, token, args, now)
		if err != nil {
			return writeOutput{}, err
		}
		done, err := run(ctx)
		return writeOutput{Done: done}, err
	}
	preview, run, err := plan()
	if err != nil {
		return writeOutput{}, err
	}
	issued, err := s.approvals.issue(tool, args, run, now)
	return writeOutput{Preview: preview, Token: issued}, err
}

const writeNote = " Two steps: called without a token it changes nothing and answers a preview with a token; called again with the same arguments and that token (once, within 5 minutes), it does exactly what was previewed."

var createTool = &mcp.Tool{Name: "create_topic", Description: "Create a topic." + writeNote}

type createInput struct {
	Name              string            `json:"name"`
	Partitions        int32             `json:"partitions,omitempty" jsonschema:"the broker's default when not given"`
	ReplicationFactor int16             `json:"replication_factor,omitempty" jsonschema:"the broker's default when not given"`
	Configs           map[string]string `json:"configs,omitempty" jsonschema:"topic configs, such as retention.ms"`
	Token             string            `json:"token,omitempty"`
}

func (s *server) createTopic(ctx context.Context, in createInput) (writeOutput, error) {
	token := in.Token
	in.Token = ""
	return s.previewOrRun(ctx, "create_topic", token, in, func() (string, func(context.Context) (string, error), error) {
		t := model.NewTopic{Name: in.Name, Partitions: -1, ReplicationFactor: -1, Configs: in.Configs}
		if in.Partitions > 0 {
			t.Partitions = in.Partitions
		}
		if in.ReplicationFactor > 0 {
			t.ReplicationFactor = in.ReplicationFactor
		}
		if err := t.Check(); err != nil {
			return "", nil, err
		}
		preview := fmt.Sprintf("create topic %s with %s partitions, replication factor %s", t.Name, orDefault(int64(t.Partitions)), orDefault(int64(t.ReplicationFactor)))
		for _, k := range slices.Sorted(maps.Keys(t.Configs)) {
			preview += fmt.Sprintf(", %s=%s", k, t.Configs[k])
		}
		return preview, func(ctx context.Context) (string, error) {
			if err := s.writer.CreateTopic(ctx, t); err != nil {
				return "", err
			}
			return "created topic " + t.Name, nil
		}, nil
	})
}

func orDefault(n int64) string {
	if n < 0 {
		return "the broker's default"
	}
	return fmt.Sprint(n)
}

var deleteTool = &mcp.Tool{Name: "delete_topic", Description: "Delete a topic and every record in it." + writeNote}

type deleteInput struct {
	Name  string `json:"name"`
	Token string `json:"token,omitempty"`
}

func (s *server) deleteTopic(ctx context.Context, in deleteInput) (writeOutput, error) {
	token := in.Token
	in.Token = ""
	return s.previewOrRun(ctx, "delete_topic", token, in, func() (string, func(context.Context) (string, error), error) {
		topics, err := s.cluster.Topics(ctx, in.Name)
		if err != nil {
			return "", nil, err
		}
		if topics[0].Err != nil {
			return "", nil, topics[0].Err
		}
		t := topics[0]
		preview := fmt.Sprintf("delete topic %s: its %s and %s, for good", t.Name, model.Plural(len(t.Partitions), "partition"), model.Plural(int(t.Messages()), "record"))
		return preview, func(ctx context.Context) (string, error) {
			if err := s.writer.DeleteTopic(ctx, t.Name); err != nil {
				return "", err
			}
			return "deleted topic " + t.Name, nil
		}, nil
	})
}

var resetTool = &mcp.Tool{Name: "reset_offsets", Description: "Move a consumer group's committed offsets on a topic: to earliest, latest, an offset, -N (N back from where it is), or a time (-1h, an RFC 3339 time). The group must have no members." + writeNote}

type resetInput struct {
	Group      string  `json:"group"`
	Topic      string  `json:"topic"`
	Partitions []int32 `json:"partitions,omitempty" jsonschema:"only these partitions; none: every partition"`
	To         string  `json:"to" jsonschema:"earliest, latest, an offset, -N, -1h, or an RFC 3339 time"`
	Token      string  `json:"token,omitempty"`
}

func (s *server) resetOffsets(ctx context.Context, in resetInput) (writeOutput, error) {
	token := in.Token
	in.Token = ""
	return s.previewOrRun(ctx, "reset_offsets", token, in, func() (string, func(context.Context) (string, error), error) {
		r, err := engine.ParseReset(in.Group, in.Topic, in.Partitions, in.To, s.opts.Now())
		if err != nil {
			return "", nil, err
		}
		plan, err := r.Plan(ctx, s.writer)
		if err != nil {
			return "", nil, err
		}
		var lines []string
		for _, row := range plan.Rows {
			if row.Err != nil {
				lines = append(lines, fmt.Sprintf("%s/%d: skipped: %v", row.Topic, row.Partition, row.Err))
				continue
			}
			lines = append(lines, fmt.Sprintf("%s/%d: %s -> %d (lag after %d)", row.Topic, row.Partition, committedText(row.Current), row.New, row.LagAfter()))
		}
		preview := fmt.Sprintf("reset %s on %s: %s\n%s", in.Group, in.Topic, engine.ResetTotals(plan), strings.Join(lines, "\n"))
		return preview, func(ctx context.Context) (string, error) {
			if err := engine.Apply(ctx, s.writer, plan); err != nil {
				return "", err
			}
			return fmt.Sprintf("reset %s on %s: %s", in.Group, in.Topic, engine.ResetTotals(plan)), nil
		}, nil
	})
}

func committedText(n int64) string {
	if n < 0 {
		return "none committed"
	}
	return fmt.Sprint(n)
}

var produceTool = &mcp.Tool{Name: "produce", Description: "Send records to a topic: keys and values as text (JSON as its text), headers, and a partition or Kafka's partitioner by key. At most 100 a call." + writeNote}

type (
	outgoing struct {
		Key       *string           `json:"key,omitempty" jsonschema:"none: a null key"`
		Value     *string           `json:"value,omitempty" jsonschema:"none: a null value, a tombstone"`
		Headers   map[string]string `json:"headers,omitempty"`
		Partition *int32            `json:"partition,omitempty" jsonschema:"none: chosen by key"`
	}
	produceInput struct {
		Topic   string     `json:"topic"`
		Records []outgoing `json:"records"`
		Token   string     `json:"token,omitempty"`
	}
)

// maxProduce bounds the records one produce call sends.
const maxProduce = 100

func (s *server) produce(ctx context.Context, in produceInput) (writeOutput, error) {
	token := in.Token
	in.Token = ""
	return s.previewOrRun(ctx, "produce", token, in, func() (string, func(context.Context) (string, error), error) {
		switch {
		case len(in.Records) == 0:
			return "", nil, errors.New("records: give at least one")
		case len(in.Records) > maxProduce:
			return "", nil, fmt.Errorf("records: at most %d a call", maxProduce)
		}
		out := make([]engine.Outgoing, len(in.Records))
		for i, o := range in.Records {
			r := model.Record{Topic: in.Topic, Partition: -1}
			if o.Partition != nil {
				r.Partition = *o.Partition
			}
			if o.Key != nil {
				r.Key = []byte(*o.Key)
			}
			if o.Value != nil {
				r.Value = []byte(*o.Value)
			}
			for _, k := range slices.Sorted(maps.Keys(o.Headers)) {
				r.Headers = append(r.Headers, model.Header{Key: k, Value: []byte(o.Headers[k])})
			}
			// Its place in the call is its place in the ledger.
			out[i] = engine.Outgoing{Partition: 0, Offset: int64(i), Record: r}
		}
		preview := fmt.Sprintf("send %s to %s", model.Plural(len(out), "record"), in.Topic)
		sender := engine.NewSender(s.writer, nil)
		return preview, func(ctx context.Context) (string, error) {
			sent := sender.Send(ctx, out)
			if sent.Err != nil {
				return "", fmt.Errorf("sent %d of %d records to %s, in the order given: %w", len(sent.Took), len(out), in.Topic, sent.Err)
			}
			return fmt.Sprintf("sent %s to %s", model.Plural(len(sent.Took), "record"), in.Topic), nil
		}, nil
	})
}

var abortTool = &mcp.Tool{Name: "abort_transaction", Description: "Abort a transactional id's open transaction, as kafka-transactions.sh abort does for a hanging one: an abort marker where its producer has the transaction open, so read_committed consumers get past it." + writeNote}

type abortInput struct {
	TransactionalID string `json:"transactional_id"`
	Token           string `json:"token,omitempty"`
}

func (s *server) abortTransaction(ctx context.Context, in abortInput) (writeOutput, error) {
	token := in.Token
	in.Token = ""
	return s.previewOrRun(ctx, "abort_transaction", token, in, func() (string, func(context.Context) (string, error), error) {
		txns, err := s.cluster.Transactions(ctx)
		if err != nil {
			return "", nil, err
		}
		i := slices.IndexFunc(txns, func(t model.Transaction) bool { return t.ID == in.TransactionalID })
		if i < 0 {
			return "", nil, fmt.Errorf("no transactional id %q", in.TransactionalID)
		}
		t := txns[i]
		open, err := engine.OpenOf(ctx, s.writer, t)
		if err != nil {
			return "", nil, err
		}
		var where []string
		for _, p := range open {
			where = append(where, fmt.Sprintf("%s/%d from offset %d", p.Topic, p.Partition, p.OpenFrom))
		}
		state := t.State
		if t.Hanging(s.opts.Now()) {
			state = "hanging, open " + t.Age(s.opts.Now()).Round(time.Second).String()
		}
		preview := fmt.Sprintf("abort the transaction of %s (producer %d, %s): an abort marker on %s", t.ID, t.ProducerID, state, strings.Join(where, ", "))
		return preview, func(ctx context.Context) (string, error) {
			if err := engine.Abort(ctx, s.writer, open); err != nil {
				return "", err
			}
			return fmt.Sprintf("aborted the transaction of %s on %s", t.ID, model.Plural(len(open), "partition")), nil
		}, nil
	})
}
