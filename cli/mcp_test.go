package cli

import (
	"bufio"
	"encoding/json"
	"io"
	"strings"
	"testing"
)

// kscope mcp speaks JSON-RPC on stdin and stdout with the context the
// command line names, and ends when the agent closes its side.
func TestMCPServesOverStdio(t *testing.T) {
	in, agent := io.Pipe()
	replies, out := io.Pipe()
	done := make(chan int)
	var errOut strings.Builder
	go func() {
		done <- Run([]string{"--config", configFile, "mcp"}, in, out, &errOut)
		out.Close()
	}()
	send := func(msg string) {
		if _, err := io.WriteString(agent, msg+"\n"); err != nil {
			t.Fatal(err)
		}
	}
	lines := bufio.NewScanner(replies)
	lines.Buffer(nil, 4<<20)
	reply := func(id int) map[string]any {
		for lines.Scan() {
			var m map[string]any
			if json.Unmarshal(lines.Bytes(), &m) == nil && m["id"] == float64(id) {
				return m
			}
		}
		t.Fatalf("no reply %d: %v; stderr: %s", id, lines.Err(), errOut.String())
		return nil
	}
	send(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"test","version":"1"}}}`)
	if r := reply(1); !strings.Contains(r["result"].(map[string]any)["instructions"].(string), "read-only") {
		t.Errorf("initialize: %v", r)
	}
	send(`{"jsonrpc":"2.0","method":"notifications/initialized"}`)
	send(`{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"read_records","arguments":{"topic":"orders","limit":3}}}`)
	r := reply(2)
	records := r["result"].(map[string]any)["structuredContent"].(map[string]any)["records"].([]any)
	if len(records) != 3 || records[0].(map[string]any)["topic"] != "orders" {
		t.Errorf("read_records: %v", r)
	}
	agent.Close()
	if code := <-done; code != 0 {
		t.Errorf("exit %d: %s", code, errOut.String())
	}
}
