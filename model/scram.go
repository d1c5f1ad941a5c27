package model

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
