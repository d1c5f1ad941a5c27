package cli

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kscope/kscope/engine"
	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/report"
)

func newACL(g *globals, stdout io.Writer) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "acl",
		Short: "List, create and delete ACLs (access-control bindings)",
		Long: `List the cluster's ACLs, or create or delete one. Create and delete show
exactly which bindings change, and change them only with --execute; both
are refused in read-only mode.`,
		Args: noArgs,
	}
	cmd.AddCommand(aclList(g, stdout), aclChange(g, stdout, true), aclChange(g, stdout, false))
	return cmd
}

// aclFlags are the flags that select or name bindings.
type aclFlags struct {
	principal, resourceType, resource, operation string
	topic, group, txnID                          string
	cluster, prefixed, deny                      bool
	host                                         string
}

func (f *aclFlags) filterFlags(cmd *cobra.Command) {
	cmd.Flags().StringVar(&f.principal, "principal", "", "User:NAME, as the cluster names principals")
	cmd.Flags().StringVar(&f.resourceType, "resource-type", "", "TOPIC, GROUP, CLUSTER, TRANSACTIONAL_ID, …")
	cmd.Flags().StringVar(&f.resource, "resource", "", "the resource's name (or prefix, for PREFIXED bindings)")
	cmd.Flags().StringVar(&f.operation, "operation", "", "READ, WRITE, DESCRIBE, ALL, …")
}

func (f *aclFlags) filter() model.ACLFilter {
	return model.ACLFilter{Principal: f.principal, ResourceType: f.resourceType, ResourceName: f.resource, Operation: f.operation}
}

func aclList(g *globals, stdout io.Writer) *cobra.Command {
	var f aclFlags
	var output string
	cmd := &cobra.Command{
		Use:     "list",
		Short:   "List ACLs, all or those a filter selects",
		Example: "  kscope acl list --principal User:alice\n  kscope acl list --resource-type TOPIC --resource orders -o json",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if output != "table" && output != "json" {
				return usagef("-o %q: want table or json", output)
			}
			acls, err := selectedACLs(cmd.Context(), g, f.filter())
			if err != nil {
				return err
			}
			if output == "json" {
				return writeIndented(stdout, report.ACLs(acls))
			}
			return writeACLTable(stdout, acls)
		},
	}
	f.filterFlags(cmd)
	cmd.Flags().StringVarP(&output, "output", "o", "table", "output format: table or json")
	return cmd
}

// selectedACLs lists the cluster's bindings that the filter selects.
func selectedACLs(ctx context.Context, g *globals, f model.ACLFilter) ([]model.ACL, error) {
	conn, err := g.connect("listing ACLs on")
	if err != nil {
		return nil, err
	}
	defer conn.close()
	return engine.SelectACLs(context.WithoutCancel(ctx), conn.client, f)
}

// aclChange is `acl create` or `acl delete`: a preview of exactly the
// bindings that change, then with --execute the change.
func aclChange(g *globals, stdout io.Writer, create bool) *cobra.Command {
	var f aclFlags
	var execute bool
	cmd := &cobra.Command{Args: noArgs}
	if create {
		cmd.Use, cmd.Short = "create", "Preview, then with --execute create, one ACL"
		cmd.Example = "  kscope acl create --principal User:alice --operation READ --topic orders --execute\n" +
			"  kscope acl create --principal User:bob --operation WRITE --topic payments. --prefixed --deny"
		cmd.Flags().StringVar(&f.principal, "principal", "", "User:NAME (required)")
		cmd.Flags().StringVar(&f.operation, "operation", "", "READ, WRITE, DESCRIBE, ALL, … (required)")
		cmd.Flags().StringVar(&f.topic, "topic", "", "on this topic")
		cmd.Flags().StringVar(&f.group, "group", "", "on this group")
		cmd.Flags().StringVar(&f.txnID, "transactional-id", "", "on this transactional id")
		cmd.Flags().BoolVar(&f.cluster, "cluster", false, "on the cluster")
		cmd.Flags().BoolVar(&f.prefixed, "prefixed", false, "the name is a prefix: every resource whose name starts with it")
		cmd.Flags().BoolVar(&f.deny, "deny", false, "deny rather than allow")
		cmd.Flags().StringVar(&f.host, "host", "*", "from this host only")
	} else {
		cmd.Use, cmd.Short = "delete", "Preview, then with --execute delete, the ACLs a filter selects"
		cmd.Example = "  kscope acl delete --principal User:alice --resource orders\n  kscope acl delete --principal User:alice --resource orders --execute"
		f.filterFlags(cmd)
	}
	cmd.Flags().BoolVar(&execute, "execute", false, "make the change; without it, only show it")
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		var change []model.ACL
		if create {
			a, err := f.binding()
			if err != nil {
				return err
			}
			change = []model.ACL{a}
		} else {
			if f.principal == "" && f.resource == "" {
				return usagef("name --principal or --resource: a filter of nothing would delete every ACL")
			}
			var err error
			if change, err = selectedACLs(cmd.Context(), g, f.filter()); err != nil {
				return err
			}
		}
		c := engine.ACLChange{Create: create, Bindings: change}
		if len(change) == 0 {
			fmt.Fprintln(stdout, "no ACL matches: nothing to delete")
			return nil
		}
		if !execute {
			fmt.Fprintf(stdout, "would %s %s (nothing changes without --execute):\n", c.Verb(), model.Plural(len(change), "binding"))
			for _, a := range change {
				fmt.Fprintln(stdout, "  "+model.Sanitize(a.String()))
			}
			if w := c.Warning(); w != "" {
				fmt.Fprintln(stdout, "note: "+w)
			}
			return nil
		}
		conn, err := g.connect("changing ACLs on")
		if err != nil {
			return err
		}
		defer conn.close()
		return c.Apply(cmd.Context(), conn.client, func(a model.ACL) {
			fmt.Fprintf(stdout, "%sd %s\n", c.Verb(), model.Sanitize(a.String()))
		})
	}
	return cmd
}

// binding is the one binding the create flags name.
func (f *aclFlags) binding() (model.ACL, error) {
	a := model.ACL{Principal: f.principal, Host: f.host, Operation: strings.ToUpper(f.operation), Pattern: "LITERAL", Permission: "ALLOW"}
	if a.Operation == "" {
		return a, usagef("name --principal (User:NAME) and --operation")
	}
	if err := model.CheckPrincipal(a.Principal); err != nil {
		return a, usageError{err}
	}
	kinds := 0
	for _, r := range []struct {
		set        bool
		kind, name string
	}{{f.topic != "", "TOPIC", f.topic}, {f.group != "", "GROUP", f.group}, {f.txnID != "", "TRANSACTIONAL_ID", f.txnID}, {f.cluster, "CLUSTER", "kafka-cluster"}} {
		if r.set {
			kinds++
			a.ResourceType, a.ResourceName = r.kind, r.name
		}
	}
	if kinds != 1 {
		return a, usagef("name one resource: --topic, --group, --transactional-id or --cluster")
	}
	if f.prefixed {
		a.Pattern = "PREFIXED"
	}
	if f.deny {
		a.Permission = "DENY"
	}
	return a, nil
}
