package cli

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"os"
	"slices"
	"sync"
	"time"

	"github.com/kscope/kscope/kafka"
	"github.com/kscope/kscope/serde"
	"github.com/kscope/kscope/webclient"
)

// maxDebugLog bounds the debug log: a session left running at debug level
// must not fill the disk.
const maxDebugLog = 64 << 20

// debugLog is --debug FILE: franz-go's log at debug level and kscope's
// own events (registry calls), in a file, since the TUI owns the
// terminal. Every secret kscope knows of (passwords, tokens, as each is
// read or fetched) is replaced before a line is written, whoever wrote it.
// Safe for concurrent use; nil writes nothing.
type debugLog struct {
	mu      sync.Mutex
	f       *os.File
	written int64
	full    bool
	secrets [][]byte
}

// openDebugLog creates (or empties) the file, readable by this user alone.
func openDebugLog(path string) (*debugLog, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return nil, fmt.Errorf("--debug: %w", err)
	}
	d := &debugLog{f: f}
	d.Event("kscope %s, debug log started", buildInfo().version)
	return d, nil
}

// Event writes a line of kscope's own.
func (d *debugLog) Event(format string, args ...any) {
	if d == nil {
		return
	}
	fmt.Fprintf(d, "%s kscope %s\n", time.Now().UTC().Format(time.RFC3339Nano), fmt.Sprintf(format, args...))
}

// Secret is never written, from now on.
func (d *debugLog) Secret(s string) {
	if d == nil || len(s) < 3 { // shorter ones would blank common text; no secret is that short
		return
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if !slices.ContainsFunc(d.secrets, func(known []byte) bool { return string(known) == s }) {
		d.secrets = append(d.secrets, []byte(s)) // once: a token is fetched for every connection
	}
}

func (d *debugLog) Write(p []byte) (int, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.full {
		return len(p), nil
	}
	line := p
	for _, s := range d.secrets {
		line = bytes.ReplaceAll(line, s, []byte("REDACTED"))
	}
	if d.written+int64(len(line)) > maxDebugLog {
		d.full = true
		_, err := d.f.WriteString("kscope: the debug log reached its limit of 64 MiB; nothing more is written\n")
		return len(p), err
	}
	n, err := d.f.Write(line)
	d.written += int64(n)
	return len(p), err
}

// Close ends the log.
func (d *debugLog) Close() error {
	if d == nil {
		return nil
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.f.Close()
}

// kafka wires the log into a client's config, its secrets first.
func (d *debugLog) kafka(cfg *kafka.Config) {
	if d == nil {
		return
	}
	if s := cfg.SASL; s != nil {
		d.Secret(s.Password)
		d.Secret(s.SessionToken)
		if token := s.Token; token != nil {
			s.Token = func(ctx context.Context) (string, error) {
				t, err := token(ctx)
				d.Secret(t) // fetched afresh for each connection
				return t, err
			}
		}
	}
	cfg.Log = d
}

// web wires the log into a service's client config (a Connect
// cluster's), its secrets first.
func (d *debugLog) web(cfg *webclient.Config) {
	if d == nil {
		return
	}
	d.Secret(cfg.Password)
	d.Secret(cfg.Token)
	if u, err := url.Parse(cfg.URL); err == nil && u.User != nil {
		password, _ := u.User.Password()
		d.Secret(password)
	}
	cfg.Log = d
}

// registry wires the log into a registry client's config, as web does.
func (d *debugLog) registry(cfg *serde.RegistryConfig) {
	web := webclient.Config{URL: cfg.URL, Password: cfg.Password, Token: cfg.Token}
	d.web(&web)
	cfg.Log = web.Log
}
