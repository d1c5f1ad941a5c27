package cli

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// confirmName asks the user to type name to go ahead with something that
// cannot be undone, unless --yes said so already. Input that ends, or
// says anything else, is a no.
func confirmName(stdin io.Reader, stderr io.Writer, yes bool, what, name string) error {
	if yes {
		return nil
	}
	fmt.Fprintf(stderr, "This will %s. Type %q to go ahead: ", what, name)
	line, _ := bufio.NewReader(stdin).ReadString('\n')
	if strings.TrimSpace(line) != name {
		return fmt.Errorf("not confirmed: nothing was changed (type the name exactly, or pass --yes)")
	}
	return nil
}
