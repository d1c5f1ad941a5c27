"""An independent MCP client: drives `kscope mcp` over stdio with the
protocol's Python SDK (PyPI's `mcp`), as an agent would, and prints what
it found as one JSON object for the Go test to check.

    python3 mcp_agent.py KSCOPE_BINARY [ARGS...]
"""
import asyncio
import json
import sys

from mcp import ClientSession, StdioServerParameters, stdio_client


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
            }))


asyncio.run(main())
