package cli

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// An error quoting what a broker sent stays on one line; a usage error,
// kscope's own words, keeps its lines.
func TestErrorTextIsOneLine(t *testing.T) {
	broker := fmt.Errorf("cannot reach broker %s", "evil\nkscope: all is well\r\n")
	if got := errorText(broker); strings.ContainsAny(got, "\n\r") || !strings.Contains(got, "all is well") {
		t.Errorf("%q", got)
	}
	usage := usageError{errors.New("unknown command\n\nDid you mean this?\n    topics")}
	if got := errorText(usage); strings.Count(got, "\n") != 3 {
		t.Errorf("%q: want its lines kept", got)
	}
}
