package cli

import (
	"fmt"
	"io"

	"github.com/kscope/kscope/model"
)

func writeACLTable(w io.Writer, acls []model.ACL) error {
	tw := newTable(w)
	fmt.Fprintln(tw, "PERMISSION\tPRINCIPAL\tOPERATION\tRESOURCE\tNAME\tPATTERN\tHOST")
	for _, a := range acls {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", a.Permission, model.Sanitize(a.Principal), a.Operation, a.ResourceType,
			model.Sanitize(a.ResourceName), a.Pattern, model.Sanitize(a.Host))
	}
	return tw.Flush()
}
