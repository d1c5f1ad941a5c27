package demo

import (
	"encoding/json"
	"net"
	"net/http"
	"slices"
	"strconv"
	"sync"
)

// registry is a small Schema Registry for the demo only: schemas in
// memory, the read API kscope uses, and registering a new version. It is
// not a test double: the tests that matter run against a real registry.
type registry struct {
	mu       sync.Mutex
	schemas  []registered // id i+1 is schemas[i]
	subjects map[string][]int
	server   *http.Server
	addr     string
}

type registered struct {
	Schema     string      `json:"schema"`
	SchemaType string      `json:"schemaType,omitempty"`
	References []reference `json:"references,omitempty"`
}

type reference struct {
	Name    string `json:"name"`
	Subject string `json:"subject"`
	Version int    `json:"version"`
}

type subjectVersion struct {
	Subject string `json:"subject"`
	Version int    `json:"version"`
	ID      int    `json:"id"`
	registered
}

// startRegistry serves the registry on host, on a port of its own.
func startRegistry(host, advertise string, port int) (*registry, error) {
	l, err := net.Listen("tcp", net.JoinHostPort(host, strconv.Itoa(port)))
	if err != nil {
		return nil, err
	}
	_, actual, _ := net.SplitHostPort(l.Addr().String())
	r := &registry{subjects: map[string][]int{}, addr: "http://" + net.JoinHostPort(advertise, actual)}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /subjects", r.listSubjects)
	mux.HandleFunc("GET /subjects/{subject}/versions", r.listVersions)
	mux.HandleFunc("GET /subjects/{subject}/versions/{version}", r.version)
	mux.HandleFunc("POST /subjects/{subject}/versions", r.register)
	mux.HandleFunc("GET /schemas/ids/{id}", r.byID)
	mux.HandleFunc("GET /schemas/ids/{id}/versions", r.usages)
	mux.HandleFunc("GET /config", r.config)
	mux.HandleFunc("GET /config/{subject}", r.config)
	r.server = &http.Server{Handler: mux}
	go r.server.Serve(l)
	return r, nil
}

func (r *registry) close() { r.server.Close() }

// add registers a schema under a subject, as a new version unless the
// subject's latest already is it, and says its id.
func (r *registry) add(subject string, s registered) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, id := range r.subjects[subject] {
		if r.schemas[id-1].Schema == s.Schema {
			return id
		}
	}
	r.schemas = append(r.schemas, s)
	id := len(r.schemas)
	r.subjects[subject] = append(r.subjects[subject], id)
	return id
}

func reply(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/vnd.schemaregistry.v1+json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func notFound(w http.ResponseWriter, code int, msg string) {
	reply(w, http.StatusNotFound, map[string]any{"error_code": code, "message": msg})
}

func (r *registry) listSubjects(w http.ResponseWriter, _ *http.Request) {
	r.mu.Lock()
	defer r.mu.Unlock()
	names := make([]string, 0, len(r.subjects))
	for s := range r.subjects {
		names = append(names, s)
	}
	slices.Sort(names)
	reply(w, http.StatusOK, names)
}

func (r *registry) listVersions(w http.ResponseWriter, req *http.Request) {
	r.mu.Lock()
	defer r.mu.Unlock()
	ids, ok := r.subjects[req.PathValue("subject")]
	if !ok {
		notFound(w, 40401, "Subject not found")
		return
	}
	versions := make([]int, len(ids))
	for i := range ids {
		versions[i] = i + 1
	}
	reply(w, http.StatusOK, versions)
}

func (r *registry) version(w http.ResponseWriter, req *http.Request) {
	r.mu.Lock()
	defer r.mu.Unlock()
	subject := req.PathValue("subject")
	ids, ok := r.subjects[subject]
	if !ok {
		notFound(w, 40401, "Subject not found")
		return
	}
	v, err := strconv.Atoi(req.PathValue("version"))
	if req.PathValue("version") == "latest" || v == -1 {
		v, err = len(ids), nil
	}
	if err != nil || v < 1 || v > len(ids) {
		notFound(w, 40402, "Version not found")
		return
	}
	id := ids[v-1]
	reply(w, http.StatusOK, subjectVersion{Subject: subject, Version: v, ID: id, registered: r.schemas[id-1]})
}

func (r *registry) register(w http.ResponseWriter, req *http.Request) {
	var s registered
	if err := json.NewDecoder(http.MaxBytesReader(w, req.Body, 1<<20)).Decode(&s); err != nil {
		reply(w, http.StatusUnprocessableEntity, map[string]any{"error_code": 42201, "message": "Invalid schema"})
		return
	}
	reply(w, http.StatusOK, map[string]int{"id": r.add(req.PathValue("subject"), s)})
}

func (r *registry) byID(w http.ResponseWriter, req *http.Request) {
	r.mu.Lock()
	defer r.mu.Unlock()
	id, err := strconv.Atoi(req.PathValue("id"))
	if err != nil || id < 1 || id > len(r.schemas) {
		notFound(w, 40403, "Schema not found")
		return
	}
	reply(w, http.StatusOK, r.schemas[id-1])
}

func (r *registry) usages(w http.ResponseWriter, req *http.Request) {
	r.mu.Lock()
	defer r.mu.Unlock()
	id, _ := strconv.Atoi(req.PathValue("id"))
	out := []subjectVersion{}
	for subject, ids := range r.subjects {
		if i := slices.Index(ids, id); i >= 0 {
			out = append(out, subjectVersion{Subject: subject, Version: i + 1})
		}
	}
	if len(out) == 0 {
		notFound(w, 40403, "Schema not found")
		return
	}
	reply(w, http.StatusOK, out)
}

func (r *registry) config(w http.ResponseWriter, _ *http.Request) {
	reply(w, http.StatusOK, map[string]string{"compatibilityLevel": "BACKWARD"})
}
