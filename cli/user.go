package cli

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kscope/kscope/config"
	"github.com/kscope/kscope/kafka"
	"github.com/kscope/kscope/model"
)

func newUser(g *globals, stdin io.Reader, stdout io.Writer) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "user",
		Short: "List, create and delete SCRAM users",
		Long: `List the users with SCRAM credentials, set a user's password (creating the
user), or delete a user. Passwords are read from standard input or a
command, never from the command line, and are salted here: the password
itself is never sent. Writes are refused in read-only mode.`,
		Args: noArgs,
	}
	del := newDelete(g, stdin, stdout, deletion{noun: "user", losing: "every SCRAM credential it has", short: "Delete a SCRAM user",
		perform: (*kafka.Client).DeleteSCRAMUser})
	cmd.AddCommand(userList(g, stdout), userSet(g, stdin, stdout), del)
	return cmd
}

func userList(g *globals, stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "list",
		Short: "List SCRAM users and their mechanisms",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return listTable(cmd.Context(), g, stdout, "users", (*kafka.Client).SCRAMUsers, "USER\tMECHANISMS", func(u model.SCRAMUser) string {
				return model.Sanitize(u.Name) + "\t" + u.MechanismsText()
			})
		},
	}
}

func userSet(g *globals, stdin io.Reader, stdout io.Writer) *cobra.Command {
	var mechanism, passwordCmd string
	cmd := &cobra.Command{
		Use:   "set NAME",
		Short: "Set a SCRAM user's password, creating the user",
		Long: `Set a user's password for one SCRAM mechanism, creating the user if it has
none: the first line of standard input, or what --password-cmd prints.`,
		Example: `  printf '%s\n' "$BOB_PASSWORD" | kscope user set bob
  kscope user set bob --mechanism SCRAM-SHA-256 --password-cmd 'pass show kafka/bob'`,
		Args: oneArg("the user's name"),
		RunE: func(cmd *cobra.Command, args []string) error {
			password, err := readPassword(stdin, passwordCmd)
			if err != nil {
				return err
			}
			conn, err := g.connect("setting a password on")
			if err != nil {
				return err
			}
			defer conn.close()
			if err := conn.client.SetSCRAMPassword(cmd.Context(), args[0], mechanism, password); err != nil {
				return err
			}
			fmt.Fprintf(stdout, "set the %s password of %s\n", strings.ToUpper(mechanism), args[0])
			return nil
		},
	}
	cmd.Flags().StringVar(&mechanism, "mechanism", "SCRAM-SHA-512", "SCRAM-SHA-256 or SCRAM-SHA-512")
	cmd.Flags().StringVar(&passwordCmd, "password-cmd", "", "a command that prints the password (instead of standard input)")
	return cmd
}

// readPassword is what the command prints, or the first line of input.
func readPassword(stdin io.Reader, command string) (string, error) {
	if command != "" {
		return config.CommandSecret("--password-cmd", command)
	}
	line, err := bufio.NewReader(stdin).ReadString('\n')
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		if err != nil && err != io.EOF {
			return "", err
		}
		return "", usagef("no password: give it on standard input, or name --password-cmd")
	}
	return line, nil
}
