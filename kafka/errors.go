package kafka

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"
)

// dialLog remembers why the latest connection attempt failed. franz-go
// retries dials until the request's deadline and then reports only the
// deadline; this is what lets kscope say "connection refused" instead.
type dialLog struct {
	mu   sync.Mutex
	last error
}

var _ kgo.HookBrokerConnect = (*dialLog)(nil)

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
	switch dialErr := c.dials.lastErr(); {
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

func isConnectivity(err error) bool {
	var ne net.Error
	return errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne) || errors.Is(err, syscall.ECONNREFUSED)
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
func topicError(topic string, err error) error {
	msg := fmt.Sprintf("topic %q: %v", topic, err)
	switch {
	case errors.Is(err, kerr.UnknownTopicOrPartition):
		msg = fmt.Sprintf("topic %q does not exist", topic)
	case errors.Is(err, kerr.TopicAuthorizationFailed):
		msg = fmt.Sprintf("not authorized to describe topic %q", topic)
	}
	return &explained{msg: msg, cause: err}
}
