package actions

import (
	"context"
	"errors"
	"fmt"

	"charm.land/huh/v2"

	"github.com/kscope/kscope/ui/pane"
)

// SetPassword is the dialog that sets a SCRAM password: a new user's when
// user is empty, else user's, for the mechanism chosen. The password is
// typed twice, masked, and goes nowhere but to the broker, salted.
func SetPassword(c pane.Common, w Writer, user string) *Dialog {
	name, mechanism, password, again := user, "SCRAM-SHA-256", "", ""
	build := func() *huh.Form {
		var fields []huh.Field
		if user == "" {
			fields = append(fields, huh.NewInput().Title("User").Value(&name).Validate(required("the user's name")))
		}
		fields = append(fields,
			huh.NewSelect[string]().Title("Mechanism").Inline(true).Options(huh.NewOptions("SCRAM-SHA-256", "SCRAM-SHA-512")...).Value(&mechanism),
			huh.NewInput().Title("Password").EchoMode(huh.EchoModePassword).Value(&password).Validate(required("a password")),
			huh.NewInput().Title("Password again").EchoMode(huh.EchoModePassword).Value(&again).Validate(func(s string) error {
				if s != password {
					return errors.New("the two passwords differ")
				}
				return nil
			}),
		)
		return huh.NewForm(huh.NewGroup(fields...))
	}
	run := writing(func(ctx context.Context) outcome {
		err := w.SetSCRAMPassword(ctx, name, mechanism, password)
		password, again = "", "" // held no longer than needed, and not shown again on a retry
		if err != nil {
			return outcome{err: err}
		}
		return outcome{notice: fmt.Sprintf("set the %s password of %s", mechanism, name), done: true}
	})
	title := "new SCRAM user"
	if user != "" {
		title = "password of " + user
	}
	return newDialog(c, title, build, run)
}
