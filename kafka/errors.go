package kafka

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/kscope/kscope/model"
	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"
)

// dialLog remembers why the latest connection attempt failed. franz-go
// retries dials until the request's deadline and then reports only the
// deadline; this is what lets kscope say "connection refused" instead.
type dialLog struct {
	mu   sync.Mutex
	last error
	// authenticated is set once a request past the handshake went out on
	// some connection: a deadline after that is a broker slow to answer,
	// not credentials still being checked.
	authenticated bool
}

var (
	_ kgo.HookBrokerConnect = (*dialLog)(nil)
	_ kgo.HookBrokerWrite   = (*dialLog)(nil)
)

// OnBrokerWrite notes a request that only an authenticated connection
// sends.
func (d *dialLog) OnBrokerWrite(_ kgo.BrokerMetadata, key int16, _ int, _, _ time.Duration, err error) {
	switch kmsg.Key(key) {
	case kmsg.ApiVersions, kmsg.SASLHandshake, kmsg.SASLAuthenticate:
		return
	}
	if err == nil {
		d.mu.Lock()
		d.authenticated = true
		d.mu.Unlock()
	}
}

func (d *dialLog) wasAuthenticated() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.authenticated
}

func (d *dialLog) OnBrokerConnect(_ kgo.BrokerMetadata, _ time.Duration, _ net.Conn, err error) {
	d.mu.Lock()
	d.last = err // a success clears an old failure
	d.mu.Unlock()
}

func (d *dialLog) lastErr() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.last
}

// explained is an error whose message is written for the user; the cause
// stays reachable through errors.Is and errors.As.
type explained struct {
	msg   string
	cause error
}

func (e *explained) Error() string { return e.msg }
func (e *explained) Unwrap() error { return e.cause }

// explain turns what franz-go returned for op into one sentence a user can
// act on.
func (c *Client) explain(op string, err error) error {
	seeds := strings.Join(c.seeds, ",")
	var ke *kerr.Error
	var msg string
	dialErr := c.dials.lastErr()
	if refused(dialErr) && (isConnectivity(err) || isConnectFailure(err)) {
		// The latest connection could not even be opened: the cluster is
		// gone, whatever an old connection said as it was closed (an EOF
		// there is no broker hanging up on a handshake).
		return &explained{msg: fmt.Sprintf("%s: cannot reach any broker at %s: %s", op, seeds, dialReason(dialErr)), cause: err}
	}
	why := c.connectFailure(err)
	if why == "" && (isConnectivity(err) || isConnectFailure(err)) {
		why = c.connectFailure(dialErr)
	}
	if why != "" {
		return &explained{msg: op + ": " + why, cause: err}
	}
	switch {
	case dialErr != nil && isConnectivity(err):
		msg = fmt.Sprintf("cannot reach any broker at %s: %s", seeds, dialReason(dialErr))
	case errors.Is(err, context.DeadlineExceeded):
		msg = fmt.Sprintf("no answer from %s within %s", seeds, c.timeout)
	case errors.As(err, &ke):
		msg = fmt.Sprintf("the cluster refused: %s (%s)", ke.Description, ke.Message)
	case errors.Is(err, kgo.ErrClientClosed), errors.Is(err, context.Canceled):
		msg = "cancelled"
	default:
		msg = err.Error()
	}
	return &explained{msg: op + ": " + msg, cause: err}
}

// connectFailure explains a connection that was made but then refused:
// a TLS handshake that failed, an authentication the broker rejected, or a
// broker that hung up because it expected TLS or SASL that was not used.
// It returns "" when the failure was none of these.
func (c *Client) connectFailure(dialErr error) string {
	if dialErr == nil {
		return ""
	}
	seeds := strings.Join(c.seeds, ",")
	var tlsWhy string
	var unknownCA x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	var verifyErr *tls.CertificateVerificationError
	var recordErr tls.RecordHeaderError
	var alert tls.AlertError
	var opErr *net.OpError
	switch {
	case errors.As(dialErr, &unknownCA):
		tlsWhy = "the broker's certificate is signed by an authority not trusted (set tls.ca_file)"
	case errors.As(dialErr, &hostErr):
		tlsWhy = "the broker's certificate is for another host: " + hostErr.Error()
	case errors.As(dialErr, &verifyErr):
		tlsWhy = "the broker's certificate is not valid: " + verifyErr.Err.Error()
	case errors.As(dialErr, &recordErr):
		tlsWhy = "the broker does not speak TLS on that port"
	case errors.As(dialErr, &alert):
		tlsWhy = "the broker refused the handshake: " + alert.Error()
	case strings.Contains(dialErr.Error(), "remote error: tls: "):
		tlsWhy = "the broker refused the handshake: " + remoteAlert(dialErr.Error())
	case c.tls && errors.Is(dialErr, context.DeadlineExceeded) && !errors.As(dialErr, &opErr):
		// The TCP connection was made (a failed connect is a *net.OpError);
		// the handshake then got no answer, as from a plaintext listener.
		tlsWhy = "no answer to the handshake: is that port a TLS listener?"
	}
	if tlsWhy != "" {
		return fmt.Sprintf("TLS handshake with %s failed: %s", seeds, tlsWhy)
	}
	hungUp := errors.Is(dialErr, io.EOF) || errors.Is(dialErr, io.ErrUnexpectedEOF) || errors.Is(dialErr, syscall.ECONNRESET)
	switch {
	case c.sasl != nil && (errors.Is(dialErr, kerr.SaslAuthenticationFailed) || hungUp):
		// A broker rejecting a password may just hang up (kfake does).
		return fmt.Sprintf("authentication failed for %s at %s", c.sasl.who(), seeds)
	case c.sasl != nil && errors.Is(dialErr, kerr.UnsupportedSaslMechanism):
		return fmt.Sprintf("the brokers at %s do not offer SASL %s", seeds, c.sasl.Mechanism)
	case c.sasl != nil && errors.Is(dialErr, context.DeadlineExceeded) && !errors.As(dialErr, &opErr) && !c.dials.wasAuthenticated():
		// Connected (a failed connect is a *net.OpError), then no verdict
		// on the credentials in time: SCRAM's key stretching can be slow,
		// and a wrong password is only known at its end.
		return fmt.Sprintf("authentication for %s at %s did not finish within %s: the broker was still checking the credentials (a larger --timeout tells a wrong password from a slow one)", c.sasl.who(), seeds, c.timeout)
	case hungUp && !c.tls && c.sasl == nil:
		return fmt.Sprintf("the broker at %s hung up at once: does it want TLS or SASL (see kscope config example)?", seeds)
	}
	return ""
}

// remoteAlert says what a TLS alert from the broker means. crypto/tls
// keeps its alert type unexported: the text is all there is.
func remoteAlert(msg string) string {
	_, alert, _ := strings.Cut(msg, "remote error: tls: ")
	switch alert {
	case "bad certificate", "certificate required", "unknown certificate authority":
		return "it wants a client certificate it trusts (set tls.cert_file and tls.key_file)"
	}
	return alert
}

func isConnectFailure(err error) bool {
	return errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, kerr.SaslAuthenticationFailed)
}

func isConnectivity(err error) bool {
	var ne net.Error
	return errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne) || errors.Is(err, syscall.ECONNREFUSED)
}

// refused reports whether err is a TCP connection that could not be
// opened at all (refused, no route, no such host), as opposed to one
// opened and then failed in its TLS or SASL handshake.
func refused(err error) bool {
	var opErr *net.OpError
	var dnsErr *net.DNSError
	return errors.As(err, &dnsErr) || (errors.As(err, &opErr) && opErr.Op == "dial")
}

// dialReason is the short why of a failed dial: "connection refused",
// "no such host kafka-1", "timed out".
func dialReason(err error) string {
	var dnsErr *net.DNSError
	var ne net.Error
	switch {
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused"
	case errors.As(err, &dnsErr):
		return "no such host " + dnsErr.Name
	case errors.Is(err, syscall.EHOSTUNREACH), errors.Is(err, syscall.ENETUNREACH):
		return "no route to host"
	case errors.As(err, &ne) && ne.Timeout():
		return "connection timed out"
	}
	return err.Error()
}

// topicError explains why one topic could not be described.
func (c *Client) topicError(topic string, err error) error {
	msg := fmt.Sprintf("topic %q: %v", topic, err)
	switch {
	case errors.Is(err, kerr.UnknownTopicOrPartition):
		msg, err = fmt.Sprintf("topic %q does not exist", topic), errors.Join(model.ErrNoSuchTopic, err)
	case errors.Is(err, kerr.TopicAuthorizationFailed):
		msg = fmt.Sprintf("not authorized to describe topic %q%s", topic, c.asPrincipal())
	}
	return &explained{msg: msg, cause: err}
}

// groupError explains why one group could not be described.
func (c *Client) groupError(group string, err error) error {
	if errors.Is(err, kerr.GroupAuthorizationFailed) {
		return &explained{msg: fmt.Sprintf("not authorized to describe group %q%s", group, c.asPrincipal()), cause: err}
	}
	return c.explain(fmt.Sprintf("group %q", group), err)
}

// asPrincipal names who the cluster took kscope for, where kscope knows:
// " as User:alice" for a SASL user. A certificate's principal depends on
// the brokers' mapping rules, and an anonymous one on their listener.
func (c *Client) asPrincipal() string {
	if p := c.Principal(); p != "" {
		return " as " + p
	}
	return ""
}

// Principal is who the cluster takes kscope for, where kscope knows:
// "User:alice" for a SASL PLAIN or SCRAM user; "" otherwise (a
// certificate's or a token's principal is the broker's to map).
func (c *Client) Principal() string {
	if c.sasl == nil || c.sasl.User == "" || !strings.HasPrefix(c.sasl.Mechanism, "SCRAM") && c.sasl.Mechanism != "PLAIN" {
		return ""
	}
	return "User:" + c.sasl.User
}

// isAuthorization reports whether err is the cluster denying an ACL,
// which kadm reports for a whole request when one topic or group of it
// is denied.
func isAuthorization(err error) bool {
	var ae *kadm.AuthError
	return errors.As(err, &ae) || errors.Is(err, kerr.TopicAuthorizationFailed) || errors.Is(err, kerr.GroupAuthorizationFailed)
}
