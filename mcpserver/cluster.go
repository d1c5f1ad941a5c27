package mcpserver

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/kscope/kscope/engine"
	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/report"
)

var clusterTool = &mcp.Tool{Name: "cluster", Description: "The cluster's brokers and controller, and how healthy its partitions are: how many, under-replicated, without a leader."}

type (
	noInput    struct{}
	brokerInfo struct {
		ID   int32  `json:"id"`
		Addr string `json:"addr"`
		Rack string `json:"rack,omitempty"`
	}
	clusterOutput struct {
		ID              string       `json:"id"`
		Controller      int32        `json:"controller" jsonschema:"the controller's broker id, -1 when the cluster did not say"`
		Brokers         []brokerInfo `json:"brokers"`
		Topics          int          `json:"topics"`
		Partitions      int          `json:"partitions"`
		UnderReplicated int          `json:"under_replicated_partitions"`
		Leaderless      int          `json:"leaderless_partitions"`
		Errors          []string     `json:"errors,omitempty" jsonschema:"topics that could not be described, and why"`
	}
)

func (s *server) clusterOverview(ctx context.Context, _ noInput) (clusterOutput, error) {
	c, err := s.cluster.Cluster(ctx)
	if err != nil {
		return clusterOutput{}, err
	}
	topics, err := s.cluster.Topics(ctx)
	if err != nil {
		return clusterOutput{}, err
	}
	out := clusterOutput{ID: c.ID, Controller: c.Controller, Brokers: []brokerInfo{}, Topics: len(topics)}
	for _, b := range c.Brokers {
		out.Brokers = append(out.Brokers, brokerInfo{ID: b.ID, Addr: b.Addr(), Rack: b.Rack})
	}
	for _, t := range topics {
		out.Partitions += len(t.Partitions)
		out.UnderReplicated += t.UnderReplicated()
		out.Leaderless += t.Leaderless()
		if t.Err != nil {
			out.Errors = append(out.Errors, fmt.Sprintf("%s: %v", t.Name, t.Err))
		}
	}
	return out, nil
}

var topicsTool = &mcp.Tool{Name: "topics", Description: "Topics with their partitions, replication factor, messages, size on disk and under-replicated partitions; all of them, or the ones named."}

type (
	topicsInput struct {
		Names    []string `json:"names,omitempty" jsonschema:"the topics to describe; none: every topic"`
		Internal bool     `json:"internal,omitempty" jsonschema:"include internal topics such as __consumer_offsets"`
	}
	topicsOutput struct {
		Topics    []report.Topic `json:"topics"`
		Truncated bool           `json:"truncated,omitempty" jsonschema:"more topics matched than an answer holds"`
	}
)

// maxTopics bounds the topics one answer lists.
const maxTopics = 2000

func (s *server) topics(ctx context.Context, in topicsInput) (topicsOutput, error) {
	topics, err := s.cluster.Topics(ctx, in.Names...)
	if err != nil {
		return topicsOutput{}, err
	}
	if !in.Internal && len(in.Names) == 0 {
		topics = slices.DeleteFunc(topics, func(t model.Topic) bool { return t.Internal })
	}
	out := topicsOutput{}
	topics, out.Truncated = capped(topics, maxTopics)
	out.Topics = report.Topics(topics)
	return out, nil
}

var groupsTool = &mcp.Tool{Name: "consumer_groups", Description: "Consumer groups with their lag, how far behind in time, and a verdict (OK, WARNING, STALLED, STOPPED, ERROR) judged on their recent history, worst first, with each partition's committed offset, end and lag."}

type (
	groupsInput struct {
		Names []string `json:"names,omitempty" jsonschema:"the groups to judge; none: every group"`
		Topic string   `json:"topic,omitempty" jsonschema:"only groups consuming this topic, and their lag on it"`
	}
	groupsOutput struct {
		Groups    []report.Group `json:"groups"`
		Note      string         `json:"note,omitempty"`
		Truncated bool           `json:"truncated,omitempty" jsonschema:"more groups matched than an answer holds"`
	}
)

// maxGroups bounds the groups one answer reports.
const maxGroups = 500

func (s *server) groups(ctx context.Context, in groupsInput) (groupsOutput, error) {
	watch := engine.LagWatch{Names: in.Names, Topic: in.Topic, History: model.LagHistory{Window: s.opts.LagWindow}}
	now := s.opts.Now()
	look, err := watch.Look(ctx, s.cluster, now)
	if err != nil {
		return groupsOutput{}, err
	}
	groups := look.Groups
	// Worst first: by verdict (worst last in their order), then lag.
	slices.SortStableFunc(groups, func(a, b model.JudgedGroup) int {
		if a.Verdict.Status != b.Verdict.Status {
			return int(b.Verdict.Status) - int(a.Verdict.Status)
		}
		return cmp.Compare(b.Verdict.Lag, a.Verdict.Lag)
	})
	out := groupsOutput{Note: look.Note}
	groups, out.Truncated = capped(groups, maxGroups)
	out.Groups = report.Groups(groups, now, false)
	return out, nil
}

var schemasTool = &mcp.Tool{Name: "schemas", Description: "The schema registry's subjects; or, given a subject, its versions with their schemas."}

type (
	schemasInput struct {
		Subject string `json:"subject,omitempty" jsonschema:"a subject, such as orders-value; none: list the subjects"`
		Diff    bool   `json:"diff,omitempty" jsonschema:"with subject: each version's changes from the one before, line by line, in place of its schema"`
	}
	subjectInfo struct {
		Name          string `json:"name"`
		Type          string `json:"type"`
		Versions      int    `json:"versions"`
		Latest        int    `json:"latest_version"`
		LatestID      int    `json:"latest_id"`
		Compatibility string `json:"compatibility,omitempty"`
		Error         string `json:"error,omitempty"`
	}
	versionInfo struct {
		Version int      `json:"version"`
		ID      int      `json:"id"`
		Type    string   `json:"type"`
		Schema  string   `json:"schema,omitempty"`
		Changes []string `json:"changes,omitempty" jsonschema:"with diff: lines added (+) and removed (-) since the version before"`
	}
	schemasOutput struct {
		Subjects []subjectInfo `json:"subjects,omitempty"`
		Versions []versionInfo `json:"versions,omitempty"`
	}
)

func (s *server) schemas(ctx context.Context, in schemasInput) (schemasOutput, error) {
	if in.Subject == "" {
		subjects, err := s.opts.Registry.Subjects(ctx)
		if err != nil {
			return schemasOutput{}, err
		}
		out := schemasOutput{Subjects: []subjectInfo{}}
		for _, sub := range subjects {
			info := subjectInfo{Name: sub.Name, Type: sub.Type, Versions: sub.Versions, Latest: sub.Latest, LatestID: sub.LatestID, Compatibility: sub.Compatibility}
			if sub.Err != nil {
				info.Error = sub.Err.Error()
			}
			out.Subjects = append(out.Subjects, info)
		}
		return out, nil
	}
	versions, err := s.opts.Registry.Versions(ctx, in.Subject)
	if err != nil {
		return schemasOutput{}, err
	}
	s.opts.Masking.Schemas(in.Subject, versions)
	out := schemasOutput{Versions: []versionInfo{}}
	for i, v := range versions {
		info := versionInfo{Version: v.Version, ID: v.ID, Type: v.Type, Schema: v.Text}
		if in.Diff && i > 0 {
			info.Schema, info.Changes = "", changes(versions[i-1], v)
		}
		out.Versions = append(out.Versions, info)
	}
	return out, nil
}

// changes are the lines a version added and removed since the one before,
// as kscope schemas --diff shows them.
func changes(before, after model.SchemaVersion) []string {
	diff, ok := model.Diff(model.SchemaLines(before), model.SchemaLines(after))
	if !ok {
		return []string{"too long to compare line by line"}
	}
	out := []string{}
	for _, c := range diff {
		if c.Op != ' ' {
			out = append(out, string(c.Op)+" "+c.Text)
		}
	}
	return out
}
