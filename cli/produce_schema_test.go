package cli

import (
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
)

// produce --schema asks the registry for the schema once, not once a
// record: a million records took three minutes of round trips.
func TestProduceWithASchemaAsksTheRegistryOnce(t *testing.T) {
	schema := `{"schema": "{\"type\":\"record\",\"name\":\"C\",\"fields\":[{\"name\":\"n\",\"type\":\"long\"}]}"}`
	resp, err := http.Post(cluster.RegistryURL()+"/subjects/counted-value/versions", "application/vnd.schemaregistry.v1+json", strings.NewReader(schema))
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("register: %v %v", resp, err)
	}
	resp.Body.Close()
	target, _ := url.Parse(cluster.RegistryURL())
	var requests atomic.Int32
	proxy := httputil.NewSingleHostReverseProxy(target)
	counting := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		r.URL.Path = strings.TrimPrefix(r.URL.Path, target.Path) // the proxy adds it back
		proxy.ServeHTTP(w, r)
	}))
	defer counting.Close()
	kscope(t, "", "topic", "create", "counted").want(t, 0)
	lines := strings.Repeat(`{"n":1}`+"\n", 200)
	kscope(t, lines, "produce", "counted", "--schema", "counted-value", "--schema-registry", counting.URL+target.Path).want(t, 0)
	kscope(t, "", "tail", "counted", "--from", "beginning", "-e", "-n", "1").want(t, 0, `"value":{"n":1}`)
	if n := requests.Load(); n > 3 {
		t.Errorf("%d requests to the registry for 200 records", n)
	}
}
