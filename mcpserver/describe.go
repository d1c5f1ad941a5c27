package mcpserver

import (
	"context"
	"fmt"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/report"
)

// TopicConfigs reads a topic's configs, for describe_topic.
type TopicConfigs interface {
	TopicConfigs(ctx context.Context, topic string) ([]model.ConfigEntry, error)
}

var describeTool = &mcp.Tool{Name: "describe_topic", Description: "One topic in full: each partition's leader, replicas, in-sync replicas, offline replicas, watermarks and size, and the topic's configs that are set (or all of them, with where each comes from)."}

type (
	describeInput struct {
		Name string `json:"name"`
		All  bool   `json:"all_configs,omitempty" jsonschema:"every config, defaults too; else those set for the topic or its brokers"`
	}
	partitionInfo struct {
		Partition int32   `json:"partition"`
		Leader    int32   `json:"leader" jsonschema:"-1: no leader"`
		Replicas  []int32 `json:"replicas"`
		ISR       []int32 `json:"isr"`
		Offline   []int32 `json:"offline,omitempty"`
		Low       int64   `json:"log_start"`
		High      int64   `json:"high_watermark"`
		SizeBytes *int64  `json:"size_bytes"`
		Error     string  `json:"error,omitempty"`
	}
	configInfo struct {
		Name   string `json:"name"`
		Value  string `json:"value"`
		Source string `json:"source"`
	}
	describeOutput struct {
		Topic      report.Topic    `json:"topic"`
		Partitions []partitionInfo `json:"partitions"`
		Configs    []configInfo    `json:"configs"`
		ConfigsErr string          `json:"configs_error,omitempty"`
	}
)

func (s *server) describeTopic(ctx context.Context, in describeInput) (describeOutput, error) {
	topics, err := s.cluster.Topics(ctx, in.Name)
	if err != nil {
		return describeOutput{}, err
	}
	t := topics[0]
	if t.Err != nil {
		return describeOutput{}, t.Err
	}
	out := describeOutput{Topic: report.Topics(topics)[0], Partitions: []partitionInfo{}, Configs: []configInfo{}}
	for _, p := range t.Partitions {
		info := partitionInfo{Partition: p.ID, Leader: p.Leader, Replicas: p.Replicas, ISR: p.ISR, Offline: p.Offline, Low: p.Low, High: p.High}
		if p.Sized {
			size := p.Bytes
			info.SizeBytes = &size
		}
		if p.Err != nil {
			info.Error = p.Err.Error()
		}
		out.Partitions = append(out.Partitions, info)
	}
	configs, ok := s.cluster.(TopicConfigs)
	if !ok {
		return out, nil
	}
	entries, err := configs.TopicConfigs(ctx, in.Name)
	if err != nil {
		out.ConfigsErr = fmt.Sprintf("the configs could not be read: %v", err)
		return out, nil
	}
	for _, c := range entries {
		if !in.All && c.IsDefault() {
			continue
		}
		value := c.Value
		if c.Sensitive {
			value = "(hidden by the broker)"
		}
		out.Configs = append(out.Configs, configInfo{Name: c.Name, Value: value, Source: c.Source})
	}
	return out, nil
}
