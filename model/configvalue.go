package model

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Kafka names a config by what it counts: "….ms" is milliseconds,
// "….bytes" bytes. The rest are checked where their values are a known
// set, so a value the broker would refuse is refused first, with why.
var configChoices = map[string][]string{
	"cleanup.policy":         {"delete", "compact", "compact,delete", "delete,compact"},
	"compression.type":       {"uncompressed", "zstd", "lz4", "snappy", "gzip", "producer"},
	"message.timestamp.type": {"CreateTime", "LogAppendTime"},
}

// unlimited is what -1 means for a duration or a size: retention.ms=-1
// keeps records forever.
const unlimited = "unlimited"

// ReadableConfig is a config's value with how people read it beside the
// number: "604800000 (7d)", "1073741824 (1 GiB)", "-1 (unlimited)"; the
// value alone where its reading says nothing more.
func ReadableConfig(name, value string) string {
	n, err := strconv.ParseInt(value, 10, 64)
	if err != nil {
		return value
	}
	var reading string
	switch {
	case n == -1 && (isDuration(name) || isSize(name)):
		reading = unlimited
	case isDuration(name) && n > 0:
		reading = FormatMillis(n)
	case isSize(name) && n >= 1024:
		reading = FormatIEC(n)
	}
	if reading == "" || reading == value {
		return value
	}
	return value + " (" + reading + ")"
}

func isDuration(name string) bool { return strings.HasSuffix(name, ".ms") }
func isSize(name string) bool     { return strings.HasSuffix(name, ".bytes") }

// FormatMillis writes milliseconds in days and smaller units, as Kafka's
// documentation speaks of retention: "7d", "1h30m", "1s500ms".
func FormatMillis(ms int64) string {
	units := []struct {
		suffix string
		ms     int64
	}{{"d", 86_400_000}, {"h", 3_600_000}, {"m", 60_000}, {"s", 1000}}
	var b strings.Builder
	for _, u := range units {
		if n := ms / u.ms; n > 0 {
			fmt.Fprintf(&b, "%d%s", n, u.suffix)
			ms -= n * u.ms
		}
	}
	if ms > 0 {
		fmt.Fprintf(&b, "%dms", ms)
	}
	return b.String()
}

// FormatIEC writes bytes in binary units: "1 GiB", "1.5 MiB", "1000 B".
func FormatIEC(n int64) string {
	if Saturated(n) {
		return "≥8 EiB" // a sum that reached int64's ceiling: see AddBytes
	}
	units := []string{"B", "KiB", "MiB", "GiB", "TiB", "PiB"}
	f, i := float64(n), 0
	for f >= 1024 && i < len(units)-1 {
		f /= 1024
		i++
	}
	if f == math.Trunc(f) {
		return fmt.Sprintf("%.0f %s", f, units[i])
	}
	return fmt.Sprintf("%.1f %s", f, units[i])
}

var (
	durationPart = regexp.MustCompile(`^(\d+(?:\.\d+)?)(ms|s|m|h|d|w)`)
	sizeValue    = regexp.MustCompile(`^(\d+(?:\.\d+)?)\s*([kKmMgGtTpP]?)(i?)[bB]?$`)
)

// ParseConfigValue reads a value typed for a config into what Kafka
// takes. A duration (….ms) may be written "7d", "1h30m", "500ms"; a size
// (….bytes) "1 GiB", "512MiB", "10 GB"; both may be -1 (unlimited) or a
// plain number. Values of a known set are checked against it. An error
// says why the broker would refuse the value.
func ParseConfigValue(name, input string) (string, error) {
	v := strings.TrimSpace(input)
	switch {
	case isDuration(name):
		return parseMillis(name, v)
	case isSize(name):
		return parseBytes(name, v)
	case strings.HasSuffix(name, ".enable"):
		if v != "true" && v != "false" {
			return "", fmt.Errorf("%s is true or false, not %q", name, v)
		}
	case name == "min.insync.replicas":
		if n, err := strconv.Atoi(v); err != nil || n < 1 {
			return "", fmt.Errorf("%s is a number of replicas, 1 or more, not %q", name, v)
		}
	}
	if choices, ok := configChoices[name]; ok && !slices.Contains(choices, v) {
		return "", fmt.Errorf("%s is one of %s, not %q", name, strings.Join(choices, ", "), v)
	}
	return v, nil
}

func parseMillis(name, v string) (string, error) {
	if n, err := strconv.ParseInt(v, 10, 64); err == nil && n >= -1 {
		return v, nil
	}
	rest, total := v, 0.0
	for rest != "" {
		m := durationPart.FindStringSubmatch(rest)
		if m == nil {
			return "", fmt.Errorf("%s is milliseconds, or a duration such as 7d, 12h or 1h30m, or -1 for unlimited; not %q", name, v)
		}
		n, _ := strconv.ParseFloat(m[1], 64)
		total += n * float64(map[string]time.Duration{"ms": time.Millisecond, "s": time.Second, "m": time.Minute,
			"h": time.Hour, "d": 24 * time.Hour, "w": 7 * 24 * time.Hour}[m[2]].Milliseconds())
		rest = rest[len(m[0]):]
	}
	if total != math.Trunc(total) || total > math.MaxInt64 {
		return "", fmt.Errorf("%s: %q is not a whole number of milliseconds", name, v)
	}
	return strconv.FormatInt(int64(total), 10), nil
}

func parseBytes(name, v string) (string, error) {
	if n, err := strconv.ParseInt(v, 10, 64); err == nil && n >= -1 {
		return v, nil
	}
	m := sizeValue.FindStringSubmatch(v)
	if m == nil {
		return "", fmt.Errorf("%s is bytes, or a size such as 1 GiB or 512 MB, or -1 for unlimited; not %q", name, v)
	}
	n, _ := strconv.ParseFloat(m[1], 64)
	base := 1000.0
	if m[3] != "" {
		base = 1024
	}
	n *= math.Pow(base, float64(strings.Index("kmgtp", strings.ToLower(m[2]))+1))
	if n != math.Trunc(n) || n > math.MaxInt64 {
		return "", fmt.Errorf("%s: %q is not a whole number of bytes", name, v)
	}
	return strconv.FormatInt(int64(n), 10), nil
}

// ParseConfigs reads typed configs as ParseConfigValue reads each, in
// name order, failing on the first Kafka would refuse.
func ParseConfigs(typed map[string]string) (map[string]string, error) {
	out := make(map[string]string, len(typed))
	names := make([]string, 0, len(typed))
	for name := range typed {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		v, err := ParseConfigValue(name, typed[name])
		if err != nil {
			return nil, err
		}
		out[name] = v
	}
	return out, nil
}
