package cli

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/kscope/kscope/model"
)

// downStream has records still to read but a cluster that never answers.
type downStream struct{ calls int }

var errDown = errors.New("waiting for records: list topics: cannot reach any broker at k:9092: connection refused")

func (d *downStream) Next(context.Context) (model.Batch, error) {
	d.calls++
	return model.Batch{Positions: []model.Position{{Next: 0, High: 10, StartHigh: 10}}}, errDown
}
func (d *downStream) Started() []model.Position {
	return []model.Position{{Next: 0, High: 10, StartHigh: 10}}
}
func (d *downStream) Close() {}

// kscope tail -e on a cluster that has gone says why it waits, once, and
// ends with the error once the cluster has been unreachable for longer
// than --timeout, rather than waiting for an end it cannot reach.
func TestTailToTheEndGivesUpOnADeadCluster(t *testing.T) {
	var out, stderr bytes.Buffer
	p := &printer{w: bufio.NewWriter(&out), json: true}
	err := p.run(context.Background(), &downStream{}, true, time.Nanosecond, &stderr)
	if !errors.Is(err, errDown) {
		t.Fatalf("run ended with %v", err)
	}
	if got := stderr.String(); strings.Count(got, "kscope: warning: waiting for records") != 1 {
		t.Errorf("stderr %q: want the reason, once", got)
	}
}
