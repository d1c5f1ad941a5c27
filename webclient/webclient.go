// Package webclient is the HTTP client kscope talks to a user's services
// with (a schema registry, a Kafka Connect cluster): their credentials go
// to the address the user named and nowhere else, redirects included;
// every answer is bounded; and each request can be logged without its
// headers or body.
package webclient

import (
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"
)

// Config is a service the user named.
type Config struct {
	// Service names it in the log: "registry", "connect".
	Service string
	// URL is where it is; credentials written into it
	// (https://user:pw@host) are taken out, into Username and Password
	// unless those or Token are set.
	URL      string
	Username string // basic auth, with Password
	Password string
	Token    string      // a bearer token, instead of basic auth
	TLS      *tls.Config // nil: the system's roots
	Timeout  time.Duration
	// MaxBody bounds each answer: a hostile or broken server must not
	// fill memory.
	MaxBody int64
	// Log, when set, takes a line per request: method, address (without
	// credentials or query), status and time. Never a header or a body.
	Log io.Writer
}

// Home takes the credentials out of cfg.URL into cfg, so that the URL kscope
// prints holds no secret, and checks it is http(s)://host[:port].
func Home(cfg *Config) error {
	u, err := url.Parse(cfg.URL)
	if err != nil || u.Host == "" || u.Scheme != "http" && u.Scheme != "https" {
		return errors.New("want http(s)://host[:port]")
	}
	if u.User != nil {
		if cfg.Username == "" && cfg.Token == "" {
			cfg.Username = u.User.Username()
			cfg.Password, _ = u.User.Password()
		}
		u.User = nil
		cfg.URL = u.String()
	}
	return nil
}

// New is the client for cfg, whose URL Home has cleaned. It sends no
// credentials itself (Authorize does, for the callers that set them),
// and follows a redirect with them only back to cfg.URL's origin.
func New(cfg Config) *http.Client {
	u, _ := url.Parse(cfg.URL)
	transport := http.DefaultTransport.(*http.Transport).Clone()
	transport.TLSClientConfig = cfg.TLS
	var rt http.RoundTripper = limitBodies{transport, cfg.MaxBody}
	if cfg.Log != nil {
		rt = logged{rt, cfg.Log, cfg.Service}
	}
	return &http.Client{Transport: rt, Timeout: cfg.Timeout, CheckRedirect: originOf(u).redirect}
}

// Authorize sets a request's credentials from cfg.
func Authorize(req *http.Request, cfg Config) {
	switch {
	case cfg.Token != "":
		req.Header.Set("Authorization", "Bearer "+cfg.Token)
	case cfg.Username != "":
		req.SetBasicAuth(cfg.Username, cfg.Password)
	}
}

// origin is where the user said the service is: the only scheme, host
// and port its credentials are sent to.
type origin struct{ scheme, host, port string }

func originOf(u *url.URL) origin {
	port := u.Port()
	if port == "" {
		port = map[string]string{"http": "80", "https": "443"}[u.Scheme]
	}
	return origin{u.Scheme, u.Hostname(), port}
}

// redirect follows a service's redirect, with its credentials only back
// to the service's own origin: Go's client keeps Authorization for any
// port of the same host name, and a service must not be able to send
// them to another service on its machine, or anywhere else.
func (o origin) redirect(req *http.Request, via []*http.Request) error {
	if len(via) >= 10 {
		return errors.New("stopped after 10 redirects")
	}
	if originOf(req.URL) != o {
		req.Header.Del("Authorization")
	}
	return nil
}

// logged writes a line for each request to log.
type logged struct {
	http.RoundTripper
	log     io.Writer
	service string
}

func (l logged) RoundTrip(req *http.Request) (*http.Response, error) {
	start := time.Now()
	resp, err := l.RoundTripper.RoundTrip(req)
	where := url.URL{Scheme: req.URL.Scheme, Host: req.URL.Host, Path: req.URL.Path}
	outcome := "error: " + fmt.Sprint(err)
	if err == nil {
		outcome = resp.Status
	}
	fmt.Fprintf(l.log, "%s %s %s %s -> %s in %s\n", start.UTC().Format(time.RFC3339Nano), l.service, req.Method, where.String(), outcome, time.Since(start).Round(time.Millisecond))
	return resp, err
}

// limitBodies cuts every response body at max bytes, failing the read
// past it.
type limitBodies struct {
	http.RoundTripper
	max int64
}

func (l limitBodies) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := l.RoundTripper.RoundTrip(req)
	if err == nil && l.max > 0 {
		resp.Body = &limitedBody{ReadCloser: resp.Body, left: l.max, max: l.max}
	}
	return resp, err
}

type limitedBody struct {
	io.ReadCloser
	left, max int64
}

func (b *limitedBody) Read(p []byte) (int, error) {
	if b.left <= 0 {
		return 0, fmt.Errorf("the answer is larger than %d MB", b.max>>20)
	}
	p = p[:min(int64(len(p)), b.left)]
	n, err := b.ReadCloser.Read(p)
	b.left -= int64(n)
	return n, err
}
