package model

import (
	"fmt"
	"strings"
)

// SCRAMUser is a user with SCRAM credentials: for each mechanism it has a
// password for, the iterations it was salted with. Passwords themselves
// never leave the brokers.
type SCRAMUser struct {
	Name        string
	Credentials []SCRAMCredential
}

// SCRAMCredential is one mechanism a user has a password for.
type SCRAMCredential struct {
	Mechanism  string // SCRAM-SHA-256 or SCRAM-SHA-512
	Iterations int32
}

// MechanismsText says the user's mechanisms and their iterations:
// "SCRAM-SHA-256 (8192 iterations), SCRAM-SHA-512 (4096 iterations)".
func (u SCRAMUser) MechanismsText() string {
	parts := make([]string, len(u.Credentials))
	for i, c := range u.Credentials {
		parts[i] = fmt.Sprintf("%s (%d iterations)", c.Mechanism, c.Iterations)
	}
	return strings.Join(parts, ", ")
}
