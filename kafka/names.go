package kafka

import (
	"context"
	"sort"
)

// TopicNames lists the cluster's topic names from metadata alone, with
// none of the offsets Topics lists: cheap enough for a shell's completion.
func (c *Client) TopicNames(ctx context.Context) ([]string, error) {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	tds, err := c.adm.ListTopics(ctx)
	if err != nil {
		return nil, c.explain("list topics", err)
	}
	return tds.Names(), nil // sorted
}

// GroupNames lists the cluster's group names, of every type, undescribed.
func (c *Client) GroupNames(ctx context.Context) ([]string, error) {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	listed, err := c.adm.ListGroups(ctx)
	if err != nil {
		return nil, c.explain("list groups", err)
	}
	names := listed.Groups()
	sort.Strings(names)
	return names, nil
}
