package kafka

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/kscope/kscope/model"
)

// SCRAMUsers lists the users with SCRAM credentials and their mechanisms.
func (c *Client) SCRAMUsers(ctx context.Context) ([]model.SCRAMUser, error) {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	if err := c.mayOnCluster(ctx, kmsg.ACLOperationDescribe, "describe SCRAM users"); err != nil {
		return nil, err
	}
	described, err := c.adm.DescribeUserSCRAMs(ctx)
	if err != nil {
		return nil, c.explain("describe SCRAM users", err)
	}
	out := make([]model.SCRAMUser, 0, len(described))
	for _, d := range described {
		u := model.SCRAMUser{Name: d.User}
		for _, ci := range d.CredInfos {
			u.Credentials = append(u.Credentials, model.SCRAMCredential{Mechanism: ci.Mechanism.String(), Iterations: ci.Iterations})
		}
		out = append(out, u)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// SetSCRAMPassword creates a user's credential for a mechanism, or
// replaces its password. kadm salts it here (PBKDF2, 8192 iterations):
// the password itself is never sent.
func (c *Client) SetSCRAMPassword(ctx context.Context, user, mechanism, password string) error {
	if err := c.guard("set a SCRAM password"); err != nil {
		return err
	}
	mech, err := scramMechanism(mechanism)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	if err := c.mayOnCluster(ctx, kmsg.ACLOperationAlter, fmt.Sprintf("set the %s password of %q", mechanism, user)); err != nil {
		return err
	}
	altered, err := c.adm.AlterUserSCRAMs(ctx, nil, []kadm.UpsertSCRAM{{User: user, Mechanism: mech, Iterations: 8192, Password: password}})
	return c.scramResult(fmt.Sprintf("set the %s password of %q", mechanism, user), altered, err)
}

// DeleteSCRAMUser removes every SCRAM credential of a user.
func (c *Client) DeleteSCRAMUser(ctx context.Context, user string) error {
	if err := c.guard("delete a SCRAM user"); err != nil {
		return err
	}
	users, err := c.SCRAMUsers(ctx)
	if err != nil {
		return err
	}
	var del []kadm.DeleteSCRAM
	for _, u := range users {
		if u.Name != user {
			continue
		}
		for _, cred := range u.Credentials {
			mech, _ := scramMechanism(cred.Mechanism)
			del = append(del, kadm.DeleteSCRAM{User: user, Mechanism: mech})
		}
	}
	if len(del) == 0 {
		return fmt.Errorf("user %q has no SCRAM credentials", user)
	}
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	if err := c.mayOnCluster(ctx, kmsg.ACLOperationAlter, fmt.Sprintf("delete SCRAM user %q", user)); err != nil {
		return err
	}
	altered, err := c.adm.AlterUserSCRAMs(ctx, del, nil)
	return c.scramResult(fmt.Sprintf("delete SCRAM user %q", user), altered, err)
}

func (c *Client) scramResult(what string, altered kadm.AlteredUserSCRAMs, err error) error {
	if err == nil {
		for _, a := range altered {
			if a.Err != nil {
				err = a.Err
			}
		}
	}
	if err != nil {
		return c.explain(what, err)
	}
	return nil
}

func scramMechanism(name string) (kadm.ScramMechanism, error) {
	switch strings.ToUpper(name) {
	case "SCRAM-SHA-256":
		return kadm.ScramSha256, nil
	case "SCRAM-SHA-512":
		return kadm.ScramSha512, nil
	}
	return 0, fmt.Errorf("SCRAM mechanism %q: want SCRAM-SHA-256 or SCRAM-SHA-512", name)
}
