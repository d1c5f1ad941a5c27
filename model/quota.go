package model

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// QuotaPart is one part of what a quota applies to: a user, a client id
// or an IP, by name, or the default for all of that type.
type QuotaPart struct {
	Type    string // user, client-id, ip
	Name    string
	Default bool
}

func (p QuotaPart) String() string {
	if p.Default {
		return p.Type + "=<default>"
	}
	return p.Type + "=" + p.Name
}

// Quota is the limits set for an entity: a user, a client id, both, or an
// IP; by key, such as producer_byte_rate.
type Quota struct {
	Entity []QuotaPart
	Values map[string]float64
}

// EntityText names the entity: "user=alice, client-id=<default>".
func (q Quota) EntityText() string {
	parts := make([]string, len(q.Entity))
	for i, p := range q.Entity {
		parts[i] = p.String()
	}
	return strings.Join(parts, ", ")
}

// ValuesText writes the limits in key order, rates of bytes in binary
// units: "producer_byte_rate=1048576 (1 MiB/s), request_percentage=50".
func (q Quota) ValuesText() string {
	keys := slices.Sorted(maps.Keys(q.Values))
	parts := make([]string, len(keys))
	for i, k := range keys {
		v := q.Values[k]
		parts[i] = k + "=" + strconv.FormatFloat(v, 'f', -1, 64)
		if strings.HasSuffix(k, "_byte_rate") && v >= 1024 && v == float64(int64(v)) {
			parts[i] += " (" + FormatIEC(int64(v)) + "/s)"
		}
	}
	return strings.Join(parts, ", ")
}

// ParseQuotaValue reads a limit typed for a quota key: a rate of bytes
// (…_byte_rate) may be a size such as 1MiB, the rest are numbers.
func ParseQuotaValue(key, typed string) (float64, error) {
	v := strings.TrimSpace(typed)
	if strings.HasSuffix(key, "_byte_rate") {
		n, err := parseBytes(key, v)
		if err != nil {
			return 0, err
		}
		f, _ := strconv.ParseFloat(n, 64)
		return f, nil
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || f < 0 {
		return 0, fmt.Errorf("%s is a number, 0 or more, not %q", key, typed)
	}
	return f, nil
}

// QuotaKeys are the limits Kafka knows, by the entities they apply to;
// a broker refuses any other key.
var QuotaKeys = map[string][]string{
	"user, client-id": {"producer_byte_rate", "consumer_byte_rate", "request_percentage", "controller_mutation_rate"},
	"ip":              {"connection_creation_rate"},
}

// CheckQuotaKey refuses a key the entity's kind cannot have.
func CheckQuotaKey(entity []QuotaPart, key string) error {
	kind := "user, client-id"
	if len(entity) == 1 && entity[0].Type == "ip" {
		kind = "ip"
	}
	for _, k := range QuotaKeys[kind] {
		if k == key {
			return nil
		}
	}
	return fmt.Errorf("%q is not a quota Kafka knows for %s; it knows %s", key, EntityKind(entity), strings.Join(QuotaKeys[kind], ", "))
}

// EntityKind is "an IP" or "users and client ids", for messages.
func EntityKind(entity []QuotaPart) string {
	if len(entity) == 1 && entity[0].Type == "ip" {
		return "an IP"
	}
	return "users and client ids"
}

// QuotaEntity is the entity named by a user, a client id, both, or an IP;
// a name of <default> stands for every one of its type.
func QuotaEntity(user, clientID, ip string) ([]QuotaPart, error) {
	var entity []QuotaPart
	for _, p := range []struct{ kind, name string }{{"user", user}, {"client-id", clientID}, {"ip", ip}} {
		if name := strings.TrimSpace(p.name); name != "" {
			entity = append(entity, QuotaPart{Type: p.kind, Name: name, Default: name == "<default>"})
		}
	}
	if len(entity) == 0 || ip != "" && len(entity) > 1 {
		return nil, fmt.Errorf("name a user, a client id, both, or an IP")
	}
	return entity, nil
}

// ParseQuotaLimits reads KEY=VALUE limits for an entity, checking each
// key and value as the broker would.
func ParseQuotaLimits(entity []QuotaPart, pairs []string) (map[string]float64, error) {
	set := map[string]float64{}
	for _, a := range pairs {
		k, v, ok := strings.Cut(strings.TrimSpace(a), "=")
		k = strings.TrimSpace(k)
		if !ok || k == "" {
			return nil, fmt.Errorf("%q: want KEY=VALUE", a)
		}
		if err := CheckQuotaKey(entity, k); err != nil {
			return nil, err
		}
		n, err := ParseQuotaValue(k, v)
		if err != nil {
			return nil, err
		}
		set[k] = n
	}
	return set, nil
}
