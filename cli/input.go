package cli

import (
	"fmt"
	"io"
	"os"

	"github.com/kscope/kscope/model"
)

// maxInputFile bounds what a file a command reads (a reassignment plan,
// a connector, its offsets) may take in memory: a plan of a million
// partitions is well under it.
const maxInputFile = 64 << 20

// readInputFile reads a file a command is given, or stdin for "-",
// refusing one past maxInputFile.
func readInputFile(path string, stdin io.Reader) ([]byte, error) {
	var r io.Reader = stdin
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, maxInputFile+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxInputFile {
		return nil, fmt.Errorf("%s: larger than %s, too large to read", path, model.FormatIEC(maxInputFile))
	}
	return data, nil
}
