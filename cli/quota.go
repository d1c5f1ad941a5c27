package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kscope/kscope/kafka"
	"github.com/kscope/kscope/model"
)

func newQuota(g *globals, stdout io.Writer) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "quota",
		Short: "List client quotas, or set and remove limits",
		Args:  noArgs,
	}
	cmd.AddCommand(quotaList(g, stdout), quotaSet(g, stdout))
	return cmd
}

func quotaList(g *globals, stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "list",
		Short: "List every client quota: users, client ids, both, IPs",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return listTable(cmd.Context(), g, stdout, "quotas", (*kafka.Client).Quotas, "ENTITY\tLIMITS", func(q model.Quota) string {
				return model.Sanitize(q.EntityText()) + "\t" + model.Sanitize(q.ValuesText())
			})
		},
	}
}

func quotaSet(g *globals, stdout io.Writer) *cobra.Command {
	var user, clientID, ip string
	var remove []string
	cmd := &cobra.Command{
		Use:   "set KEY=VALUE...",
		Short: "Set limits on a user, a client id, both, or an IP; --remove others",
		Long: `Set quota limits on an entity: --user, --client-id (or both), or --ip; a
name of <default> sets the default for all of that type. Rates of bytes
(producer_byte_rate, consumer_byte_rate) may be written as sizes, 1MiB.
Refused in read-only mode.`,
		Example: `  kscope quota set --user alice producer_byte_rate=1MiB consumer_byte_rate=2MiB
  kscope quota set --client-id '<default>' request_percentage=50
  kscope quota set --user alice --remove producer_byte_rate`,
		RunE: func(cmd *cobra.Command, args []string) error {
			entity, err := model.QuotaEntity(user, clientID, ip)
			if err != nil {
				return usagef("%v: --user, --client-id, both, or --ip", err)
			}
			set, err := model.ParseQuotaLimits(entity, args)
			if err != nil {
				return usageError{err}
			}
			for _, k := range remove {
				if err := model.CheckQuotaKey(entity, k); err != nil {
					return usageError{err}
				}
			}
			if len(set) == 0 && len(remove) == 0 {
				return usagef("nothing to change: give KEY=VALUE or --remove KEY")
			}
			conn, err := g.connect("changing a quota on")
			if err != nil {
				return err
			}
			defer conn.close()
			if err := conn.client.SetQuota(cmd.Context(), entity, set, remove); err != nil {
				return err
			}
			q := model.Quota{Entity: entity, Values: set}
			fmt.Fprintf(stdout, "quota of %s: set %s", model.Sanitize(q.EntityText()), q.ValuesText())
			if len(remove) > 0 {
				fmt.Fprintf(stdout, "; removed %s", strings.Join(remove, ", "))
			}
			fmt.Fprintln(stdout)
			return nil
		},
	}
	cmd.Flags().StringVar(&user, "user", "", "the user (<default> for all users)")
	cmd.Flags().StringVar(&clientID, "client-id", "", "the client id (<default> for all)")
	cmd.Flags().StringVar(&ip, "ip", "", "the client IP (<default> for all)")
	cmd.Flags().StringArrayVar(&remove, "remove", nil, "a limit to remove (repeat for more)")
	return cmd
}
