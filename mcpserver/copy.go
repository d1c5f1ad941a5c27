package mcpserver

import (
	"context"
	"fmt"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/kscope/kscope/engine"
)

var copyTool = &mcp.Tool{Name: "copy_records", Description: "Copy the records of a range of a topic that match (all, or an expression or substring) to another topic of the cluster, byte for byte: keys, values, headers. Journaled as kscope copy is: stopped partway, it says where to resume (kscope copy SRC DST --resume ID)." + writeNote}

type (
	copyInput struct {
		Source        string `json:"source"`
		Destination   string `json:"destination"`
		KeepPartition bool   `json:"keep_partition,omitempty" jsonschema:"send each record to the partition it came from, else Kafka's partitioner chooses by key"`
		KeepTimestamp bool   `json:"keep_timestamp,omitempty" jsonschema:"keep each record's timestamp, else it is stamped now"`
		rangeInput
		Token string `json:"token,omitempty"`
	}
)

func (s *server) copyRecords(ctx context.Context, in copyInput) (writeOutput, error) {
	token := in.Token
	in.Token = ""
	return s.previewOrRun(ctx, "copy_records", token, in, func() (string, func(context.Context) (string, error), error) {
		if in.Source == in.Destination {
			return "", nil, fmt.Errorf("copy %s onto itself: name another topic", in.Source)
		}
		if err := s.opts.Masking.Refuse(in.Source, "copy"); err != nil {
			return "", nil, err
		}
		r, err := in.parse(in.Source, s)
		if err != nil {
			return "", nil, err
		}
		topics, err := s.cluster.Topics(ctx, in.Destination)
		if err != nil {
			return "", nil, err
		}
		if topics[0].Err != nil {
			return "", nil, topics[0].Err
		}
		job := engine.Job{Kind: "copy", SourceCluster: s.opts.Name, Source: in.Source, DestCluster: s.opts.Name, Dest: in.Destination}
		newCopy := func() *engine.Copy {
			return &engine.Copy{Topic: in.Destination, Partitions: int32(len(topics[0].Partitions)), KeepPartition: in.KeepPartition, KeepTimestamp: in.KeepTimestamp}
		}
		return s.write(ctx, job, r, newCopy, fmt.Sprintf("kscope copy %s %s", in.Source, in.Destination))
	})
}

var redriveTool = &mcp.Tool{Name: "redrive_records", Description: "Send a dead-letter topic's records back to the topics their headers name as their origin (Spring's kafka_dlt-original-topic, Kafka Connect's __connect.errors.topic, or origin_header), byte for byte; records without one stay where they are. Journaled as kscope redrive is." + writeNote}

type redriveInput struct {
	DLQ          string `json:"dlq"`
	OriginHeader string `json:"origin_header,omitempty" jsonschema:"the header naming a record's origin topic, when not the usual ones"`
	StripHeaders bool   `json:"strip_headers,omitempty" jsonschema:"remove the error headers those writers add from what is sent"`
	rangeInput
	Token string `json:"token,omitempty"`
}

func (s *server) redriveRecords(ctx context.Context, in redriveInput) (writeOutput, error) {
	token := in.Token
	in.Token = ""
	return s.previewOrRun(ctx, "redrive_records", token, in, func() (string, func(context.Context) (string, error), error) {
		if err := s.opts.Masking.Refuse(in.DLQ, "redrive"); err != nil {
			return "", nil, err
		}
		r, err := in.parse(in.DLQ, s)
		if err != nil {
			return "", nil, err
		}
		headers := engine.OriginHeaders
		if in.OriginHeader != "" {
			headers = []string{in.OriginHeader}
		}
		job := engine.Job{Kind: "redrive", SourceCluster: s.opts.Name, Source: in.DLQ, DestCluster: s.opts.Name, Dest: "their origins"}
		newCopy := func() *engine.Copy { return &engine.Copy{Route: engine.Origin(headers, in.DLQ, in.StripHeaders)} }
		return s.write(ctx, job, r, newCopy, "kscope redrive "+in.DLQ)
	})
}

// write previews a copy or redrive by running it dry, and gives the run
// that executes it: the same range, sent, journaled.
func (s *server) write(ctx context.Context, job engine.Job, r engine.Range, newCopy func() *engine.Copy, again string) (string, func(context.Context) (string, error), error) {
	dry := engine.Write{Job: job, Copy: newCopy(), Source: s.cluster, Dest: s.writer, Range: r}
	out, err := dry.Run(ctx)
	if err != nil {
		return "", nil, err
	}
	return out.Summary, func(ctx context.Context) (string, error) {
		run := engine.Write{Job: job, Copy: newCopy(), Source: s.cluster, Dest: s.writer, Range: r,
			Execute: true, Patience: s.opts.Patience, JournalDir: s.opts.JournalDir}
		out, err := run.Run(ctx)
		if err != nil && out.ResumeFrom != "" {
			return "", fmt.Errorf("%s; stopped: %w; to go on: %s --resume %s", out.Summary, err, again, out.ResumeFrom)
		}
		return out.Summary, err
	}, nil
}
