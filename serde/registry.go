package serde

import (
	"cmp"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/twmb/franz-go/pkg/sr"

	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/webclient"
)

// RegistryConfig says how to reach a Confluent-compatible Schema
// Registry.
type RegistryConfig struct {
	URL      string
	Username string // basic auth, with Password
	Password string
	Token    string      // bearer token, instead of basic auth
	TLS      *tls.Config // nil: the system's roots
	// Timeout bounds each request; a registry that does not answer
	// costs a tail this long once per schema, then RetryAfter passes
	// before it is asked again.
	Timeout time.Duration
	// Log, when set, takes a line per request: method, address (without
	// credentials or query), status and time. Never a header or a body.
	Log io.Writer
}

// RetryAfter is how long a schema the registry failed to give is not
// asked for again: records meanwhile get the failure's note at once.
const RetryAfter = 30 * time.Second

// Registry reads schemas from a Schema Registry through franz-go's sr
// client (the registry API and the Confluent wire format, from the Kafka
// client kscope already uses), and keeps every schema it parsed by id:
// ids are immutable, so a tail asks for each one once.
type Registry struct {
	cl      *sr.Client
	url     string
	timeout time.Duration

	mu   sync.Mutex
	byID map[int]*cached
	// down is set when the registry could not be reached at all: until
	// downUntil, every schema not cached fails at once with it, rather
	// than each id waiting out its own timeout.
	down      error
	downUntil time.Time
}

// cached is one schema id: being fetched until ready is closed, then
// either parsed or failed.
type cached struct {
	ready    chan struct{}
	schema   model.Schema
	codec    codec   // Avro and JSON
	protos   *Protos // Protobuf: the message depends on the record's index
	first    *ProtoMessage
	usages   []model.Schema // every subject and version the id is registered as, sorted
	format   string         // the schema's type as a decoding's format: avro
	err      error
	failedAt time.Time
}

// codec turns bytes of one format into JSON, escaping what a terminal may
// act on (see model.JSONSafe): the walkers write their strings through
// model.AppendJSONString, the others make what they pass on safe.
type codec interface {
	AppendJSON(dst, b []byte) (out []byte, note string, err error)
}

// NewRegistry makes a client; it does not connect until asked for a
// schema.
func NewRegistry(cfg RegistryConfig) (*Registry, error) {
	if cfg.Timeout <= 0 {
		cfg.Timeout = 10 * time.Second
	}
	web := webclient.Config{Service: "registry", URL: cfg.URL, Username: cfg.Username, Password: cfg.Password, Token: cfg.Token,
		TLS: cfg.TLS, Timeout: cfg.Timeout, MaxBody: maxResponse, Log: cfg.Log}
	if err := webclient.Home(&web); err != nil {
		return nil, fmt.Errorf("schema registry URL: %w", err)
	}
	cfg.URL = web.URL
	opts := []sr.ClientOpt{
		sr.URLs(web.URL),
		sr.HTTPClient(webclient.New(web)),
		sr.UserAgent("kscope"),
	}
	switch {
	case web.Token != "":
		opts = append(opts, sr.BearerToken(web.Token))
	case web.Username != "":
		opts = append(opts, sr.BasicAuth(web.Username, web.Password))
	}
	cl, err := sr.NewClient(opts...)
	if err != nil {
		return nil, fmt.Errorf("schema registry %s: %w", cfg.URL, err)
	}
	return &Registry{cl: cl, url: cfg.URL, timeout: cfg.Timeout, byID: map[int]*cached{}}, nil
}

// maxResponse bounds what one registry answer may be: schemas are
// kilobytes, and a hostile or broken server must not fill memory.
const maxResponse = 16 << 20

// maxNote bounds a note: one line a user reads, and it goes with every
// record its schema fails on (a parser's message on a 5,000-deep schema
// ran to 319 KB).
const maxNote = 300

// Decode reads a framed key or value through its schema.
func (r *Registry) Decode(ctx context.Context, b []byte) *model.Decoded {
	return r.DecodeFor(ctx, b, "")
}

// DecodeFor is Decode for a record whose own subject is subject (its
// topic's TOPIC-value or TOPIC-key): where the id is registered under it
// too, the record names that subject and version, rather than another
// that shares the schema.
func (r *Registry) DecodeFor(ctx context.Context, b []byte, subject string) *model.Decoded {
	return r.decodeFor(ctx, b, subject, nil)
}

// decodeFor is DecodeFor, looking in last first for the schema.
func (r *Registry) decodeFor(ctx context.Context, b []byte, subject string, last *lastSchema) *model.Decoded {
	d := r.decode(ctx, b, subject, last)
	d.Note = r.noteOf(d.Note)
	return d
}

// lastSchema is the schema a batch's records were last decoded with: the
// records of a topic mostly share one, and looking it up again for each
// took the registry's lock a record, from every goroutine decoding. It
// is kept for one batch, and only a schema fetched.
type lastSchema struct {
	id int
	c  *cached
}

func (r *Registry) schemaOf(ctx context.Context, id int, last *lastSchema) *cached {
	if last != nil && last.c != nil && last.id == id {
		return last.c
	}
	c := r.schema(ctx, id)
	if last != nil && c.err == nil {
		last.id, last.c = id, c
	}
	return c
}

// under is the schema as registered under subject (the newest version
// there), else as first fetched. Its usages are set before it is ready,
// and never after.
func (c *cached) under(subject string) *model.Schema {
	if subject != "" && c.schema.Subject != subject {
		for i := len(c.usages) - 1; i >= 0; i-- {
			if c.usages[i].Subject == subject {
				return &c.usages[i]
			}
		}
	}
	return &c.schema
}

// noteOf is a note cut to maxNote.
func (*Registry) noteOf(s string) string {
	if len(s) <= maxNote {
		return s
	}
	return strings.ToValidUTF8(s[:maxNote], "") + "…"
}

func (r *Registry) decode(ctx context.Context, b []byte, subject string, last *lastSchema) *model.Decoded {
	var h sr.ConfluentHeader
	id, rest, err := h.DecodeID(b)
	if err != nil {
		return &model.Decoded{Note: "not in the Schema Registry's wire format: " + err.Error()}
	}
	c := r.schemaOf(ctx, id, last)
	d := &model.Decoded{Format: c.format, Schema: c.under(subject)}
	if c.err != nil {
		d.Schema = &model.Schema{ID: id}
		d.Note = fmt.Sprintf("schema %d: %v", id, c.err)
		return d
	}
	dec := c.codec
	if c.protos != nil {
		m := c.first
		index, payload, err := messageIndex(rest)
		if err != nil {
			d.Note = fmt.Sprintf("schema %d: message index: %v", id, err)
			return d
		}
		if rest = payload; index != nil {
			if m, err = c.protos.MessageAt(index); err != nil {
				d.Note = fmt.Sprintf("schema %d: %v", id, err)
				return d
			}
		}
		d.Name = m.Name()
		dec = m
	} else if a, ok := dec.(*Avro); ok {
		d.Name = a.Name()
	}
	out, note, err := decodeJSON(dec, rest)
	if err != nil {
		d.Note = fmt.Sprintf("schema %d (%s): %v", id, c.schema.Type, err)
		return d
	}
	d.JSON, d.Note = out, note
	return d
}

// messageIndex reads the Confluent message index before a Protobuf
// payload: nil for the file's first message (a single 0 byte, as nearly
// every record has), read without the allocations sr's reader makes.
func messageIndex(b []byte) ([]int, []byte, error) {
	if len(b) > 0 && b[0] == 0 {
		return nil, b[1:], nil
	}
	var h sr.ConfluentHeader
	index, payload, err := h.DecodeIndex(b, maxNesting)
	if err == nil && len(index) == 1 && index[0] == 0 {
		index = nil
	}
	return index, payload, err
}

// schema is the cached schema of that id, fetched and parsed on first
// use; callers at once for the same id wait for one fetch.
func (r *Registry) schema(ctx context.Context, id int) *cached {
	r.mu.Lock()
	c, ok := r.byID[id]
	if (!ok || c.err != nil) && r.down != nil && time.Now().Before(r.downUntil) {
		down := r.down
		r.mu.Unlock()
		return &cached{err: down, schema: model.Schema{ID: id}}
	}
	if ok && c.err != nil && time.Since(c.failedAt) > RetryAfter {
		ok = false
	}
	if !ok {
		c = &cached{ready: make(chan struct{})}
		r.byID[id] = c
		r.mu.Unlock()
		unreachable := r.fetch(ctx, id, c)
		r.mu.Lock()
		switch {
		case ctx.Err() != nil: // the caller left: not the registry's failure
			delete(r.byID, id)
		case unreachable:
			r.down, r.downUntil = c.err, time.Now().Add(RetryAfter)
		}
		r.mu.Unlock()
		c.format = strings.ToLower(c.schema.Type)
		close(c.ready)
		return c
	}
	r.mu.Unlock()
	select {
	case <-c.ready: // most records: a receive that does not wait
		return c
	default:
	}
	select {
	case <-c.ready:
		return c
	case <-ctx.Done():
		return &cached{err: ctx.Err(), schema: model.Schema{ID: id}}
	}
}

// fetch reads and parses schema id into c, and reports whether the
// registry could not be reached at all (rather than answering no).
func (r *Registry) fetch(ctx context.Context, id int, c *cached) (unreachable bool) {
	c.schema.ID = id
	defer func() {
		if c.err != nil {
			c.failedAt = time.Now()
		}
	}()
	ctx, cancel := context.WithTimeout(ctx, r.timeout)
	defer cancel()
	s, err := r.cl.SchemaByID(ctx, id)
	if err != nil {
		c.err = r.explain(err)
		// Only a registry out of reach is down for every id: an answer
		// that was refused or too large is this id's alone.
		var ne net.Error
		return errors.As(err, &ne) || errors.Is(err, context.DeadlineExceeded)
	}
	c.schema.Type = typeName(s.Type)
	// Which subject and version the id is: only to show; registries
	// that do not say still decode.
	// The registry lists them in no fixed order: sorted, the one shown
	// is the same every run (DecodeFor prefers the topic's own).
	if usages, err := r.cl.SchemaVersionsByID(ctx, id); err == nil && len(usages) > 0 {
		for _, u := range usages {
			c.usages = append(c.usages, model.Schema{ID: id, Type: c.schema.Type, Subject: u.Subject, Version: u.Version})
		}
		slices.SortFunc(c.usages, func(a, b model.Schema) int {
			return cmp.Or(cmp.Compare(a.Subject, b.Subject), cmp.Compare(a.Version, b.Version))
		})
		c.schema.Subject, c.schema.Version = c.usages[0].Subject, c.usages[0].Version
	}
	refs, err := r.references(ctx, s.References, map[string]bool{}, 0)
	if err != nil {
		c.err = fmt.Errorf("references: %w", r.explain(err))
		return false
	}
	switch s.Type {
	case sr.TypeProtobuf:
		sources := map[string]string{}
		for _, ref := range refs {
			sources[ref.Name] = ref.Schema.Schema
		}
		main := fmt.Sprintf("kscope-registry-schema-%d.proto", id)
		sources[main] = s.Schema
		if c.protos, c.err = CompileProto(ctx, main, sources); c.err == nil {
			c.first, c.err = c.protos.MessageAt([]int{0})
		}
	case sr.TypeJSON:
		c.codec = JSONText{}
	default:
		texts := make([]string, len(refs))
		for i, ref := range refs {
			texts[i] = ref.Schema.Schema
		}
		c.codec, c.err = ParseAvro(s.Schema, texts...)
	}
	return false
}

// reference is a schema another names, by the name it is named with.
type reference struct {
	Name string
	sr.Schema
}

// Bounds on references: a registry that names schemas in a cycle, or
// thousands of them, is answered with an error.
const (
	maxReferenceDepth = 16
	maxReferences     = 256
)

// references fetches the schemas refs name, and theirs, depth first, so
// every schema comes after those it uses.
func (r *Registry) references(ctx context.Context, refs []sr.SchemaReference, seen map[string]bool, depth int) ([]reference, error) {
	if depth > maxReferenceDepth || len(seen) > maxReferences {
		return nil, errors.New("references nest too deep or are too many")
	}
	var out []reference
	for _, ref := range refs {
		key := fmt.Sprintf("%s/%d", ref.Subject, ref.Version)
		if seen[key] {
			continue
		}
		seen[key] = true
		s, err := r.cl.SchemaByVersion(ctx, ref.Subject, ref.Version)
		if err != nil {
			return nil, fmt.Errorf("%s version %d: %w", ref.Subject, ref.Version, err)
		}
		deeper, err := r.references(ctx, s.References, seen, depth+1)
		if err != nil {
			return nil, err
		}
		out = append(append(out, deeper...), reference{Name: ref.Name, Schema: s.Schema})
	}
	return out, nil
}

// explain turns the registry client's errors into what a user can act on.
func (r *Registry) explain(err error) error {
	var re *sr.ResponseError
	switch {
	case errors.As(err, &re) && re.StatusCode == http.StatusNotFound:
		return fmt.Errorf("the registry at %s has no such schema", r.url)
	case errors.As(err, &re) && (re.StatusCode == http.StatusUnauthorized || re.StatusCode == http.StatusForbidden):
		return fmt.Errorf("the registry at %s refused the credentials (HTTP %d)", r.url, re.StatusCode)
	case errors.As(err, &re):
		return fmt.Errorf("the registry at %s answered HTTP %d: %s", r.url, re.StatusCode, model.Sanitize(re.Message))
	case errors.Is(err, context.DeadlineExceeded):
		return fmt.Errorf("the registry at %s did not answer within %s", r.url, r.timeout)
	}
	// The innermost cause, not the wrappers that name the request's URL:
	// that names the schema id asked for, and this error may stand for
	// other ids while the registry is down.
	for inner := errors.Unwrap(err); inner != nil; inner = errors.Unwrap(inner) {
		err = inner
	}
	return fmt.Errorf("the registry at %s: %w", r.url, err)
}

// typeName is a schema type as the registry names it.
func typeName(t sr.SchemaType) string {
	switch t {
	case sr.TypeProtobuf:
		return "PROTOBUF"
	case sr.TypeJSON:
		return "JSON"
	}
	return "AVRO"
}
