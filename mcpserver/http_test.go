package mcpserver

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/kscope/kscope/kafka/kafkatest"
)

// bearer adds a token to each request.
type bearer struct{ token string }

func (b bearer) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set("Authorization", "Bearer "+b.token)
	return http.DefaultTransport.RoundTrip(r)
}

// Over HTTP, only a request with the token is served.
func TestHTTPNeedsTheToken(t *testing.T) {
	web := httptest.NewServer(Handler(New(kafkatest.Sample(), Options{Name: "test", Now: func() time.Time { return epoch }}), "s3cret-token"))
	defer web.Close()
	for _, token := range []string{"", "wrong", "s3cret-toke"} {
		req, _ := http.NewRequest(http.MethodPost, web.URL, strings.NewReader(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}`))
		req.Header.Set("Content-Type", "application/json")
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusUnauthorized {
			t.Errorf("token %q: %s, want 401", token, res.Status)
		}
	}
	ctx := context.Background()
	transport := &mcp.StreamableClientTransport{Endpoint: web.URL, HTTPClient: &http.Client{Transport: bearer{"s3cret-token"}}, DisableStandaloneSSE: true}
	cs, err := mcp.NewClient(&mcp.Implementation{Name: "test"}, nil).Connect(ctx, transport, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer cs.Close()
	var cluster clusterOutput
	call(t, cs, "cluster", nil, &cluster)
	if len(cluster.Brokers) != 3 {
		t.Errorf("cluster over HTTP: %+v", cluster)
	}
}
