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

var describeTool = &mcp.Tool{Name: "describe_topic", Description: "One topic in full: its min.insync.replicas; each partition's leader, replicas, in-sync replicas, eligible leader replicas (Kafka 4), offline replicas, whether it is below min.insync.replicas, watermarks and size; and the topic's configs that are set (or all of them, with where each comes from)."}

type (
	describeInput struct {
		Name string `json:"name"`
		All  bool   `json:"all_configs,omitempty" jsonschema:"every config, defaults too; else those set for the topic or its brokers"`
	}
	configInfo struct {
		Name   string `json:"name"`
		Value  string `json:"value"`
		Source string `json:"source"`
	}
	describeOutput struct {
		report.TopicDetail
		Configs    []configInfo `json:"configs"`
		ConfigsErr string       `json:"configs_error,omitempty"`
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
	out := describeOutput{TopicDetail: report.Detail(t), Configs: []configInfo{}}
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
