package model

import (
	"fmt"
	"strings"
)

// ACL is one access-control binding: a principal is allowed, or denied, an
// operation on a resource (by name, or by a prefix of names), from a host.
type ACL struct {
	Principal    string // User:alice
	Host         string // * for any
	ResourceType string // TOPIC, GROUP, CLUSTER, TRANSACTIONAL_ID, DELEGATION_TOKEN, USER
	ResourceName string
	Pattern      string // LITERAL or PREFIXED
	Operation    string // READ, WRITE, DESCRIBE, ALL, …
	Permission   string // ALLOW or DENY
}

// String says the binding as a sentence: "ALLOW User:alice to READ TOPIC
// orders (LITERAL) from *".
func (a ACL) String() string {
	return fmt.Sprintf("%s %s to %s %s %s (%s) from %s", a.Permission, a.Principal, a.Operation, a.ResourceType, a.ResourceName, a.Pattern, a.Host)
}

// ACLFilter selects bindings; an empty field matches any value. Names and
// kinds are compared without regard to case, as Kafka names them.
type ACLFilter struct {
	Principal    string
	ResourceType string
	ResourceName string
	Operation    string
	Permission   string
}

// Matches reports whether the binding is one the filter selects.
func (f ACLFilter) Matches(a ACL) bool {
	is := func(want, got string) bool { return want == "" || strings.EqualFold(want, got) }
	return is(f.Principal, a.Principal) && is(f.ResourceType, a.ResourceType) && is(f.Operation, a.Operation) &&
		is(f.Permission, a.Permission) && (f.ResourceName == "" || f.ResourceName == a.ResourceName) // names are case-sensitive
}

// The kinds a binding names, as Kafka spells them, for choosing from.
var (
	ACLOperations = []string{"ALL", "READ", "WRITE", "CREATE", "DELETE", "ALTER", "DESCRIBE", "CLUSTER_ACTION",
		"DESCRIBE_CONFIGS", "ALTER_CONFIGS", "IDEMPOTENT_WRITE", "CREATE_TOKENS", "DESCRIBE_TOKENS"}
	ACLResourceTypes = []string{"TOPIC", "GROUP", "CLUSTER", "TRANSACTIONAL_ID", "DELEGATION_TOKEN", "USER"}
)

// CheckPrincipal refuses a principal Kafka could not match: it is a type
// and a name, User:alice, or User:* for every user.
func CheckPrincipal(p string) error {
	kind, name, ok := strings.Cut(p, ":")
	if !ok || kind == "" || name == "" || strings.TrimSpace(p) != p {
		return fmt.Errorf("a principal is TYPE:NAME, such as User:alice or User:*, not %q", p)
	}
	return nil
}
