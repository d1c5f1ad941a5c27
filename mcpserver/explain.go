package mcpserver

import (
	"context"
	"fmt"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/kscope/kscope/engine"
	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/report"
)

var explainTool = &mcp.Tool{Name: "explain_group", Description: "Why a consumer group is where it is: its verdict and what the verdict rests on, its outlook (catching up, keeping up, falling behind), each partition's lag and verdict, its members and what each is assigned, and the record its worst partition waits at (the next it would read), decoded."}

type (
	explainInput struct {
		Group string `json:"group"`
	}
	memberInfo struct {
		ID         string                  `json:"id"`
		ClientID   string                  `json:"client_id"`
		Host       string                  `json:"host"`
		InstanceID string                  `json:"instance_id,omitempty"`
		Assigned   []report.TopicPartition `json:"assigned"`
	}
	partitionVerdict struct {
		Topic     string `json:"topic"`
		Partition int32  `json:"partition"`
		Status    string `json:"status"`
	}
	explainOutput struct {
		Group      report.Group       `json:"group"`
		RestsOn    string             `json:"rests_on" jsonschema:"what the verdict rests on"`
		Judging    string             `json:"judging,omitempty" jsonschema:"how much more evidence an OK for want of it needs"`
		Outlook    string             `json:"outlook,omitempty" jsonschema:"caught up, keeping up, catches up in T, or falling behind at R/s"`
		Verdicts   []partitionVerdict `json:"partition_verdicts"`
		Members    []memberInfo       `json:"members"`
		WaitsAt    map[string]any     `json:"waits_at,omitempty" jsonschema:"the record the worst partition's committed offset points at: the next the group would read"`
		WaitsAtErr string             `json:"waits_at_error,omitempty"`
	}
)

func (s *server) explain(ctx context.Context, in explainInput) (explainOutput, error) {
	watch := engine.LagWatch{Names: []string{in.Group}, History: model.LagHistory{Window: s.opts.LagWindow}}
	now := s.opts.Now()
	look, err := watch.Look(ctx, s.cluster, now)
	if err != nil {
		return explainOutput{}, err
	}
	if len(look.Groups) == 0 {
		return explainOutput{}, fmt.Errorf("no consumer group %q", in.Group)
	}
	j := look.Groups[0]
	if j.Err != nil {
		return explainOutput{}, j.Err
	}
	out := explainOutput{Group: report.Groups(look.Groups[:1], now, true)[0], RestsOn: j.Verdict.Status.Meaning(),
		Judging: j.Verdict.JudgingText(), Outlook: j.Verdict.Outlook(), Verdicts: []partitionVerdict{}, Members: []memberInfo{}}
	if j.Verdict.Judging {
		out.RestsOn = "too little evidence yet to judge it otherwise than OK"
	}
	worst := -1
	for i, p := range j.Partitions {
		out.Verdicts = append(out.Verdicts, partitionVerdict{Topic: p.Topic, Partition: p.Partition, Status: j.Verdict.Partition(i).String()})
		if p.Lag > 0 && p.Committed >= 0 && (worst < 0 || p.Lag > j.Partitions[worst].Lag) {
			worst = i
		}
	}
	for _, m := range j.Members {
		info := memberInfo{ID: m.ID, ClientID: m.ClientID, Host: m.Host, InstanceID: m.InstanceID, Assigned: []report.TopicPartition{}}
		for _, tp := range m.Assigned {
			info.Assigned = append(info.Assigned, report.TopicPartition{Topic: tp.Topic, Partition: tp.Partition})
		}
		out.Members = append(out.Members, info)
	}
	if worst >= 0 {
		out.WaitsAt, err = s.recordAt(ctx, j.Partitions[worst].TopicPartition, j.Partitions[worst].Committed)
		if err != nil {
			out.WaitsAtErr = err.Error()
		}
	}
	return out, nil
}

// recordAt is the record at an offset, decoded (and masked), or the next
// one the partition still holds.
func (s *server) recordAt(ctx context.Context, tp model.TopicPartition, offset int64) (map[string]any, error) {
	ctx, cancel := context.WithTimeout(ctx, readTimeout)
	defer cancel()
	stream, err := s.cluster.Tail(ctx, model.TailRequest{Topic: tp.Topic, Partitions: []int32{tp.Partition},
		Start: model.Start{Kind: model.FromOffset, Offset: offset}, Until: &model.Start{Kind: model.FromEnd}})
	if err != nil {
		return nil, err
	}
	defer stream.Close()
	lines, _, err := firstOf(ctx, stream, 1)
	if err != nil || len(lines) == 0 {
		return nil, err
	}
	records, err := decodeLines(lines)
	if err != nil {
		return nil, err
	}
	return records[0], nil
}
