"""An independent MCP client: drives `kscope mcp` over stdio with the
protocol's Python SDK (PyPI's `mcp`), as an agent would, and prints what
it found as one JSON object for the Go test to check.

    python3 mcp_agent.py KSCOPE_BINARY [ARGS...]
"""
import asyncio
import json
import sys

from mcp import ClientSession, MCPError, StdioServerParameters, stdio_client


def structured(result):
    if result.is_error:
        raise SystemExit("tool failed: " + " ".join(c.text for c in result.content))
    return result.structured_content


async def main():
    server = StdioServerParameters(command=sys.argv[1], args=sys.argv[2:] + ["mcp"])
    async with stdio_client(server) as (read, write):
        async with ClientSession(read, write) as session:
            await session.initialize()
            tools = await session.list_tools()
            groups = structured(await session.call_tool("consumer_groups", {}))
            worst = groups["groups"][0]["group"]
            explain = structured(await session.call_tool("explain_group", {"group": worst}))
            search = structured(await session.call_tool(
                "search", {"topic": "payments", "where": 'value.status == "declined"', "limit": 5}))
            masked = structured(await session.call_tool(
                "search", {"topic": "payments", "where": 'value.card_number == "4111111111111111"'}))
            broken = await session.call_tool("search", {"topic": "payments", "where": "value.status =="})
            try:  # a read-only server has no write tool to call
                await session.call_tool("create_topic", {"name": "agent-made"})
                read_only_create = "created"
            except MCPError as e:
                read_only_create = str(e)
    writes = await write_session()
    print(json.dumps({
        "tools": sorted(t.name for t in tools.tools),
        "groups": [g["group"] for g in groups["groups"]],
        "worst": worst,
        "worst_status": groups["groups"][0]["status"],
        "explain_rests_on": explain["rests_on"],
        "explain_waits_at": explain.get("waits_at", {}).get("offset"),
        "search_matches": len(search["matches"]),
        "search_summary": search["summary"],
        "search_statuses": sorted({m["value"]["status"] for m in search["matches"]}),
        "masked_matches": len(masked["matches"]),
        "masked_note": masked.get("note", ""),
        "broken_is_error": broken.is_error,
        "read_only_create": read_only_create,
        **writes,
    }))


async def write_session():
    """With --allow-writes: a create is a preview and a token first, a
    wrong token is refused, and the token makes the topic."""
    server = StdioServerParameters(command=sys.argv[1], args=sys.argv[2:] + ["mcp", "--allow-writes"])
    async with stdio_client(server) as (read, write):
        async with ClientSession(read, write) as session:
            await session.initialize()
            preview = structured(await session.call_tool("create_topic", {"name": "agent-made", "partitions": 2}))
            listed = structured(await session.call_tool("topics", {"names": ["agent-made"]}))
            wrong = await session.call_tool("create_topic", {"name": "agent-made", "partitions": 2, "token": "not-the-token"})
            done = structured(await session.call_tool("create_topic", {"name": "agent-made", "partitions": 2, "token": preview["token"]}))
            after = structured(await session.call_tool("topics", {"names": ["agent-made"]}))
            return {
                "preview": preview["preview"],
                "before_preview_executed": listed["topics"][0].get("error", ""),
                "wrong_token_is_error": wrong.is_error,
                "done": done["done"],
                "after_partitions": after["topics"][0]["partitions"],
            }


asyncio.run(main())
