package cli

import (
	"fmt"
	"io"

	"github.com/kscope/kscope/model"
)

// aclJSON is one binding in `kscope acl list -o json`.
type aclJSON struct {
	Principal    string `json:"principal"`
	Host         string `json:"host"`
	ResourceType string `json:"resource_type"`
	ResourceName string `json:"resource_name"`
	Pattern      string `json:"pattern"`
	Operation    string `json:"operation"`
	Permission   string `json:"permission"`
}

func writeACLTable(w io.Writer, acls []model.ACL) error {
	tw := newTable(w)
	fmt.Fprintln(tw, "PERMISSION\tPRINCIPAL\tOPERATION\tRESOURCE\tNAME\tPATTERN\tHOST")
	for _, a := range acls {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", a.Permission, model.Sanitize(a.Principal), a.Operation, a.ResourceType,
			model.Sanitize(a.ResourceName), a.Pattern, model.Sanitize(a.Host))
	}
	return tw.Flush()
}
