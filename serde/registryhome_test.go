package serde

import (
	"context"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
)

// authSeen records the Authorization header of each request a test server
// answers.
type authSeen struct {
	mu   sync.Mutex
	seen []string
}

func (a *authSeen) record(r *http.Request) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.seen = append(a.seen, r.Header.Get("Authorization"))
}

func (a *authSeen) all() []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]string(nil), a.seen...)
}

// A password written into the registry's URL is sent as basic auth and
// never printed: not in a record's note, not in an error.
func TestRegistryURLPasswordIsNeverPrinted(t *testing.T) {
	var seen authSeen
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen.record(r)
		http.Error(w, `{"error_code":50001,"message":"broken"}`, http.StatusInternalServerError)
	}))
	defer srv.Close()
	withPW := strings.Replace(srv.URL, "http://", "http://u:URLPW@", 1)
	r, err := NewRegistry(RegistryConfig{URL: withPW})
	if err != nil {
		t.Fatal(err)
	}
	d := r.Decode(context.Background(), []byte{0, 0, 0, 0, 7, 2})
	_, err = r.Subjects(context.Background())
	for _, said := range []string{d.Note, err.Error()} {
		if strings.Contains(said, "URLPW") || !strings.Contains(said, srv.URL) {
			t.Errorf("said %q: want the URL %s without its password", said, srv.URL)
		}
	}
	if got := seen.all(); len(got) == 0 || got[0] != "Basic dTpVUkxQVw==" {
		t.Errorf("Authorization sent: %q, want basic auth of u:URLPW", got)
	}
}

// Credentials follow a redirect only to the registry's own scheme, host
// and port: not to another port of the same host.
func TestRegistryCredentialsStayHome(t *testing.T) {
	var elsewhere authSeen
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		elsewhere.record(r)
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`[]`))
	}))
	defer other.Close()
	var home authSeen
	registry := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		home.record(r)
		if r.URL.Path == "/subjects" {
			http.Redirect(w, r, "/moved/subjects", http.StatusTemporaryRedirect)
			return
		}
		http.Redirect(w, r, other.URL+r.URL.Path, http.StatusTemporaryRedirect)
	}))
	defer registry.Close()
	for _, cfg := range []RegistryConfig{
		{URL: registry.URL, Username: "u", Password: "PW"},
		{URL: registry.URL, Token: "TOKEN"},
		{URL: strings.Replace(registry.URL, "http://", "http://u:PW@", 1)},
	} {
		home.seen, elsewhere.seen = nil, nil
		r, err := NewRegistry(cfg)
		if err != nil {
			t.Fatal(err)
		}
		r.Subjects(context.Background())
		got := home.all()
		if len(got) < 2 || slices.Contains(got, "") {
			t.Errorf("%+v: the registry saw %q; want the credentials on its own redirect too", cfg, got)
		}
		if got := elsewhere.all(); len(got) == 0 || slices.ContainsFunc(got, func(a string) bool { return a != "" }) {
			t.Errorf("%+v: another port of the host saw %q; want requests without credentials", cfg, got)
		}
	}
}
