package actions

import (
	"context"
	"fmt"
	"strings"
	"time"

	"charm.land/huh/v2"

	"github.com/kscope/kscope/engine"
	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/acls"
	"github.com/kscope/kscope/ui/pane"
	"github.com/kscope/kscope/ui/table"
)

// CreateACL is the dialog that adds one binding, after a preview of
// exactly that binding.
func CreateACL(c pane.Common, w Writer) *Dialog {
	a := model.ACL{Permission: "ALLOW", Operation: "READ", ResourceType: "TOPIC", Pattern: "LITERAL", Host: "*"}
	build := func() *huh.Form {
		return huh.NewForm(huh.NewGroup(
			huh.NewInput().Title("Principal").Placeholder("User:alice").Value(&a.Principal).Validate(model.CheckPrincipal),
			huh.NewSelect[string]().Title("Permission").Inline(true).Options(huh.NewOptions("ALLOW", "DENY")...).Value(&a.Permission),
			huh.NewSelect[string]().Title("Operation").Inline(true).Options(huh.NewOptions(model.ACLOperations...)...).Value(&a.Operation),
			huh.NewSelect[string]().Title("Resource type").Inline(true).Options(huh.NewOptions(model.ACLResourceTypes...)...).Value(&a.ResourceType),
			huh.NewInput().Title("Resource name").Description("* for every one; the cluster's is kafka-cluster").Value(&a.ResourceName).Validate(required("a resource name")),
			huh.NewSelect[string]().Title("Pattern").Description("PREFIXED: every resource whose name starts with it").Inline(true).
				Options(huh.NewOptions("LITERAL", "PREFIXED")...).Value(&a.Pattern),
			huh.NewInput().Title("Host").Description("* for any").Value(&a.Host).Validate(required("a host, or *")),
		))
	}
	ask := func(context.Context) outcome {
		binding := a
		create := writing(func(ctx context.Context) outcome {
			if err := (engine.ACLChange{Create: true, Bindings: []model.ACL{binding}}).Apply(ctx, w, nil); err != nil {
				return outcome{err: err}
			}
			return outcome{notice: "created " + binding.String(), done: true}
		})
		return outcome{question: "create this binding", confirm: &create, preview: aclPreview(c, binding)}
	}
	return newDialog(c, "new ACL", build, step{run: ask})
}

// DeleteACL is the question that removes one binding, shown as it is.
func DeleteACL(c pane.Common, w Writer, a model.ACL) *Dialog {
	change := engine.ACLChange{Bindings: []model.ACL{a}}
	del := writing(func(ctx context.Context) outcome {
		if err := change.Apply(ctx, w, nil); err != nil {
			return outcome{err: err}
		}
		return outcome{notice: "deleted " + a.String(), done: true}
	})
	question := "delete this binding"
	if warn := change.Warning(); warn != "" {
		question += ": " + warn
	}
	return newQuestion(c, "delete ACL", outcome{question: question, confirm: &del, preview: aclPreview(c, a)})
}

// aclPreview is the binding as the ACLs pane shows it.
func aclPreview(c pane.Common, a model.ACL) *preview {
	return newPreview(c, acls.Columns, []table.Row{acls.Row(a, time.Time{})}, "1 binding")
}

// required refuses an empty field, naming what it wants.
func required(what string) func(string) error {
	return func(s string) error {
		if strings.TrimSpace(s) == "" {
			return fmt.Errorf("type %s", what)
		}
		return nil
	}
}
