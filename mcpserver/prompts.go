package mcpserver

import (
	"context"
	"fmt"

	"github.com/modelcontextprotocol/go-sdk/mcp"
)

var diagnosePrompt = &mcp.Prompt{
	Name:        "diagnose_lagging_group",
	Description: "Find out why a consumer group falls behind, with kscope's tools, and what to do about it.",
	Arguments:   []*mcp.PromptArgument{{Name: "group", Description: "the consumer group; none: the worst one", Required: false}},
}

// diagnose is a prompt that walks an agent through a lagging group with
// the tools, in the order an operator would look.
func diagnose(_ context.Context, req *mcp.GetPromptRequest) (*mcp.GetPromptResult, error) {
	group := req.Params.Arguments["group"]
	which := fmt.Sprintf("the consumer group %q", group)
	if group == "" {
		which = "the worst consumer group (call consumer_groups: the first is the worst)"
	}
	text := fmt.Sprintf(`Diagnose %s on this Kafka cluster with the kscope tools.

1. Call explain_group. Say its verdict and what it rests on, its time behind and its outlook.
2. From its partition verdicts and lag, say whether the lag is on a few partitions (a slow or stuck consumer, a hot key) or on all of them (too few consumers, or a slow downstream).
3. Look at waits_at, the record its worst partition waits at. If it looks malformed, or unlike its neighbours (read_records from its offset, a few of them), say it may be a poison record the consumer cannot get past.
4. If the group has no members, say nobody consumes: it stopped or crashed. If it has members but its offsets do not move (STALLED), say they are stuck.
5. Call transactions: a hanging transaction on its topics holds read_committed consumers at its first record.
6. Call cluster: under-replicated or leaderless partitions of its topics slow or stop it.
End with the most likely cause and the next step, and say what you could not tell from the tools. Do not write to the cluster.`, which)
	return &mcp.GetPromptResult{
		Description: "Why " + which + " falls behind",
		Messages:    []*mcp.PromptMessage{{Role: "user", Content: &mcp.TextContent{Text: text}}},
	}, nil
}
